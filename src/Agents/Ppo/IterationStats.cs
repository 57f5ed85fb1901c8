using Rims.Envs.Vector;

namespace Rims.Agents.Ppo;

/// <summary>What one PPO iteration (rollout + update) produced, for logs and the progress display.</summary>
public sealed record IterationStats
{
    /// <summary>1-based iteration number.</summary>
    public required long Iteration { get; init; }

    /// <summary>Agent steps so far, all envs together.</summary>
    public required long GlobalStep { get; init; }

    /// <summary>Agent steps per second of this iteration (rollout + update).</summary>
    public required double Sps { get; init; }

    /// <summary>Learning rate used by this update.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Mean losses and diagnostics over the update's minibatches (CleanRL's names).</summary>
    public required double ValueLoss { get; init; }

    /// <inheritdoc cref="ValueLoss"/>
    public required double PolicyLoss { get; init; }

    /// <inheritdoc cref="ValueLoss"/>
    public required double Entropy { get; init; }

    /// <inheritdoc cref="ValueLoss"/>
    public required double ApproxKl { get; init; }

    /// <inheritdoc cref="ValueLoss"/>
    public required double ClipFrac { get; init; }

    /// <summary>1 - Var(returns - values) / Var(returns) over the rollout.</summary>
    public required double ExplainedVariance { get; init; }

    /// <summary>Episodes (whole games) that ended during the rollout, with the global step they ended at.</summary>
    public required IReadOnlyList<(long GlobalStep, EpisodeEnd Episode)> Episodes { get; init; }

    /// <summary>For modular cores: the fraction of steps each unit was active, else null.</summary>
    public double[]? UnitActivation { get; init; }

    /// <summary>Where the time went, in seconds.</summary>
    public required IterationProfile Profile { get; init; }
}

/// <summary>Wall time of one iteration split by phase (seconds).</summary>
/// <param name="Env">Stepping the environments.</param>
/// <param name="Acting">Policy forward passes while collecting the rollout (plus sampling).</param>
/// <param name="UpdateForward">Sequence replays and losses during the update.</param>
/// <param name="Backward">Backward passes.</param>
/// <param name="Optimizer">Gradient clipping and Adam steps.</param>
/// <param name="Total">The whole iteration.</param>
public sealed record IterationProfile(double Env, double Acting, double UpdateForward, double Backward, double Optimizer, double Total)
{
    /// <summary>Time not in any named phase (GAE, copies, bookkeeping).</summary>
    public double Other => Math.Max(0, Total - Env - Acting - UpdateForward - Backward - Optimizer);
}
