using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Comparison;

/// <summary>What a comparison finds in a run's folder when the same compare command runs again.</summary>
public enum ExistingRunKind
{
    /// <summary>No run there yet: train it.</summary>
    Missing,

    /// <summary>A run started but left no checkpoint file at all (nothing to lose): it is trained again from the start.</summary>
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
    /// <exception cref="InvalidDataException">The folder has checkpoints but none is complete, or its config.json is missing or
    /// damaged (<see cref="ResumePoint.Find"/>'s message): restarting would delete a run that may only need repair; or it holds
    /// the run of another env, core or seed than its name says.</exception>
    public static ExistingRun Inspect(PpoConfig config, string folder)
    {
        if (ResumePoint.CheckpointFiles(folder).Count == 0)
            return new ExistingRun(File.Exists(RunFolder.ConfigPath(folder)) ? ExistingRunKind.Unresumable : ExistingRunKind.Missing, null);
        var point = ResumePoint.Find(folder);
        // A run copied in under another run's name (merging by hand) is that, not a run of other settings.
        if (point.Header.Config is var saved && (!string.Equals(saved.Env, config.Env, StringComparison.OrdinalIgnoreCase) || saved.Core != config.Core || saved.Seed != config.Seed))
            throw new InvalidDataException($"{folder} holds the run of {saved.Core} seed {saved.Seed}{(string.Equals(saved.Env, config.Env, StringComparison.OrdinalIgnoreCase) ? "" : $" on {saved.Env}")}, " +
                                           $"not of {config.Core} seed {config.Seed} as its name says (copied in under another name?); give it its own name or move it out");
        point.CheckChanges(config);
        return new ExistingRun(point.IsFinishedFor(config) ? ExistingRunKind.Finished : ExistingRunKind.Interrupted, point);
    }
}
