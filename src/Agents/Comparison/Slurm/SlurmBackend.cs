using System.Globalization;
using Rims.Agents.Runs;

namespace Rims.Agents.Comparison.Slurm;

/// <summary>What a submission did (or, in a dry run, would do).</summary>
/// <param name="Tasks">Array task indices submitted: the runs neither complete nor already queued.</param>
/// <param name="Queued">Tasks of earlier submissions still in the queue (the report waits for them too).</param>
/// <param name="ArrayScript">The array job's script, or null when there was nothing to submit.</param>
/// <param name="ReportScript">The report job's script, or null when there was nothing to submit.</param>
/// <param name="ArrayJobId">The array's job id (null in a dry run or with nothing to submit).</param>
/// <param name="ReportJobId">The report job's id (null in a dry run or with nothing to submit).</param>
/// <param name="QueueWarning">Why a dry run could not ask squeue (it then assumes nothing is queued), or null.</param>
public sealed record SlurmSubmission(
    IReadOnlyList<int> Tasks, IReadOnlyList<QueuedTask> Queued, string? ArrayScript, string? ReportScript, long? ArrayJobId, long? ReportJobId,
    string? QueueWarning = null)
{
    /// <summary>Every run is complete and nothing is queued: the report can be built at once.</summary>
    public bool AllComplete => Tasks.Count == 0 && Queued.Count == 0;
}

/// <summary>
/// `compare --backend slurm`: runs a comparison as a Slurm job array, one task per run, each running the hidden
/// `compare-run` verb (the same code the local backend's child processes run: train, or resume from the run's
/// checkpoint, or keep a finished run; then evaluate), followed by a report job with an afterok dependency.
/// Submitting again submits only the runs that are neither complete nor still queued.
/// </summary>
/// <param name="runner">Runs sbatch and squeue.</param>
/// <param name="rims">How tasks start this program: the running build (<see cref="ChildProcessRun.SelfCommand"/>).</param>
/// <param name="workingDirectory">The folder tasks run in (absolute): the submitter's, so relative paths keep their meaning.</param>
public sealed class SlurmBackend(IProcessRunner runner, IReadOnlyList<string> rims, string workingDirectory)
{
    /// <summary>
    /// Decides which runs to submit, renders the scripts and, unless <paramref name="dryRun"/>, writes them (with
    /// each task's settings) under runs/NAME/slurm/ and submits the array with `sbatch --parsable`, then the report
    /// job with `--dependency=afterok:` on the new array and on any earlier array still queued.
    /// </summary>
    /// <param name="plan">The comparison (validated).</param>
    /// <param name="options">`--slurm-option` pairs.</param>
    /// <param name="commandLine">The compare command line, for provenance.</param>
    /// <param name="dryRun">Render only: nothing is written or submitted.</param>
    /// <exception cref="ArgumentException">A run folder holds a run with other settings.</exception>
    /// <exception cref="SlurmCommandException">squeue or sbatch is missing or failed.</exception>
    public SlurmSubmission Submit(ComparisonPlan plan, IReadOnlyList<KeyValuePair<string, string>> options, string commandLine, bool dryRun)
    {
        var layout = new SlurmLayout(plan);
        var runs = plan.Runs().ToList();
        List<QueuedTask> queue;
        string? queueWarning = null;
        try
        {
            queue = SlurmQueue.Tasks(runner, layout.JobName).Where(t => t.TaskIndex < runs.Count).ToList();
        }
        catch (SlurmCommandException e) when (dryRun)
        {
            // A dry run is also how scripts are previewed away from the cluster.
            queue = [];
            queueWarning = e.Message;
        }
        var queuedIndices = queue.Select(t => t.TaskIndex).ToHashSet();
        var tasks = Enumerable.Range(0, runs.Count)
            .Where(i => !queuedIndices.Contains(i) && !ComparisonRunner.IsComplete(runs[i], layout.RunFolder(i), plan.EvalEnvs, plan.EvalEpisodes))
            .ToList();
        if (tasks.Count == 0) return new SlurmSubmission(tasks, queue, null, null, null, null, queueWarning);

        var arrayScript = SlurmScripts.Array(layout, rims, workingDirectory, tasks, options, commandLine);
        var reportScript = SlurmScripts.Report(layout, rims, workingDirectory, options);
        if (dryRun) return new SlurmSubmission(tasks, queue, arrayScript, reportScript, null, null, queueWarning);

        foreach (int i in tasks) RunJson.Write(layout.ConfigFile(i), runs[i]);
        Directory.CreateDirectory(Path.GetDirectoryName(layout.TaskLog(0))!);
        AtomicFile.WriteAllText(layout.ArrayScript, arrayScript);
        AtomicFile.WriteAllText(layout.ReportScript, reportScript);
        long arrayJob = Sbatch([layout.ArrayScript]);
        var after = new[] { arrayJob }.Concat(queue.Select(t => t.ArrayJobId)).Distinct();
        long reportJob = Sbatch([$"--dependency=afterok:{string.Join(':', after)}", layout.ReportScript]);
        return new SlurmSubmission(tasks, queue, arrayScript, reportScript, arrayJob, reportJob);
    }

    /// <summary>Every run of <paramref name="plan"/> with its state, from its run folder and squeue.</summary>
    /// <exception cref="SlurmCommandException">squeue is missing or failed.</exception>
    public IReadOnlyList<RunStatus> Status(ComparisonPlan plan)
    {
        var layout = new SlurmLayout(plan);
        var queue = SlurmQueue.Tasks(runner, layout.JobName);
        return Enumerable.Range(0, plan.Runs().Count())
            .Select(i => RunStatus.Classify(layout, i, queue.LastOrDefault(t => t.TaskIndex == i)))
            .ToList();
    }

    /// <summary>Runs `sbatch --parsable ARGS` and returns the job id it prints ("ID" or "ID;CLUSTER").</summary>
    private long Sbatch(IReadOnlyList<string> arguments)
    {
        var result = runner.Run("sbatch", ["--parsable", .. arguments]);
        var id = result.Output.Trim().Split(';')[0];
        if (result.ExitCode != 0 || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long job))
            throw new SlurmCommandException(
                $"sbatch {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {result.LastLine}");
        return job;
    }
}
