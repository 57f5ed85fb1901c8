using System.Text.Json.Nodes;
using Rims.Agents.Ppo;

namespace Rims.Agents.Comparison;

/// <summary>What a comparison finds in a run's folder when the same compare command runs again.</summary>
public enum ExistingRunKind
{
    /// <summary>No run there yet: train it.</summary>
    Missing,

    /// <summary>A run started but left no complete checkpoint: it is trained again from the start.</summary>
    Unresumable,

    /// <summary>A stopped run with a checkpoint: resume it.</summary>
    Interrupted,

    /// <summary>A run whose summary.json says completed: true for at least the requested steps: keep it.</summary>
    Finished,
}

/// <summary>A run folder of a comparison as found before training, and where it resumes from.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Point">The checkpoint to resume from (Interrupted and Finished).</param>
public sealed record ExistingRun(ExistingRunKind Kind, ResumePoint? Point)
{
    /// <summary>Looks at <paramref name="folder"/>, where <paramref name="config"/> is to be trained.</summary>
    /// <exception cref="ArgumentException">The folder holds a run with other settings (the message names the setting).</exception>
    public static ExistingRun Inspect(PpoConfig config, string folder)
    {
        if (!File.Exists(Path.Combine(folder, "config.json"))) return new ExistingRun(ExistingRunKind.Missing, null);
        ResumePoint point;
        try
        {
            point = ResumePoint.Find(folder);
        }
        catch (InvalidDataException)
        {
            return new ExistingRun(ExistingRunKind.Unresumable, null);
        }
        point.CheckChanges(config);
        bool finished = Completed(Path.Combine(folder, "summary.json")) && point.Header.Iteration >= config.Iterations;
        return new ExistingRun(finished ? ExistingRunKind.Finished : ExistingRunKind.Interrupted, point);
    }

    /// <summary>summary.json exists and says completed: true (an unreadable one counts as not completed: the run resumes).</summary>
    private static bool Completed(string summaryFile)
    {
        if (!File.Exists(summaryFile)) return false;
        try
        {
            return JsonNode.Parse(File.ReadAllText(summaryFile))?["completed"]?.GetValue<bool>() == true;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
