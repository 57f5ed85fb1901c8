namespace Rims.Agents.Runs;

/// <summary>
/// An evaluation, as written to a run folder's evals/&lt;env&gt;.json (snake_case). Returns are raw full-game
/// scores; successes are 1/0, or -1 where the env has no success notion.
/// </summary>
public sealed record EvalResult
{
    /// <summary>
    /// Reads an evaluation file: JSON of this shape (<see cref="RunJson.Read{T}"/>) with one return per episode, at least
    /// one; reports and `compare` read evaluations through this, so both take the same files as damaged.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, or its returns do not match its episode count; the message names the file and the fix.</exception>
    public static EvalResult Read(string path)
    {
        var result = RunJson.Read<EvalResult>(path);
        if (result.Returns.Length == 0 || result.Returns.Length != result.Episodes)
            throw new InvalidDataException($"{path} has {Counted.Of(result.Returns.Length, "return")} for {Counted.Of(result.Episodes, "episode")}; {RunJson.RestoreOrRewrite}");
        return result;
    }

    /// <summary>Evaluated env id.</summary>
    public required string Env { get; init; }

    /// <summary>The env the policy was trained on (null for the random policy).</summary>
    public string? TrainEnv { get; init; }

    /// <summary>Checkpoint path relative to the run folder, or "random".</summary>
    public required string Checkpoint { get; init; }

    /// <summary>Number of episodes.</summary>
    public required int Episodes { get; init; }

    /// <summary>Seed of the first reset.</summary>
    public required int Seed { get; init; }

    /// <summary>Greedy actions instead of sampled ones.</summary>
    public required bool Deterministic { get; init; }

    /// <summary>Raw return of each episode.</summary>
    public required double[] Returns { get; init; }

    /// <summary>Length (agent steps) of each episode.</summary>
    public required int[] Lengths { get; init; }

    /// <summary>Success of each episode (1/0, -1 when not applicable).</summary>
    public required int[] Successes { get; init; }

    /// <summary>Mean return.</summary>
    public required double Mean { get; init; }

    /// <summary>Standard deviation of the return (population).</summary>
    public required double Std { get; init; }

    /// <summary>Interquartile mean of the return.</summary>
    public required double Iqm { get; init; }

    /// <summary>Smallest return.</summary>
    public required double Min { get; init; }

    /// <summary>Largest return.</summary>
    public required double Max { get; init; }

    /// <summary>Success rate over episodes with the notion (null if none has).</summary>
    public double? SuccessRate { get; init; }

    /// <summary>For RIMs: fraction of steps each unit was active, over all episodes.</summary>
    public double[]? UnitActivation { get; init; }

    /// <summary>For RIMs: the active units (0/1 per unit) at every step of the first episode.</summary>
    public int[][]? ActivationTrace { get; init; }
}
