using System.Text.Json.Nodes;
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

    private RunFolder(string path, CsvLog progress, CsvLog episodes)
    {
        Path = path;
        Directory.CreateDirectory(CheckpointsPath);
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

    /// <summary>episodes.csv.</summary>
    public CsvLog Episodes { get; }

    /// <summary>TensorBoard events (CleanRL's scalar names).</summary>
    public SummaryWriter Board { get; }

    /// <summary>The run's log file.</summary>
    public Logger Log { get; }

    /// <summary>The default folder name: {env}__{core}__{seed}__{utc time}, with '/' in env ids replaced.</summary>
    public static string DefaultName(string env, string core, int seed, DateTime utc) =>
        $"{env.Replace('/', '-')}__{core}__{seed}__{utc:yyyyMMdd-HHmmss}";

    /// <summary>
    /// Creates the folder (which must not already hold a run, so results are never overwritten) and writes
    /// config.json.
    /// </summary>
    public static RunFolder Create(string path, JsonObject config, IReadOnlyList<string> progressColumns)
    {
        if (File.Exists(System.IO.Path.Combine(path, "config.json")))
            throw new IOException($"{path} already holds a run (config.json exists); choose another --run-dir");
        Directory.CreateDirectory(path);
        AtomicFile.WriteAllText(System.IO.Path.Combine(path, "config.json"), config.ToJsonString(RunJson.Options));
        return new RunFolder(path, new CsvLog(ProgressFile(path), progressColumns), new CsvLog(EpisodesFile(path), EpisodeColumns));
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

    /// <summary>Writes summary.json atomically.</summary>
    public void WriteSummary(JsonObject summary) =>
        AtomicFile.WriteAllText(System.IO.Path.Combine(Path, "summary.json"), summary.ToJsonString(RunJson.Options));

    /// <inheritdoc />
    public void Dispose()
    {
        Progress.Dispose();
        Episodes.Dispose();
        Log.Dispose();
    }
}
