namespace Rims.Envs;

/// <summary>What one <see cref="IEnv.Step"/> returns (gymnasium semantics).</summary>
public readonly record struct StepResult
{
    /// <summary>
    /// A step's result. An env without lives, clipping or a success notion may leave <paramref name="info"/> out (or pass
    /// <c>default</c>): the statistics then follow the learner's view, raw reward = <paramref name="reward"/> and the game
    /// ends when the learner's episode does. Without this a plugin env returning <c>default</c> never ended an episode
    /// for the statistics, so training counted none and evaluation never finished.
    /// </summary>
    /// <param name="reward">The reward the learner sees (possibly clipped or per-life by wrappers).</param>
    /// <param name="terminated">The episode reached a terminal state: do not bootstrap past it.</param>
    /// <param name="truncated">The episode was cut by a time limit: bootstrap from the final observation.</param>
    /// <param name="info">Side information for statistics, never for learning; null: see above.</param>
    public StepResult(float reward, bool terminated, bool truncated, StepInfo? info = null)
    {
        Reward = reward;
        Terminated = terminated;
        Truncated = truncated;
        Info = info ?? new StepInfo(reward, terminated || truncated);
    }

    /// <summary>The reward the learner sees (possibly clipped or per-life by wrappers).</summary>
    public float Reward { get; init; }

    /// <summary>The episode reached a terminal state: do not bootstrap past it.</summary>
    public bool Terminated { get; init; }

    /// <summary>The episode was cut by a time limit: bootstrap from the final observation.</summary>
    public bool Truncated { get; init; }

    /// <summary>Side information for statistics, never for learning (given, or made from the reward and <see cref="Done"/>).</summary>
    public StepInfo Info { get; init; }

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
