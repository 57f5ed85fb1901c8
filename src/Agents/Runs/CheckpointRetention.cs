namespace Rims.Agents.Runs;

/// <summary>
/// The --keep-checkpoints rule: a run keeps its newest periodic checkpoints (iter_NNNNNN.ckpt, by the iteration in the
/// name) and deletes older ones, so a long run with --save-every does not fill the disk (a 10M-step Atari run saving every
/// 50 iterations writes ~200 checkpoints of ~36 MB). final.ckpt and any other file are never touched.
/// </summary>
public static class CheckpointRetention
{
    /// <summary>Deletes all but the <paramref name="keep"/> newest periodic checkpoints in <paramref name="checkpointsPath"/>; returns the deleted paths.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keep"/> is below 1.</exception>
    /// <exception cref="IOException">A checkpoint could not be deleted.</exception>
    public static IReadOnlyList<string> Prune(string checkpointsPath, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (!Directory.Exists(checkpointsPath)) return [];
        var old = Directory.GetFiles(checkpointsPath)
            .Select(file => (File: file, Iteration: RunFolder.PeriodicCheckpointIteration(file)))
            .Where(c => c.Iteration is not null)
            .OrderByDescending(c => c.Iteration)
            .Skip(keep)
            .Select(c => c.File)
            .ToList();
        foreach (var file in old) File.Delete(file);
        return old;
    }
}
