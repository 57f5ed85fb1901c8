using System.Text.Json.Nodes;
using Rims.Agents.Comparison.Slurm;

namespace Rims.Agents.Tests.Comparison.Slurm;

/// <summary>slurm.json: one entry per Slurm attempt on a run, nothing outside Slurm.</summary>
public class SlurmAttemptTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("rims-slurm-attempt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EachAttemptIsAppendedWithItsJobAndTaskIds()
    {
        var first = new Dictionary<string, string> { ["SLURM_JOB_ID"] = "15", ["SLURM_ARRAY_JOB_ID"] = "12", ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURMD_NODENAME"] = "n1" };
        SlurmAttempt.Record(folder, DateTime.UtcNow, "stopped by SIGTERM", first.GetValueOrDefault);
        var requeued = new Dictionary<string, string>(first) { ["SLURM_RESTART_COUNT"] = "1" };
        SlurmAttempt.Record(folder, DateTime.UtcNow, "finished", requeued.GetValueOrDefault);

        var attempts = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, SlurmAttempt.FileName)))!["attempts"]!.AsArray();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("15", (string?)attempts[0]!["job_id"]);
        Assert.Equal("12", (string?)attempts[0]!["array_job_id"]);
        Assert.Equal("3", (string?)attempts[0]!["array_task_id"]);
        Assert.Equal("0", (string?)attempts[0]!["restart_count"]);
        Assert.Equal("stopped by SIGTERM", (string?)attempts[0]!["outcome"]);
        Assert.Equal("1", (string?)attempts[1]!["restart_count"]);
        Assert.Equal("finished", (string?)attempts[1]!["outcome"]);
    }

    [Fact]
    public void OutsideSlurmNothingIsWritten()
    {
        SlurmAttempt.Record(folder, DateTime.UtcNow, "finished", _ => null);
        Assert.False(File.Exists(Path.Combine(folder, SlurmAttempt.FileName)));
    }
}
