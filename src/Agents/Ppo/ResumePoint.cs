using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using Rims.Agents.Settings;
using Rims.Envs;

namespace Rims.Agents.Ppo;

/// <summary>Where a stopped run continues from: its newest complete checkpoint.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="CheckpointPath">The checkpoint to restore.</param>
/// <param name="Header">That checkpoint's header (the run's config and counters).</param>
/// <param name="Skipped">Newer checkpoints that were damaged and passed over, with the reason for each.</param>
public sealed record ResumePoint(string RunDirectory, string CheckpointPath, CheckpointHeader Header, IReadOnlyList<string> Skipped)
{
    /// <summary>Settings a resume may change: those declared <see cref="SettingAttribute.ResumeMayChange"/>.</summary>
    public static IReadOnlyList<string> ChangeableOptions => SettingTable.ResumeChangeable;

    /// <summary>
    /// Finds the newest complete checkpoint of <paramref name="runDirectory"/> (final.ckpt or iter_NNNNNN.ckpt, the
    /// one with the most iterations that passes its length and checksum test).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no complete checkpoint, or its config.json is missing or not valid JSON.</exception>
    public static ResumePoint Find(string runDirectory)
    {
        InputPaths.RequireFolder(runDirectory, "run folder");
        var files = CheckpointFiles(runDirectory);
        var skipped = new List<string>();
        (string Path, CheckpointHeader Header)? best = null;
        // Newest first by the iteration in the name; final.ckpt's iteration is only in its header, so it is read first.
        foreach (var file in files.OrderByDescending(NameOrder))
        {
            if (best is { } found && NameOrder(file) <= found.Header.Iteration) break;
            try
            {
                var header = Checkpoint.ReadHeader(file);
                if (best is null || header.Iteration > best.Value.Header.Iteration) best = (file, header);
            }
            catch (InvalidDataException e)
            {
                skipped.Add(e.Message);
            }
        }
        if (best is null && files.Count == 0 && !File.Exists(RunFolder.ConfigPath(runDirectory)))
            throw new InvalidDataException($"{runDirectory} is not a run folder (no config.json, no checkpoints): give the folder ppo or compare wrote" +
                                           RunFolder.RunsInsideHint(runDirectory, oneRun: true));
        if (best is not { } point)
            // Not "to resume from": compare meets a damaged final.ckpt too when it only wants to evaluate a finished run.
            throw new InvalidDataException(skipped.Count > 0
                ? $"{runDirectory} has no complete checkpoint (checkpoints/final.ckpt or iter_*.ckpt): {string.Join("; ", skipped)}; " +
                  $"restore a checkpoint from a copy, or delete {runDirectory} to train the run again"
                : $"{runDirectory} has no checkpoint to resume from; start a new run instead");
        // The resume rewrites config.json with itself appended: without the original there is nothing to append to, and
        // a config.json made up from the checkpoint would lose the run's command and provenance.
        if (!File.Exists(RunFolder.ConfigPath(runDirectory)))
            throw new InvalidDataException($"{runDirectory} has checkpoints but no config.json; {RunFolder.RestoreConfig}");
        return new ResumePoint(runDirectory, point.Path, point.Header, skipped) { RunConfig = ReadRunConfig(runDirectory) };
    }

    /// <summary>The checkpoint files of <paramref name="runDirectory"/> (checkpoints/*.ckpt, complete or not; not the hidden temporary files of a write in progress).</summary>
    public static IReadOnlyList<string> CheckpointFiles(string runDirectory)
    {
        var folder = Path.Combine(runDirectory, "checkpoints");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.ckpt").Where(f => !Path.GetFileName(f).StartsWith('.'))] : [];
    }

    /// <summary>
    /// The run folder's config.json as <see cref="Find"/> read it: the resume appends itself to its "resumes" and writes it back.
    /// </summary>
    public JsonObject RunConfig { get; init; } = [];

    /// <summary>Reads config.json of <paramref name="runDirectory"/>.</summary>
    /// <exception cref="InvalidDataException">config.json is malformed, not a JSON object, or has a setting of the wrong type; the message names the file.</exception>
    private static JsonObject ReadRunConfig(string runDirectory)
    {
        return RunFiles.ReadConfig(RunFolder.ConfigPath(runDirectory));
    }

    /// <summary>
    /// Whether the run has nothing left to train for <paramref name="config"/>: its summary.json says completed: true
    /// and this checkpoint holds at least the iterations <paramref name="config"/> asks for (a raised --total-steps
    /// asks for more). A missing summary.json counts as not completed (a run stopped hard), so the run resumes; a damaged
    /// one is an error, since resuming over it would replace a finished run's final checkpoint and drop its evaluations.
    /// </summary>
    /// <exception cref="InvalidDataException">summary.json exists but is damaged (<see cref="RunFiles.ReadSummary"/>).</exception>
    public bool IsFinishedFor(PpoConfig config)
    {
        if (Header.Iteration < config.Iterations) return false;
        var summaryFile = Path.Combine(RunDirectory, "summary.json");
        return File.Exists(summaryFile) && RunFiles.ReadSummary(summaryFile)["completed"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
    }

    /// <summary>iter_NNNNNN.ckpt sorts by NNNNNN; final.ckpt (and anything else) first.</summary>
    private static long NameOrder(string file) => RunFolder.PeriodicCheckpointIteration(file) ?? long.MaxValue;

    /// <summary>
    /// Checks that <paramref name="requested"/> only changes what a resume may change (<see cref="ChangeableOptions"/>)
    /// from the checkpoint's config, and does not lower the total.
    /// </summary>
    /// <exception cref="ArgumentException">A setting differs; the message names it with both values.</exception>
    public void CheckChanges(PpoConfig requested)
    {
        var saved = Header.Config;
        if (requested.TotalSteps < saved.TotalSteps)
            throw new ArgumentException($"--total-steps {requested.TotalSteps} is below the budget of {saved.TotalSteps} agent steps the run in {RunDirectory} already has; a resume can only raise it");
        var same = SettingTable.All.Where(s => s.ResumeMayChange).Aggregate(requested, (config, s) => s.With(config, s.Get(saved)));
        var want = (JsonObject)JsonSerializer.SerializeToNode(same, RunJson.Options)!;
        var have = (JsonObject)JsonSerializer.SerializeToNode(saved, RunJson.Options)!;
        // Both key sets: a setting written only when set is absent from one side when only the other sets it.
        foreach (var name in have.Select(p => p.Key).Union(want.Select(p => p.Key)))
            if (!JsonNode.DeepEquals(have[name], want[name]))
                throw new ArgumentException(
                    $"--{name.Replace('_', '-')} would change the run in {RunDirectory} ({have[name]?.ToJsonString() ?? "null"} -> {want[name]?.ToJsonString() ?? "null"}); " +
                    $"a resume may only change {string.Join(", ", ChangeableOptions)}");
    }
}
