using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Ppo;

namespace Rims.Agents.Runs;

/// <summary>
/// Reads a run folder's config.json and summary.json with their shape checked, so a damaged or hand-edited file is
/// one error naming the file, the value and the fix (exit 1 in the CLI) wherever it is read: never an internal error
/// later, a "setting difference" between runs, a NaN in a table, or a finished run taken for an unfinished one.
/// </summary>
public static class RunFiles
{
    /// <summary>The fix for a damaged summary.json: it can be restored, or removed so the run counts as stopped and resumes (rewriting it).</summary>
    public const string RestoreSummary = "restore it from a copy, or delete it: the run then counts as stopped, and a resume (ppo --resume, or compare again) writes it anew";

    // summary.json's numbers (RunFolder.WriteSummary's writer, PpoRun): each a JSON number, or null where a run has none.
    private static readonly string[] SummaryNumbers =
        ["total_steps", "requested_steps", "frames", "wall_seconds", "sps", "parameters", "episodes", "mean_return_last_100", "success_rate_last_100"];

    /// <summary>
    /// Reads config.json at <paramref name="path"/>: a JSON object whose PPO settings have their types (read as a
    /// <see cref="PpoConfig"/>), with "env", "core" and "seed" for a PPO run. A `paper` run's config (a "model", no "env") is returned as it is.
    /// A "rims" section without "init" (written before --rims-init existed) is returned with "init": "fan-in", the
    /// initialisation that drew its weights (<see cref="RimsOptions.Init"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">It is not valid JSON, not an object, a setting has the wrong type, or env/core/seed is missing; the message names the file, the value and the fix.</exception>
    public static JsonObject ReadConfig(string path)
    {
        var config = ReadObject(path, RunFolder.RestoreConfig);
        if (IsPaperRun(config)) return config;
        try
        {
            config.Deserialize<PpoConfig>(RunJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {Found(config, e.Path)} has the wrong type for that PPO setting; {RunFolder.RestoreConfig}", e);
        }
        foreach (var key in new[] { "env", "core" })
            if (config[key] is not JsonValue text || !text.TryGetValue<string>(out _))
                throw new InvalidDataException($"{path} has no \"{key}\" text; {RunFolder.RestoreConfig}");
        if (config["seed"] is not JsonValue seed || !seed.TryGetValue<int>(out _))
            throw new InvalidDataException($"{path} has no whole-number \"seed\"; {RunFolder.RestoreConfig}");
        // Written before --rims-init existed: its RIMs weights were drawn fan-in, as RimsOptions reads such a file; said
        // here too so that report and a resume's rewrite name it, not "unset".
        if (config["rims"] is JsonObject rims && !rims.ContainsKey("init")) rims["init"] = "fan-in";
        return config;
    }

    /// <summary>
    /// Whether <paramref name="config"/> is a `paper copying` / `paper seqmnist` run's: it has a "model" section (its
    /// "env" is "paper-copying" or "paper-seqmnist", or absent in runs before 2026-11-30), which no PPO config has.
    /// </summary>
    public static bool IsPaperRun(JsonObject config) => config["model"] is JsonObject;

    /// <summary>
    /// Reads summary.json at <paramref name="path"/>: a JSON object whose "completed" is true or false when present and
    /// whose numbers (total_steps, sps, mean_return_last_100, ...) are numbers or null.
    /// </summary>
    /// <exception cref="InvalidDataException">It is not valid JSON, not an object, or a value has the wrong type; the message names the file, the key and the fix.</exception>
    public static JsonObject ReadSummary(string path)
    {
        var summary = ReadObject(path, RestoreSummary);
        if (summary["completed"] is { } completed && completed.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            throw new InvalidDataException($"{path}: \"completed\" is {completed.ToJsonString()}, not true or false; {RestoreSummary}");
        foreach (var key in SummaryNumbers)
            if (summary[key] is { } value && value.GetValueKind() != JsonValueKind.Number)
                throw new InvalidDataException($"{path}: \"{key}\" is {value.ToJsonString()}, not a number; {RestoreSummary}");
        return summary;
    }

    /// <summary>Whether the summary says the run trained every step it was asked for (summaries from before "completed" existed count as complete).</summary>
    public static bool Completed(JsonObject summary) => summary["completed"]?.GetValueKind() != JsonValueKind.False;

    // "\"core\" = 5" for the value at a System.Text.Json path ("$.core", "$.rims.init"), or the path when it cannot be walked.
    private static string Found(JsonObject config, string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath)) return "a setting";
        JsonNode? node = config;
        foreach (var key in jsonPath.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
            node = node is JsonObject o ? o[key] : null;
        string name = jsonPath.TrimStart('$', '.');
        return node is null ? $"\"{name}\"" : $"\"{name}\" = {node.ToJsonString()}";
    }

    private static JsonObject ReadObject(string path, string fix)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object; {fix}");
        }
        catch (JsonException e)
        {
            throw RunJson.Malformed(path, e, fix);
        }
    }
}
