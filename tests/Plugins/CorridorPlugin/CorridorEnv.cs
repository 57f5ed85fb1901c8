using Rims.Envs;

namespace Rims.Tests.Plugins;

/// <summary>
/// A corridor of <see cref="CorridorRules.Length"/> cells: the observation is the one-hot cell, action 1 steps right,
/// action 0 left; reaching the last cell ends the episode with reward 1 (success), <see cref="CorridorRules.MaxSteps"/> truncates.
/// </summary>
/// <param name="failInStep">Throw in the third Step of an episode (a plugin bug, for the error contract's tests).</param>
public sealed class CorridorEnv(bool failInStep = false) : IEnv
{
    private int cell, steps;

    /// <inheritdoc />
    public ObservationSpec ObservationSpec { get; } = new(new ObservationPart("cell", [CorridorRules.Length]));

    /// <inheritdoc />
    public int ActionCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames { get; } = ["left", "right"];

    /// <inheritdoc />
    public void Reset(Span<byte> observation, int? seed = null)
    {
        cell = steps = 0;
        Write(observation);
    }

    /// <inheritdoc />
    public StepResult Step(int action, Span<byte> observation)
    {
        steps++;
        if (failInStep && steps == 3) throw new InvalidOperationException("the corridor broke in its third step");
        cell = Math.Clamp(cell + (action == 1 ? 1 : -1), 0, CorridorRules.Length - 1);
        Write(observation);
        bool won = cell == CorridorRules.Length - 1, truncated = !won && steps >= CorridorRules.MaxSteps;
        float reward = won ? 1 : 0;
        return new StepResult(reward, won, truncated, new StepInfo(reward, won || truncated, won ? (sbyte)1 : truncated ? (sbyte)0 : (sbyte)-1));
    }

    private void Write(Span<byte> observation)
    {
        observation.Clear();
        observation[cell] = 255;
    }

    /// <inheritdoc />
    public void Dispose() { }
}
