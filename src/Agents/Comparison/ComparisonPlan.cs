using Rims.Agents.Ppo;

namespace Rims.Agents.Comparison;

/// <summary>
/// A side-by-side comparison: every (core, seed) pair trained as an ordinary run with the same settings,
/// each final checkpoint evaluated on the training env and on every evaluation env.
/// </summary>
public sealed record ComparisonPlan
{
    /// <summary>Settings shared by every run (Core and Seed are overridden per run).</summary>
    public required PpoConfig Base { get; init; }

    /// <summary>Cores to compare.</summary>
    public required IReadOnlyList<string> Cores { get; init; }

    /// <summary>Seeds 1..Seeds per core.</summary>
    public required int Seeds { get; init; }

    /// <summary>Extra envs every final policy is evaluated on (the training env always is).</summary>
    public IReadOnlyList<string> EvalEnvs { get; init; } = [];

    /// <summary>Evaluation games per env.</summary>
    public int EvalEpisodes { get; init; } = 100;

    /// <summary>Name of the comparison: runs go to runs/NAME/, the report to runs/reports/NAME/.</summary>
    public required string Name { get; init; }

    /// <summary>Runs trained at the same time (child processes when above 1).</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Root of the runs folder.</summary>
    public string RunsRoot { get; init; } = "runs";

    /// <summary>The (core, seed) configs, in order.</summary>
    public IEnumerable<PpoConfig> Runs() =>
        from core in Cores from seed in Enumerable.Range(1, Seeds) select Base with { Core = core, Seed = seed };

    /// <summary>
    /// The folder of one run: runs/NAME/{env}__{core}__{seed}, without a time stamp, so running the same comparison
    /// again finds its runs (to keep, resume or train them).
    /// </summary>
    public string RunDirectory(PpoConfig run) => Path.Combine(RunsRoot, Name, $"{run.Env.Replace('/', '-')}__{run.Core}__{run.Seed}");

    /// <summary>Checks the plan, naming the option that is wrong.</summary>
    public void Validate()
    {
        if (Cores.Count == 0) throw new ArgumentException("--cores must name at least one core (lstm, gru, rims)");
        foreach (var core in Cores)
            if (!CoreFactory.Names.Contains(core)) throw new ArgumentException($"--cores: '{core}' is not {CoreFactory.NamesText}");
        if (Seeds < 1) throw new ArgumentException($"--seeds must be at least 1 (got {Seeds})");
        if (EvalEpisodes < 1) throw new ArgumentException($"--eval-episodes must be at least 1 (got {EvalEpisodes})");
        if (Parallel < 1) throw new ArgumentException($"--parallel must be at least 1 (got {Parallel})");
        if (string.IsNullOrWhiteSpace(Name) || Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"--name '{Name}' must be a plain folder name");
        Base.Validate();
    }
}
