namespace Rims.Agents.Evaluation;

/// <summary>What <see cref="Evaluator.Run"/> plays and how its <see cref="Runs.EvalResult"/> is labelled.</summary>
/// <param name="EnvId">The evaluated env id, as written to the result.</param>
/// <param name="Episodes">Whole games to play (all lives); at least 1.</param>
/// <param name="Seed">Seed of the env's first reset; later games continue its random stream (gymnasium).</param>
/// <param name="Deterministic">The policy acts greedily (recorded in the result; the policy itself is built with it).</param>
/// <param name="CheckpointLabel">The checkpoint path relative to its run folder, or "random".</param>
/// <param name="TrainEnv">The env the policy was trained on (null for the random policy).</param>
public sealed record EvalSettings(string EnvId, int Episodes, int Seed, bool Deterministic, string CheckpointLabel, string? TrainEnv = null);
