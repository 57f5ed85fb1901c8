namespace Rims.Envs;

/// <summary>
/// A single environment. Observations are written into caller-owned buffers of
/// <see cref="ObservationSpec.Size"/> bytes so a vectorised step allocates nothing.
/// </summary>
public interface IEnv : IDisposable
{
    /// <summary>The fixed observation layout.</summary>
    ObservationSpec ObservationSpec { get; }

    /// <summary>Number of discrete actions; actions are 0..ActionCount-1.</summary>
    int ActionCount { get; }

    /// <summary>Human-readable action names, ActionCount of them.</summary>
    IReadOnlyList<string> ActionNames { get; }

    /// <summary>
    /// Starts a new episode and writes its first observation. A seed re-seeds the env's random stream
    /// (gymnasium: pass it on the first reset only); null continues the current stream.
    /// </summary>
    void Reset(Span<byte> observation, int? seed = null);

    /// <summary>Applies <paramref name="action"/> and writes the next observation.</summary>
    StepResult Step(int action, Span<byte> observation);
}
