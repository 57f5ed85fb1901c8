using Rims.Agents.Comparison;
using Rims.Agents.Comparison.Slurm;

namespace Rims.Agents.Cli;

/// <summary>The console side of `compare --backend slurm`: submit (or preview with --dry-run), or show --status.</summary>
public static class SlurmCompare
{
    /// <summary>Submits <paramref name="plan"/>, previews it, or prints its status; returns the exit code.</summary>
    /// <param name="plan">The validated comparison.</param>
    /// <param name="slurmOptions">The raw `--slurm-option` values.</param>
    /// <param name="dryRun">Print the scripts, submit nothing.</param>
    /// <param name="status">Print each run's state instead of submitting.</param>
    /// <param name="commandLine">The compare command line, for provenance.</param>
    /// <param name="runner">Runs sbatch and squeue (tests pass a fake).</param>
    /// <exception cref="CliUsageException">A `--slurm-option` is malformed or reserved, or a run folder holds other settings.</exception>
    public static int Run(ComparisonPlan plan, IReadOnlyList<string> slurmOptions, bool dryRun, bool status, string commandLine, IProcessRunner? runner = null)
    {
        var options = CliRunner.Validate(() => SbatchOptions.Parse(slurmOptions));
        // The scripts record the command that submits them, which is this one without --dry-run.
        if (dryRun) commandLine = string.Join(' ', commandLine.Split(' ').Where(token => token != "--dry-run"));
        var backend = new SlurmBackend(runner ?? new ProcessRunner(), ChildProcessRun.SelfCommand(), Directory.GetCurrentDirectory());
        try
        {
            return CliRunner.Validate(() => status ? PrintStatus(backend, plan) : Submit(backend, plan, options, commandLine, dryRun));
        }
        catch (SlurmCommandException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliRunner.InputError;
        }
    }

    private static int Submit(SlurmBackend backend, ComparisonPlan plan, IReadOnlyList<KeyValuePair<string, string>> options, string commandLine, bool dryRun)
    {
        var submission = backend.Submit(plan, options, commandLine, dryRun);
        var layout = new SlurmLayout(plan);
        if (submission.QueueWarning is { } warning) Console.Error.WriteLine($"note: {warning}; assuming no task of '{plan.Name}' is queued");
        if (submission.AllComplete)
        {
            Console.WriteLine($"every run of '{plan.Name}' is trained and evaluated; nothing to submit{(dryRun ? " (a dry run: the report is not rebuilt)" : "")}");
            if (dryRun) return 0;
            var folders = Enumerable.Range(0, plan.Runs().Count()).Select(layout.RunFolder).ToList();
            // What the report job would have written: the other seeds of the comparison beside its runs included.
            var report = CliRunner.Validate(() => ComparisonReport.Write(folders, layout.ReportFolder, plan.Name, line => Console.WriteLine(ProgressLine.Stamped(line))));
            Console.WriteLine($"report: {report}");
            return 0;
        }
        if (submission.Tasks.Count == 0)
        {
            Console.WriteLine($"nothing to submit: the unfinished runs of '{plan.Name}' are still queued (array job " +
                              $"{string.Join(", ", submission.Queued.Select(t => t.ArrayJobId).Distinct())}); see compare --backend slurm --status");
            return 0;
        }
        if (dryRun)
        {
            Console.WriteLine($"# {layout.ArrayScript}");
            Console.Write(submission.ArrayScript);
            Console.WriteLine();
            Console.WriteLine($"# {layout.ReportScript}");
            Console.Write(submission.ReportScript);
            return 0;
        }
        Console.WriteLine($"submitted array job {submission.ArrayJobId} ({submission.Tasks.Count} of {plan.Runs().Count()} runs: tasks {string.Join(',', submission.Tasks)}) " +
                          $"and report job {submission.ReportJobId}; scripts and logs in {layout.Folder}");
        if (submission.Queued.Count > 0)
            Console.WriteLine($"{submission.Queued.Count} runs were still queued from array job {string.Join(", ", submission.Queued.Select(t => t.ArrayJobId).Distinct())}; the report waits for them too");
        Console.WriteLine($"report when every task has succeeded: {layout.ReportFolder}; follow the runs with the same command and --status");
        return 0;
    }

    private static int PrintStatus(SlurmBackend backend, ComparisonPlan plan)
    {
        var statuses = backend.Status(plan);
        foreach (var run in statuses)
        {
            Console.WriteLine($"{run.Index,4}  {run.Name}  {run.State.ToString().ToLowerInvariant()}  {run.Detail}");
            foreach (var line in run.LogTail) Console.WriteLine($"        | {line}");
        }
        Console.WriteLine(string.Join(", ", Enum.GetValues<RunState>()
            .Select(state => $"{statuses.Count(s => s.State == state)} {state.ToString().ToLowerInvariant()}")));
        return 0;
    }
}
