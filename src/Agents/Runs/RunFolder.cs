using System.Text.Json.Nodes;
using Rims.Envs;
using Serilog;
using Serilog.Core;
using TorchSharp.Modules;
using static TorchSharp.torch.utils.tensorboard;

namespace Rims.Agents.Runs;

/// <summary>
/// A run's output folder (DESIGN.md §2): config.json, progress.csv (one row per iteration), episodes.csv (one
/// row per finished episode), TensorBoard events, run.log, checkpoints/, and summary.json when the run ends.
/// </summary>
public sealed class RunFolder : IDisposable
{
    /// <summary>Header of episodes.csv.</summary>
    public static readonly string[] EpisodeColumns = ["global_step", "episodic_return", "episodic_length", "success"];

    private RunFolder(string path, CsvLog progress, CsvLog? episodes)
    {
        Path = path;
        if (episodes is not null) Directory.CreateDirectory(CheckpointsPath);
        Progress = progress;
        Episodes = episodes;
        // A resumed run gets a new events file beside the old ones (SummaryWriter names files by creation time).
        Board = SummaryWriter(path);
        Log = new LoggerConfiguration()
            .WriteTo.File(System.IO.Path.Combine(path, "run.log"), outputTemplate: "{Timestamp:u} {Level:u3} {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Where checkpoints go.</summary>
    public string CheckpointsPath => System.IO.Path.Combine(Path, "checkpoints");

    /// <summary>progress.csv.</summary>
    public CsvLog Progress { get; }

    /// <summary>episodes.csv; null in the folder of a run without episodes (a `paper` sequence-model run).</summary>
    public CsvLog? Episodes { get; }

    /// <summary>TensorBoard events (CleanRL's scalar names).</summary>
    public SummaryWriter Board { get; }

    /// <summary>The run's log file.</summary>
    public Logger Log { get; }

    /// <summary>The default folder name: {env}__{core}__{seed}__{utc time}, with '/' in env ids replaced.</summary>
    public static string DefaultName(string env, string core, int seed, DateTime utc) =>
        $"{env.Replace('/', '-')}__{core}__{seed}__{utc:yyyyMMdd-HHmmss}";

    /// <summary>
    /// Creates the folder for a new run and writes config.json. The folder must not already hold a run, so results
    /// are never overwritten or mixed: it is claimed by creating config.json exclusively (O_CREAT | O_EXCL), so of
    /// two runs started into one folder at the same moment exactly one gets it.
    /// </summary>
    /// <exception cref="IOException">The folder already holds a run (or another run claimed it first).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    /// <param name="path">The run folder.</param>
    /// <param name="config">config.json's content.</param>
    /// <param name="progressColumns">progress.csv's header.</param>
    /// <param name="episodic">
    /// False for a run that plays no episodes and saves no checkpoints (`paper copying`, `paper seqmnist`): it gets
    /// no episodes.csv and no checkpoints/ folder, rather than an empty file a reader would take for a run that never
    /// finished an episode.
    /// </param>
    public static RunFolder Create(string path, JsonObject config, IReadOnlyList<string> progressColumns, bool episodic = true)
    {
        Claim(path);
        AtomicFile.WriteAllText(ConfigPath(path), config.ToJsonString(RunJson.Options));
        return new RunFolder(path, new CsvLog(ProgressFile(path), progressColumns), episodic ? new CsvLog(EpisodesFile(path), EpisodeColumns) : null);
    }

    /// <summary>
    /// Reopens the folder of a stopped run to continue it from the checkpoint taken after
    /// <paramref name="iteration"/> (at <paramref name="globalStep"/>): progress.csv and episodes.csv keep their rows
    /// up to the checkpoint and drop the later ones; run.log is appended to; summary.json is removed until the run
    /// ends again.
    /// </summary>
    /// <exception cref="InvalidDataException">A log's header differs from the one this run writes.</exception>
    public static RunFolder Continue(string path, IReadOnlyList<string> progressColumns, long iteration, long globalStep)
    {
        File.Delete(System.IO.Path.Combine(path, "summary.json"));
        return new RunFolder(path, CsvLog.Continue(ProgressFile(path), progressColumns, iteration),
            CsvLog.Continue(EpisodesFile(path), EpisodeColumns, globalStep));
    }

    private static string ProgressFile(string path) => System.IO.Path.Combine(path, "progress.csv");

    private static string EpisodesFile(string path) => System.IO.Path.Combine(path, "episodes.csv");

    /// <summary>File name of the checkpoint a finished (or stopped) run leaves in checkpoints/.</summary>
    public const string FinalCheckpointFile = "final.ckpt";

    /// <summary>File name of the periodic checkpoint written after <paramref name="iteration"/> (--save-every): iter_000050.ckpt.</summary>
    public static string PeriodicCheckpointFile(long iteration) => $"iter_{iteration:D6}.ckpt";

    /// <summary>The iteration a periodic checkpoint's file name holds (iter_000050.ckpt: 50); null for any other file (final.ckpt).</summary>
    public static long? PeriodicCheckpointIteration(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        return name.StartsWith("iter_", StringComparison.Ordinal) && name.EndsWith(".ckpt", StringComparison.Ordinal) &&
               long.TryParse(name.AsSpan(5, name.Length - 10), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long iteration)
            ? iteration
            : null;
    }

    /// <summary>
    /// Where the evaluation of <paramref name="checkpointPath"/> on <paramref name="envId"/> is written:
    /// evals/&lt;env&gt;.json for the final checkpoint, evals/&lt;env&gt;__&lt;checkpoint name&gt;.json (e.g.
    /// evals/GridPickup__iter_000050.json) for any other, so evaluating an intermediate checkpoint never overwrites the
    /// final one's evaluation ('/' in env ids becomes '-').
    /// </summary>
    public static string EvalPath(string runDirectory, string envId, string checkpointPath)
    {
        string name = envId.Replace('/', '-');
        if (!IsFinalCheckpoint(checkpointPath))
            name += "__" + System.IO.Path.GetFileNameWithoutExtension(checkpointPath);
        return System.IO.Path.Combine(EvalsDirectory(runDirectory), name + ".json");
    }

    /// <summary>
    /// Deletes the evaluations of the final checkpoint (every evals/*.json whose "checkpoint" names final.ckpt, <see cref="IsFinalCheckpoint"/>),
    /// for a run that has just replaced final.ckpt by a newer one (`ppo --resume` training further): they describe the
    /// old policy under the new one's name, and a report would score the run by them. Returns the deleted files.
    /// Evaluations of iter_*.ckpt stay: their checkpoint, kept or deleted, never changes.
    /// </summary>
    public static IReadOnlyList<string> DeleteFinalCheckpointEvaluations(string runDirectory)
    {
        var folder = EvalsDirectory(runDirectory);
        if (!Directory.Exists(folder)) return [];
        var deleted = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            string? checkpoint;
            try
            {
                checkpoint = (string?)JsonNode.Parse(File.ReadAllText(file))?["checkpoint"];
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                continue;   // not an evaluation this run wrote; leave it
            }
            if (checkpoint is null || !IsFinalCheckpoint(checkpoint)) continue;
            File.Delete(file);
            deleted.Add(file);
        }
        return deleted;
    }

    /// <summary>Whether <paramref name="checkpointPath"/> (a path, or an evaluation's "checkpoint" field) names a run's final checkpoint.</summary>
    public static bool IsFinalCheckpoint(string checkpointPath) => System.IO.Path.GetFileName(checkpointPath) == FinalCheckpointFile;

    /// <summary>The evals/ folder of the run folder at <paramref name="runDirectory"/>, where <see cref="EvalPath"/> writes.</summary>
    public static string EvalsDirectory(string runDirectory) => System.IO.Path.Combine(runDirectory, "evals");

    /// <summary>config.json of the run folder at <paramref name="path"/>.</summary>
    public static string ConfigPath(string path) => System.IO.Path.Combine(path, "config.json");

    /// <summary>
    /// For an error about a folder that is not a run folder: where the run folders inside <paramref name="path"/> are
    /// (one or two levels down), or "" when there are none. A glob (P/*, P/*/*) is offered only when it matches exactly
    /// the run folders there (nothing else at that level), else a count and examples. A report folder (it has report.md)
    /// is named as one and pointed to its Provenance, which lists every run it pooled and the command that built it.
    /// </summary>
    /// <param name="path">The folder given.</param>
    /// <param name="oneRun">The verb takes one run folder (ppo --resume): "give one of them" rather than a glob.</param>
    public static string RunsInsideHint(string path, bool oneRun = false)
    {
        bool report = File.Exists(System.IO.Path.Combine(path, "report.md"));
        var runs = RunsInside(report ? System.IO.Path.Combine(path, "runs") : path);
        string where = runs.Count == 0 ? ""
            : oneRun ? $"it holds run folders, e.g. {runs[0].Examples[0]}: give one of them"
            : $"{(report ? "its runs are" : "it holds run folders:")} {string.Join(" and ", runs.Select(r => r.Glob ?? $"{Counted.Of(r.Count, "run folder")} {r.Level} down, e.g. {string.Join(", ", r.Examples)}"))}";
        if (report)
            return $"; it is a report folder{(where.Length > 0 ? ": " + where : "")}; its report.md lists every run it pooled and the command that built it under Provenance";
        return where.Length > 0 ? $"; {where}" : "";
    }

    // The run folders (those with config.json) one and two levels under folder: per level, their count, up to two
    // examples, and a glob when it matches them and nothing else.
    private static List<(string Level, int Count, string? Glob, List<string> Examples)> RunsInside(string folder)
    {
        var found = new List<(string, int, string?, List<string>)>();
        if (!Directory.Exists(folder)) return found;
        var parents = new List<string> { folder };
        var glob = folder;
        foreach (var level in new[] { "one level", "two levels" })
        {
            var entries = parents.SelectMany(EntriesOf).Order(StringComparer.Ordinal).ToList();
            var runs = entries.Where(e => File.Exists(ConfigPath(e))).ToList();
            glob = System.IO.Path.Combine(glob, "*");
            // P/*/* would also match the files inside run folders one level up, so it is exact only without them.
            bool exact = runs.Count == entries.Count && found.Count == 0;
            if (runs.Count > 0) found.Add((level, runs.Count, exact ? glob : null, [.. runs.Take(2)]));
            parents = [.. entries.Where(e => Directory.Exists(e) && !File.Exists(ConfigPath(e)))];
        }
        return found;
    }

    // Every file and folder in folder, as a shell glob sees them (names starting with '.' left out).
    private static IEnumerable<string> EntriesOf(string folder)
    {
        try
        {
            return Directory.GetFileSystemEntries(folder).Where(e => !System.IO.Path.GetFileName(e).StartsWith('.'));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }

    /// <summary>
    /// Checks, before anything is built, that a new run may be started in <paramref name="path"/> (so a command refuses
    /// an occupied --run-dir before printing anything about the training). <see cref="Create"/> checks again atomically.
    /// </summary>
    /// <exception cref="IOException"><paramref name="path"/> is a file, or already holds a run.</exception>
    public static void RequireNoRun(string path)
    {
        InputPaths.RequireFolderOrNothing(path, "--run-dir");
        if (File.Exists(ConfigPath(path))) throw new IOException(AlreadyHoldsARun(path));
    }

    /// <summary>
    /// The fix for a run's missing or damaged config.json: nothing can rebuild it (it records the run's command, settings
    /// and provenance), so a copy, or training the run again.
    /// </summary>
    public const string RestoreConfig = "restore the run's config.json from a copy, or delete the run folder to train the run again";

    private static string AlreadyHoldsARun(string path) => $"{path} already holds a run (config.json exists); choose another --run-dir";

    /// <summary>Creates <paramref name="path"/> and an empty config.json in it, failing if config.json exists.</summary>
    private static void Claim(string path)
    {
        InputPaths.RequireFolderOrNothing(path, "--run-dir");
        try
        {
            Directory.CreateDirectory(path);
            // CreateNew is atomic on every file system .NET supports: the loser of a race gets EEXIST.
            using var claim = new FileStream(ConfigPath(path), FileMode.CreateNew, FileAccess.Write);
        }
        catch (IOException) when (File.Exists(ConfigPath(path)))
        {
            throw new IOException(AlreadyHoldsARun(path));
        }
        catch (IOException e)
        {
            throw new IOException($"run folder {path} cannot be created: {e.Message}", e);
        }
    }

    /// <summary>Writes summary.json atomically.</summary>
    public void WriteSummary(JsonObject summary) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "summary.json"), summary.ToJsonString(RunJson.Options));

    /// <inheritdoc />
    public void Dispose()
    {
        Progress.Dispose();
        Episodes?.Dispose();
        Log.Dispose();
    }
}
