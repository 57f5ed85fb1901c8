namespace Rims.Agents.Evaluation;

/// <summary>
/// What a user asks of an evaluation (the `eval` verb's options, and the training API's): an <see cref="EvaluationSession"/>
/// turns them into the <see cref="EvalSettings"/> <see cref="Evaluator.Run"/> plays, with the env id resolved and the result labelled.
/// </summary>
public sealed record EvalOptions
{
    /// <summary>Env id to play (null: the checkpoint's training env; required for the random policy).</summary>
    public string? Env { get; init; }

    /// <summary>Whole games (all lives) to play; at least 1.</summary>
    public int Episodes { get; init; } = 30;

    /// <summary>Seed of the first reset and of action sampling; 0 or more.</summary>
    public int Seed { get; init; } = 12345;

    /// <summary>Greedy (argmax) actions instead of sampled ones.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Atari ROM folder (null: the checkpoint's, else $RIMS_ROMS, else ./roms).</summary>
    public string? Roms { get; init; }

    /// <summary>Checks the counts.</summary>
    /// <exception cref="ArgumentException">The message names the option (--episodes, --seed) and the allowed range.</exception>
    public void Validate()
    {
        if (Episodes < 1) throw new ArgumentException($"--episodes must be at least 1 (got {Episodes})");
        if (Seed < 0) throw new ArgumentException($"--seed must be 0 or more (got {Seed})");
    }
}
