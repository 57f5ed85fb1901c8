namespace Rims.Agents.Evaluation;

/// <summary>A policy to evaluate: a trained checkpoint or uniformly random actions.</summary>
public abstract class EvalPolicy : IDisposable
{
    /// <summary>Called before each learner episode (after a reset, including life losses).</summary>
    public abstract void BeginEpisode();

    /// <summary>Chooses the action for <paramref name="observation"/>; <paramref name="activeUnits"/> gets the RIMs mask if any.</summary>
    public abstract int Act(ReadOnlySpan<byte> observation, Span<int> activeUnits);

    /// <summary>Number of modular units (0 for monolithic cores and the random policy).</summary>
    public virtual int Units => 0;

    /// <inheritdoc />
    public virtual void Dispose() => GC.SuppressFinalize(this);
}
