using System.Globalization;
using System.Text;

namespace Rims.Agents.Comparison.Slurm;

/// <summary>
/// Renders the two sbatch scripts of a comparison: the training array (one task per (env, core, seed) run) and
/// the report job that runs after it. Pure text, so it is tested without Slurm.
/// </summary>
public static class SlurmScripts
{
    /// <summary>
    /// Seconds before the time limit at which Slurm sends SIGTERM (`--signal=B:TERM@60`): enough for the running
    /// iteration to end and its checkpoint to be written (the run then exits 143 and a rerun resumes it).
    /// </summary>
    public const int TermSecondsBeforeLimit = 60;

    /// <summary>The array job: runs the tasks <paramref name="tasks"/> (indices into the plan's run list).</summary>
    /// <param name="layout">Where the comparison's files go.</param>
    /// <param name="rims">How to start the `rims` tool (e.g. `dotnet /path/Rims.Cli.dll`): every task runs the build that submitted it.</param>
    /// <param name="workingDirectory">The submitter's folder (absolute): relative paths in the settings (--roms) mean the same there.</param>
    /// <param name="tasks">Array task indices to run (not empty).</param>
    /// <param name="options">`--slurm-option` pairs, written as `#SBATCH --KEY=VALUE`.</param>
    /// <param name="commandLine">The compare command line, recorded in every run's config.json.</param>
    public static string Array(SlurmLayout layout, IReadOnlyList<string> rims, string workingDirectory, IReadOnlyList<int> tasks,
        IReadOnlyList<KeyValuePair<string, string>> options, string commandLine)
    {
        if (tasks.Count == 0) throw new ArgumentException("an array job needs at least one task", nameof(tasks));
        var plan = layout.Plan;
        int runCount = plan.Runs().Count();
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# Rims comparison '{plan.Name}': one array task per run (env, core, seed), written by `compare --backend slurm`.");
        text.AppendLine($"# Submitted with: sbatch --parsable {layout.ArrayScript}");
        text.AppendLine($"#SBATCH --job-name={layout.JobName}");
        text.AppendLine($"#SBATCH --array={string.Join(',', tasks.Select(t => t.ToString(CultureInfo.InvariantCulture)))}");
        text.AppendLine($"#SBATCH --chdir={workingDirectory}");
        text.AppendLine($"#SBATCH --output={layout.TaskLogPattern}");
        text.AppendLine("#SBATCH --open-mode=append");
        // Preemption requeues the task; the requeued task runs this script again and resumes from the checkpoint.
        text.AppendLine("#SBATCH --requeue");
        text.AppendLine($"#SBATCH --signal=B:TERM@{TermSecondsBeforeLimit}");
        foreach (var (key, value) in options) text.AppendLine($"#SBATCH --{key}={value}");
        text.AppendLine("set -euo pipefail");
        text.AppendLine("runs=(");
        for (int i = 0; i < runCount; i++) text.AppendLine($"  {ShellQuote.Word(layout.RunName(i))}  # {i}");
        text.AppendLine(")");
        text.AppendLine("run=${runs[$SLURM_ARRAY_TASK_ID]}");
        text.AppendLine($"echo \"[$(date -u +%FT%TZ)] job $SLURM_JOB_ID (array $SLURM_ARRAY_JOB_ID task $SLURM_ARRAY_TASK_ID, restart ${{SLURM_RESTART_COUNT:-0}}) on $(hostname): $run\"");
        text.AppendLine("# exec: the training process replaces this shell, so the SIGTERM of a preemption, a requeue or --signal reaches");
        text.AppendLine("# it: it ends its iteration, writes a checkpoint and exits 143. Started again, it trains, resumes or keeps the run.");
        var folder = Path.Combine(Path.GetFullPath(plan.RunsRoot), plan.Name);
        text.AppendLine("exec " + ShellQuote.Words(rims) + " " + ChildProcessRun.Verb +
                        " --config " + ShellQuote.Word(Path.Combine(layout.Folder, "configs") + "/") + "\"$run.json\"" +
                        " --run-dir " + ShellQuote.Word(folder + "/") + "\"$run\"" +
                        (plan.EvalEnvs.Count > 0 ? " --eval-envs " + ShellQuote.Word(string.Join(',', plan.EvalEnvs)) : "") +
                        " --eval-episodes " + plan.EvalEpisodes.ToString(CultureInfo.InvariantCulture) +
                        " --command " + ShellQuote.Word(commandLine));
        return text.ToString();
    }

    /// <summary>
    /// The report job: the hidden `compare-report` verb over every run folder of the comparison into runs/reports/NAME
    /// (what the local backend writes, other seeds of the comparison beside them included: <see cref="ComparisonReport"/>). It is submitted with `--dependency=afterok:ARRAY` so it starts once every task succeeded;
    /// `--kill-on-invalid-dep=yes` removes it when a task fails instead of leaving it pending forever.
    /// GPU options are left out: the report needs none.
    /// </summary>
    public static string Report(SlurmLayout layout, IReadOnlyList<string> rims, string workingDirectory,
        IReadOnlyList<KeyValuePair<string, string>> options)
    {
        var plan = layout.Plan;
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# Report of Rims comparison '{plan.Name}', written by `compare --backend slurm`.");
        text.AppendLine($"# Submitted with: sbatch --parsable --dependency=afterok:<array job id> {layout.ReportScript}");
        text.AppendLine($"#SBATCH --job-name={layout.JobName}-report");
        text.AppendLine($"#SBATCH --chdir={workingDirectory}");
        text.AppendLine($"#SBATCH --output={layout.ReportLogPattern}");
        text.AppendLine("#SBATCH --kill-on-invalid-dep=yes");
        foreach (var (key, value) in options.Where(o => !SbatchOptions.IsGpuOption(o.Key))) text.AppendLine($"#SBATCH --{key}={value}");
        text.AppendLine("set -euo pipefail");
        var folders = Enumerable.Range(0, plan.Runs().Count()).Select(layout.RunFolder);
        text.AppendLine("exec " + ShellQuote.Words(rims) + " " + ComparisonReport.Verb + " --name " + ShellQuote.Word(plan.Name) +
                        " --out " + ShellQuote.Word(layout.ReportFolder) + " " + ShellQuote.Words(folders));
        return text.ToString();
    }
}
