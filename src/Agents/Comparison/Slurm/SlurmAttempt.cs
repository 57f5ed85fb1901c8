using System.Text.Json.Nodes;
using Rims.Agents.Runs;

namespace Rims.Agents.Comparison.Slurm;

/// <summary>
/// The run folder's record of the Slurm tasks that worked on it (slurm.json): one entry per attempt, because a
/// preempted task is requeued under the same job id with a higher restart count, and a rerun of the comparison
/// submits a new array.
/// </summary>
public static class SlurmAttempt
{
    /// <summary>The file name in the run folder.</summary>
    public const string FileName = "slurm.json";

    /// <summary>
    /// Appends this process's Slurm ids (SLURM_JOB_ID, SLURM_ARRAY_JOB_ID, SLURM_ARRAY_TASK_ID, SLURM_RESTART_COUNT,
    /// SLURMD_NODENAME, as sbatch documents them) and how the attempt ended to <paramref name="runFolder"/>/slurm.json.
    /// Does nothing outside a Slurm job (no SLURM_JOB_ID).
    /// </summary>
    /// <param name="runFolder">The run folder.</param>
    /// <param name="startedUtc">When the attempt started.</param>
    /// <param name="outcome">How it ended: finished, stopped by SIGTERM, failed: message.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    public static void Record(string runFolder, DateTime startedUtc, string outcome, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("SLURM_JOB_ID") is not { } jobId) return;
        var file = Path.Combine(runFolder, FileName);
        var attempts = File.Exists(file) && JsonNode.Parse(File.ReadAllText(file))?["attempts"] is JsonArray existing
            ? existing.DeepClone().AsArray()
            : [];
        attempts.Add(new JsonObject
        {
            ["job_id"] = jobId,
            ["array_job_id"] = environment("SLURM_ARRAY_JOB_ID"),
            ["array_task_id"] = environment("SLURM_ARRAY_TASK_ID"),
            ["restart_count"] = environment("SLURM_RESTART_COUNT") ?? "0",
            ["node"] = environment("SLURMD_NODENAME"),
            ["started_utc"] = startedUtc.ToString("O"),
            ["ended_utc"] = DateTime.UtcNow.ToString("O"),
            ["outcome"] = outcome,
        });
        AtomicFile.WriteAllText(file, new JsonObject { ["attempts"] = attempts }.ToJsonString(RunJson.Options));
    }
}
