namespace Rims.Envs;

/// <summary>What one <see cref="IEnv.Step"/> returns (gymnasium semantics).</summary>
/// <param name="Reward">The reward the learner sees (possibly clipped or per-life by wrappers).</param>
/// <param name="Terminated">The episode reached a terminal state: do not bootstrap past it.</param>
/// <param name="Truncated">The episode was cut by a time limit: bootstrap from the final observation.</param>
/// <param name="Info">Side information for statistics, never for learning.</param>
public readonly record struct StepResult(float Reward, bool Terminated, bool Truncated, StepInfo Info)
{
    /// <summary>The learner's episode ended, one way or the other.</summary>
    public bool Done => Terminated || Truncated;
}

/// <summary>
/// Per-step side information. Statistics (episodic return and length) follow the real game, not the learner's
/// view: with episodic-life wrapping a life loss terminates the learner's episode while the game goes on, and
/// clipped rewards are what the learner sees while <see cref="RawReward"/> is what the game paid.
/// </summary>
/// <param name="RawReward">The unclipped reward of the underlying game for this step.</param>
/// <param name="GameOver">The underlying game ended this step (the statistics episode ends); with no life
/// semantics this equals terminated || truncated.</param>
/// <param name="Success">For tasks with a success notion: 1 success, 0 failure, -1 not applicable or not ended.</param>
public readonly record struct StepInfo(float RawReward, bool GameOver, sbyte Success = -1);
