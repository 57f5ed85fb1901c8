namespace Rims.Agents.Ppo;

/// <summary>
/// One finished PPO iteration as the training API reports it (<see cref="TrainingOptions.Progress"/>): the values just
/// written to progress.csv, a snapshot of the recent episodes, and the trainer's own statistics.
/// </summary>
/// <param name="Iteration">1-based iteration number.</param>
/// <param name="TotalIterations">Iterations the run performs in all (<see cref="PpoConfig.Iterations"/>).</param>
/// <param name="GlobalStep">Agent steps trained so far, all envs together.</param>
/// <param name="Metrics">
/// Every progress.csv column of this iteration by tag, exactly as written (the tags of <see cref="ProgressMetrics"/>:
/// CleanRL's "charts/episodic_return", "losses/value_loss", ...); null where the row's cell is empty (e.g. no episode ended).
/// </param>
/// <param name="RecentMeanReturn">Mean raw return of the last (up to) 100 finished episodes of the run; NaN before the first ends.</param>
/// <param name="Episodes">Episodes finished in the run so far.</param>
/// <param name="RecentSuccessRate">Success rate (0-1) of the last 100 episodes, for envs with the notion, else null.</param>
/// <param name="Stats">The trainer's statistics of the iteration (losses, phase times, the episodes that ended in it).</param>
public sealed record IterationProgress(
    long Iteration,
    long TotalIterations,
    long GlobalStep,
    IReadOnlyDictionary<string, double?> Metrics,
    double RecentMeanReturn,
    long Episodes,
    double? RecentSuccessRate,
    IterationStats Stats);
