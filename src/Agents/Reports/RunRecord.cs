using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>One finished episode from episodes.csv.</summary>
public readonly record struct EpisodeRow(long GlobalStep, double Return, int Length, int Success);

/// <summary>
/// One training iteration from progress.csv: the mean episodic return and success rate of the episodes that finished in
/// it (charts/episodic_return, charts/success_rate; null when none finished or the env reports no success).
/// </summary>
public readonly record struct ProgressRow(long GlobalStep, double? Return, double? SuccessRate);

/// <summary>Everything a report reads from one run folder.</summary>
public sealed record RunRecord(
    string Directory, string Env, string Core, int Seed, JsonObject Config, JsonObject? Summary,
    IReadOnlyList<EpisodeRow> Episodes, IReadOnlyDictionary<string, EvalResult> Evals)
{
    /// <summary>
    /// False when the run folder has no episodes.csv (e.g. a copy of the run without it): the report then has no learning
    /// curve for the run, and everything else from summary.json and the evaluations.
    /// </summary>
    public bool HasEpisodesFile { get; init; } = true;

    /// <summary>
    /// The core the run was trained with (config.json's "core"); <see cref="Core"/> is the name the report shows, which
    /// `report --variant` extends with the settings that make the run a variant ("rims --rims-active 6").
    /// </summary>
    public string TrainedCore => (string?)Config["core"] ?? Core;

    /// <summary>progress.csv's rows (empty without the file): the learning curves of a run without episodes.csv.</summary>
    public IReadOnlyList<ProgressRow> Progress { get; init; } = [];

    /// <summary>
    /// True when the run trained every step it was asked for: summary.json exists and does not say completed: false
    /// (summaries written before the field existed count as complete).
    /// </summary>
    public bool Completed => Summary is not null && RunFiles.Completed(Summary);

    /// <summary>Why the run is not <see cref="Completed"/>, for the report (null when it is).</summary>
    public string? IncompleteReason => Completed
        ? null
        : Summary is null
            ? "no summary.json (stopped without a summary, or still running)"
            : $"completed: false after {SummaryNumber("total_steps").ToString("N0", CultureInfo.InvariantCulture)} of " +
              $"{(Config["total_steps"] is JsonValue asked && asked.TryGetValue<long>(out var steps) ? steps.ToString("N0", CultureInfo.InvariantCulture) : "?")} steps";

    /// <summary>
    /// Reads <paramref name="directory"/>; a missing config.json or a malformed file is an error naming the file (summary.json
    /// and episodes.csv may be missing: see <see cref="Completed"/> and <see cref="HasEpisodesFile"/>).
    /// </summary>
    public static RunRecord Read(string directory)
    {
        var configPath = Path.Combine(directory, "config.json");
        var summaryPath = Path.Combine(directory, "summary.json");
        if (!File.Exists(configPath)) throw new InvalidDataException($"{directory} is not a run folder: it has no config.json");
        var config = RunFiles.ReadConfig(configPath);
        // `paper copying` / `paper seqmnist` runs record a "model" and no env: their table is another verb's.
        if (RunFiles.IsPaperRun(config))
            throw new InvalidDataException($"{directory} is a `paper` run (copying or sequential MNIST), not a PPO run: build its table with `paper report {directory}`");
        // A run without summary.json was stopped hard or is still running: it is reported, marked incomplete.
        var summary = File.Exists(summaryPath) ? RunFiles.ReadSummary(summaryPath) : null;
        string Field(JsonObject o, string name, string file) =>
            o[name]?.ToString() ?? throw new InvalidDataException($"{file} has no \"{name}\"");
        var evals = new Dictionary<string, EvalResult>(StringComparer.OrdinalIgnoreCase);
        var evalDirectory = RunFolder.EvalsDirectory(directory);
        if (System.IO.Directory.Exists(evalDirectory))
            foreach (var file in System.IO.Directory.GetFiles(evalDirectory, "*.json").Order())
            {
                // Only the final checkpoint's evaluations describe the run; those of intermediate checkpoints sit beside them.
                var result = EvalResult.Read(file);
                if (RunFolder.IsFinalCheckpoint(result.Checkpoint)) evals[result.Env] = result;
            }
        var episodesPath = Path.Combine(directory, "episodes.csv");
        bool hasEpisodes = File.Exists(episodesPath);
        return new RunRecord(directory, Field(config, "env", configPath), Field(config, "core", configPath),
            int.Parse(Field(config, "seed", configPath), CultureInfo.InvariantCulture), config, summary,
            hasEpisodes ? ReadEpisodes(episodesPath) : [], evals)
        { HasEpisodesFile = hasEpisodes, Progress = ReadProgress(Path.Combine(directory, "progress.csv")) };
    }

    private static List<EpisodeRow> ReadEpisodes(string path)
    {
        var rows = new List<EpisodeRow>();
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext()) return rows;
        // A byte-order mark (runs before 2026-11-29 wrote one) is not part of the header.
        string header = lines.Current.TrimStart('\uFEFF'), expected = string.Join(',', RunFolder.EpisodeColumns);
        if (header != expected) throw new InvalidDataException($"{path} line 1: expected the header {expected}, got '{header}'");
        for (int line = 2; lines.MoveNext(); line++)
        {
            var cells = lines.Current.Split(',');
            if (cells.Length != 4) throw new InvalidDataException($"{path} line {line}: expected 4 columns, got {cells.Length}");
            T Cell<T>(int column, string what) where T : IParsable<T> =>
                T.TryParse(cells[column], CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new InvalidDataException($"{path} line {line}: {RunFolder.EpisodeColumns[column]} is not {what} ('{cells[column]}')");
            rows.Add(new EpisodeRow(Cell<long>(0, "a whole number"), Cell<double>(1, "a number"), Cell<int>(2, "a whole number"), Cell<int>(3, "a whole number")));
        }
        return rows;
    }

    private static List<ProgressRow> ReadProgress(string path)
    {
        if (!File.Exists(path)) return [];
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext()) return [];
        var header = lines.Current.Split(',').ToList();
        int step = header.IndexOf("global_step"), episodicReturn = header.IndexOf("charts/episodic_return"), success = header.IndexOf("charts/success_rate");
        if (step < 0) throw new InvalidDataException($"{path} has no global_step column");
        var rows = new List<ProgressRow>();
        for (int line = 2; lines.MoveNext(); line++)
        {
            var cells = lines.Current.Split(',');
            if (cells.Length != header.Count) throw new InvalidDataException($"{path} line {line}: expected {header.Count} columns, got {cells.Length}");
            double? Cell(int column) => column >= 0 && double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsNaN(v) ? v : null;
            if (!long.TryParse(cells[step], NumberStyles.Integer, CultureInfo.InvariantCulture, out var globalStep))
                throw new InvalidDataException($"{path} line {line}: global_step is not a whole number ('{cells[step]}')");
            rows.Add(new ProgressRow(globalStep, Cell(episodicReturn), Cell(success)));
        }
        return rows;
    }

    /// <summary>A number from summary.json (NaN when absent or null, or when there is no summary.json).</summary>
    public double SummaryNumber(string name) => Summary?[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;
}
