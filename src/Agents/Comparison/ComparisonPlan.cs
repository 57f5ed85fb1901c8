using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Envs;

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

    /// <summary>Seeds per core: <see cref="FirstSeed"/> .. <see cref="FirstSeed"/> + Seeds - 1.</summary>
    public required int Seeds { get; init; }

    /// <summary>
    /// The first seed (default 1): a comparison split over machines or clusters gives each part its own seeds (e.g.
    /// 1-3 on one, --first-seed 4 on another), so their run folders never collide and `report` can pool them.
    /// </summary>
    public int FirstSeed { get; init; } = 1;

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
        from core in Cores from seed in Enumerable.Range(FirstSeed, Seeds) select Base with { Core = core, Seed = seed };

    /// <summary>
    /// The folder of one run: runs/NAME/{env}__{core}__{seed}, without a time stamp, so running the same comparison
    /// again finds its runs (to keep, resume or train them).
    /// </summary>
    public string RunDirectory(PpoConfig run) => Path.Combine(RunsRoot, Name, $"{run.Env.Replace('/', '-')}__{run.Core}__{run.Seed}");

    /// <summary>
    /// Checks everything the comparison will need before any training, so a typo never costs hours: the options
    /// (core names, duplicates, counts, the PPO settings), every env id with the env options, the files the envs
    /// need (each env is built once and dropped, which finds missing Atari ROMs), and that the run and report
    /// folders can be written.
    /// </summary>
    /// <exception cref="ArgumentException">A bad option value; the message names the option.</exception>
    /// <exception cref="IOException">A file an env needs is missing or unreadable, or an output folder is not a folder.</exception>
    /// <exception cref="UnauthorizedAccessException">An output folder cannot be written.</exception>
    public void Validate()
    {
        if (Cores.Count == 0) throw new ArgumentException($"--cores must name at least one core ({CoreFactory.NamesText})");
        foreach (var core in Cores)
            if (!CoreFactory.Names.Contains(core)) throw new ArgumentException($"--cores: '{core}' is not {CoreFactory.NamesText}");
        if (Cores.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"--cores names '{twice.Key}' twice; each core is trained once per seed");
        if (Seeds < 1) throw new ArgumentException($"--seeds must be at least 1 (got {Seeds})");
        // Each run's config then checks its own seed (--seed's rule: one seed per env must fit an int); said here in compare's terms.
        if (FirstSeed < 0 || (long)FirstSeed + Seeds - 1 + Base.NumEnvs - 1 > int.MaxValue)
            throw new ArgumentException($"--first-seed must be 0 or more and leave room for --seeds {Seeds} runs of {Base.NumEnvs} env seeds each " +
                                        $"(first seed + seeds + num-envs - 2 <= {int.MaxValue}) (got {FirstSeed})");
        if (EvalEpisodes < 1) throw new ArgumentException($"--eval-episodes must be at least 1 (got {EvalEpisodes})");
        if (Parallel < 1) throw new ArgumentException($"--parallel must be at least 1 (got {Parallel})");
        FolderName.Check("--name", Name);
        foreach (var config in Runs()) config.ValidateForRun();
        foreach (var env in EvalEnvs)
        {
            try
            {
                EnvRegistry.Default.Check(env, Base.EnvSettings);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--eval-envs: {e.Message}", e);
            }
        }
        // Each env is built once (which finds missing ROMs), and every eval env must fit the policy trained on the
        // training env: same observation layout and action count, or its evaluation would fail only after training.
        using (var trainingEnv = EnvRegistry.Default.Make(Base.Env, Base.EnvSettings))
            foreach (var env in EvalEnvs.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                using var evalEnv = EnvRegistry.Default.Make(env, Base.EnvSettings);
                if (!evalEnv.ObservationSpec.SameLayout(trainingEnv.ObservationSpec) || evalEnv.ActionCount != trainingEnv.ActionCount)
                    throw new ArgumentException(
                        $"--eval-envs: {env} (observation {evalEnv.ObservationSpec}, {evalEnv.ActionCount} actions) cannot be played by a policy " +
                        $"trained on {Base.Env} (observation {trainingEnv.ObservationSpec}, {trainingEnv.ActionCount} actions); evaluate on envs of the same family");
            }
        // A folder already holding one of these runs with other settings stops the comparison here, before any training.
        // The message is a resume's; a compare run again with other settings more often meant a new comparison.
        foreach (var config in Runs())
            try
            {
                ExistingRun.Inspect(config, RunDirectory(config));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{e.Message}; to compare other settings, give another --name", e);
            }
        CheckWritable(Path.Combine(RunsRoot, Name));
        CheckWritable(Path.Combine(RunsRoot, "reports", Name));
    }

    /// <summary>
    /// Throws unless <paramref name="folder"/> could be created and written: a probe file is created and deleted in it,
    /// or in its nearest existing ancestor when it does not exist yet (so nothing is left behind).
    /// </summary>
    private static void CheckWritable(string folder)
    {
        var existing = Path.GetFullPath(folder);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new IOException($"{existing} is a file, so the output folder {folder} cannot be created there");
            existing = Path.GetDirectoryName(existing) ?? throw new IOException($"no folder of {folder} exists");
        }
        var probe = Path.Combine(existing, $".rims-write-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException($"the output folder {folder} cannot be written ({existing} is not writable); choose another --runs-root");
        }
    }
}
