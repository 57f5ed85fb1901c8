using System.Globalization;

namespace Rims.Agents.Comparison.Slurm;

/// <summary>One array task of a comparison that Slurm still holds (pending, running, or being requeued).</summary>
/// <param name="ArrayJobId">The array's job id (SLURM_ARRAY_JOB_ID).</param>
/// <param name="TaskIndex">The task's index (SLURM_ARRAY_TASK_ID), a position in the plan's run list.</param>
/// <param name="State">squeue's state name: PENDING, RUNNING, COMPLETING, REQUEUED, ...</param>
/// <param name="Reason">squeue's reason (why pending), e.g. Resources, Priority, BeginTime.</param>
public sealed record QueuedTask(long ArrayJobId, int TaskIndex, string State, string Reason)
{
    /// <summary>Whether the task is running now (the other states wait to run).</summary>
    public bool IsRunning => State is "RUNNING" or "COMPLETING" or "CONFIGURING" or "STAGE_OUT" or "SIGNALING";
}

/// <summary>
/// The comparison's tasks as squeue lists them. squeue is the only source besides the run folders: without Slurm
/// accounting (slurmdbd) sacct knows nothing, so finished and failed tasks are read from the run folders.
/// </summary>
public static class SlurmQueue
{
    /// <summary>squeue's format: array job id, array task id, state, reason (one line per task with --array).</summary>
    public const string Format = "%F|%K|%T|%r";

    /// <summary>The tasks of the array jobs named <paramref name="jobName"/> that Slurm still holds.</summary>
    /// <exception cref="SlurmCommandException">squeue is missing or failed.</exception>
    public static IReadOnlyList<QueuedTask> Tasks(IProcessRunner runner, string jobName)
    {
        var result = runner.Run("squeue", ["--me", "--array", "--noheader", $"--name={jobName}", $"--format={Format}"]);
        if (result.ExitCode != 0)
            throw new SlurmCommandException($"squeue failed (exit {result.ExitCode}): {result.LastLine}");
        return Parse(result.Output);
    }

    /// <summary>Parses squeue's output in <see cref="Format"/>; lines of jobs that are not array tasks are skipped.</summary>
    /// <exception cref="SlurmCommandException">A line is not in the expected format.</exception>
    public static IReadOnlyList<QueuedTask> Parse(string output)
    {
        var tasks = new List<QueuedTask>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length != 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long job))
                throw new SlurmCommandException($"squeue printed a line not in the format {Format}: '{line}'");
            // %K is "N/A" for a job that is not an array task.
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index)) continue;
            tasks.Add(new QueuedTask(job, index, fields[2], fields[3]));
        }
        return tasks;
    }
}
