using Rims.Agents.Comparison.Slurm;

namespace Rims.Agents.Tests.Comparison.Slurm;

/// <summary>
/// Answers sbatch and squeue as Slurm would: sbatch --parsable prints the next job id, squeue prints
/// <see cref="Queue"/>; every call is recorded.
/// </summary>
internal sealed class FakeSlurm : IProcessRunner
{
    private long nextJob = 12;

    /// <summary>What squeue prints (format %F|%K|%T|%r, one line per task).</summary>
    public string Queue { get; set; } = "";

    public List<(string File, IReadOnlyList<string> Arguments)> Calls { get; } = [];

    public List<(string File, IReadOnlyList<string> Arguments)> Sbatch => Calls.Where(c => c.File == "sbatch").ToList();

    public ProcessOutput Run(string fileName, IReadOnlyList<string> arguments)
    {
        Calls.Add((fileName, arguments.ToList()));
        return fileName switch
        {
            "sbatch" => new ProcessOutput(0, $"{nextJob++}\n", ""),
            "squeue" => new ProcessOutput(0, Queue, ""),
            _ => throw new SlurmCommandException($"{fileName} is not on PATH"),
        };
    }
}
