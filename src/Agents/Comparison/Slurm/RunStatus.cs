namespace Rims.Agents.Comparison.Slurm;

/// <summary>Where one run of a comparison on Slurm stands.</summary>
public enum RunState
{
    /// <summary>Neither in the queue nor started: not submitted yet, or cancelled before it ran.</summary>
    Missing,

    /// <summary>Its task waits in the queue (also after a requeue).</summary>
    Pending,

    /// <summary>Its task runs now.</summary>
    Running,

    /// <summary>Trained to the end and evaluated on every env.</summary>
    Finished,

    /// <summary>Started, not finished, and no longer queued: it failed or was stopped (time limit, scancel).</summary>
    Failed,
}

/// <summary>One run's state, with the evidence: squeue's job and reason, or the last lines of its log.</summary>
/// <param name="Index">The run's array task index (its position in the comparison's run list).</param>
/// <param name="Name">Its folder name, {env}__{core}__{seed}.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Detail">One line: the Slurm job and reason, or what ended it.</param>
/// <param name="LogTail">The last lines of its task log (failed runs only).</param>
public sealed record RunStatus(int Index, string Name, RunState State, string Detail, IReadOnlyList<string> LogTail)
{
    /// <summary>Lines of a failed run's log shown by <c>--status</c>.</summary>
    public const int TailLines = 10;

    /// <summary>
    /// Classifies run <paramref name="index"/> of <paramref name="layout"/>'s comparison. The queue wins (a task in
    /// it is pending or running, whatever its folder holds); otherwise the run folder decides: complete is finished,
    /// started (config.json or a task log) is failed, anything else is missing.
    /// </summary>
    /// <param name="layout">The comparison's files.</param>
    /// <param name="index">The run's index.</param>
    /// <param name="queued">The run's task as squeue lists it, or null.</param>
    public static RunStatus Classify(SlurmLayout layout, int index, QueuedTask? queued)
    {
        var plan = layout.Plan;
        var config = plan.Runs().ElementAt(index);
        var name = layout.RunName(index);
        var folder = layout.RunFolder(index);
        if (queued is not null)
        {
            var job = $"array job {queued.ArrayJobId} task {queued.TaskIndex}";
            return queued.IsRunning
                ? new RunStatus(index, name, RunState.Running, $"{job}, {queued.State.ToLowerInvariant()}", [])
                : new RunStatus(index, name, RunState.Pending, $"{job}, waiting ({queued.Reason})", []);
        }
        string detail;
        try
        {
            if (ComparisonRunner.IsComplete(config, folder, plan.EvalEnvs, plan.EvalEpisodes))
                return new RunStatus(index, name, RunState.Finished, "trained and evaluated", []);
            detail = !File.Exists(Path.Combine(folder, "config.json")) ? "failed before training started"
                : File.Exists(Path.Combine(folder, "checkpoints", "final.ckpt")) ? "trained, not evaluated on every env"
                : "ended before its last iteration; the next submission resumes it";
        }
        catch (ArgumentException e)
        {
            detail = e.Message;
        }
        var log = layout.TaskLog(index);
        if (!File.Exists(Path.Combine(folder, "config.json")) && !File.Exists(log))
            return new RunStatus(index, name, RunState.Missing, "not submitted, or cancelled before it started", []);
        if (!File.Exists(log)) log = Path.Combine(folder, "run.log");
        return new RunStatus(index, name, RunState.Failed, detail, Tail(log, TailLines));
    }

    private static IReadOnlyList<string> Tail(string file, int lines) =>
        File.Exists(file) ? File.ReadLines(file).Where(l => l.Length > 0).TakeLast(lines).ToList() : [];
}
