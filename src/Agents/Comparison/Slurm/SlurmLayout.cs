namespace Rims.Agents.Comparison.Slurm;

/// <summary>
/// Where the Slurm backend keeps a comparison's files, all under the comparison's folder in the runs root
/// (runs/NAME/slurm/), with absolute paths because tasks may start on another node in another folder.
/// </summary>
/// <param name="Plan">The comparison.</param>
public sealed record SlurmLayout(ComparisonPlan Plan)
{
    /// <summary>runs/NAME/slurm, absolute.</summary>
    public string Folder => Path.Combine(Path.GetFullPath(Plan.RunsRoot), Plan.Name, "slurm");

    /// <summary>The array job's script: one task per run.</summary>
    public string ArrayScript => Path.Combine(Folder, "array.sbatch");

    /// <summary>The report job's script.</summary>
    public string ReportScript => Path.Combine(Folder, "report.sbatch");

    /// <summary>The settings of run <paramref name="index"/> (a <see cref="Ppo.PpoConfig"/> as JSON), read by its task.</summary>
    public string ConfigFile(int index) => Path.Combine(Folder, "configs", $"{RunName(index)}.json");

    /// <summary>
    /// The log of array task <paramref name="index"/> (Slurm's --output; every attempt appends: requeues and
    /// resubmissions keep one task index per run because indices are positions in the plan's run list).
    /// </summary>
    public string TaskLog(int index) => Path.Combine(Folder, "logs", $"task-{index}.out");

    /// <summary>Slurm's --output pattern that yields <see cref="TaskLog"/> (%a: the array task id).</summary>
    public string TaskLogPattern => Path.Combine(Folder, "logs", "task-%a.out");

    /// <summary>Slurm's --output pattern of the report job (%j: its job id).</summary>
    public string ReportLogPattern => Path.Combine(Folder, "logs", "report-%j.out");

    /// <summary>The Slurm job name of the comparison's array (squeue finds its tasks by it).</summary>
    public string JobName => $"rims-{Plan.Name}";

    /// <summary>The absolute run folder of run <paramref name="index"/> (runs/NAME/{env}__{core}__{seed}).</summary>
    public string RunFolder(int index) => Path.GetFullPath(Plan.RunDirectory(Plan.Runs().ElementAt(index)));

    /// <summary>The folder name of run <paramref name="index"/>, e.g. GridPickup__lstm__1.</summary>
    public string RunName(int index) => Path.GetFileName(RunFolder(index));

    /// <summary>The report folder: runs/reports/NAME, as the local backend writes it.</summary>
    public string ReportFolder => Path.Combine(Path.GetFullPath(Plan.RunsRoot), "reports", Plan.Name);
}
