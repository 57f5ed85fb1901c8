namespace Rims.Agents.Evaluation;

/// <summary>Uniformly random actions from a seeded stream (the random-agent baseline).</summary>
public sealed class RandomPolicy(int actionCount, int seed) : EvalPolicy
{
    private readonly Random random = new(seed);

    /// <inheritdoc />
    public override void BeginEpisode() { }

    /// <inheritdoc />
    public override int Act(ReadOnlySpan<byte> observation, Span<int> activeUnits) => random.Next(actionCount);
}
