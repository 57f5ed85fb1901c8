namespace Rims.Agents.Ppo;

/// <summary>
/// A request to end a training run early (SIGINT, SIGTERM, or a caller's own reason). The run finishes the iteration
/// in progress, writes a checkpoint and summary.json (completed: false, with the reason) and returns. Thread-safe:
/// signal handlers request, the training loop reads.
/// </summary>
public sealed class StopRequest
{
    /// <summary>The reason a run stopped by its <see cref="TrainingOptions.CancellationToken"/> records.</summary>
    public const string Cancelled = "cancelled";

    private string? reason;

    /// <summary>Why the run was asked to stop (the first request's reason), or null while it may go on.</summary>
    public string? Reason => Volatile.Read(ref reason);

    /// <summary>True once a stop has been requested.</summary>
    public bool IsRequested => Reason is not null;

    /// <summary>Asks the run to stop; returns false if a stop was already requested (the first reason is kept).</summary>
    public bool Request(string why) => Interlocked.CompareExchange(ref reason, why, null) is null;

    private readonly List<string> checkpoints = [];

    /// <summary>The checkpoints runs wrote because of this request (final.ckpt of each stopped run), in order.</summary>
    public IReadOnlyList<string> Checkpoints
    {
        get
        {
            lock (checkpoints) return [.. checkpoints];
        }
    }

    /// <summary>Records that a run stopped by this request wrote <paramref name="path"/>, so a second signal can say so.</summary>
    public void Checkpointed(string path)
    {
        lock (checkpoints) checkpoints.Add(path);
    }

    private readonly List<Action<string>> abortHandlers = [];

    /// <summary>
    /// Registers <paramref name="handler"/> to run when the process is about to end at once (a second signal; see
    /// <see cref="Abort"/>): a run uses it to write its last run.log line and close the file, since nothing else
    /// will. Disposing the result unregisters it.
    /// </summary>
    public IDisposable OnAbort(Action<string> handler)
    {
        lock (abortHandlers) abortHandlers.Add(handler);
        return new Unregistration(() =>
        {
            lock (abortHandlers) abortHandlers.Remove(handler);
        });
    }

    /// <summary>
    /// Runs the <see cref="OnAbort"/> handlers with <paramref name="why"/> (e.g. "SIGINT"), each at most once; a
    /// handler that throws does not keep the others from running. Call it just before ending the process at once.
    /// </summary>
    public void Abort(string why)
    {
        Action<string>[] handlers;
        lock (abortHandlers)
        {
            handlers = [.. abortHandlers];
            abortHandlers.Clear();
        }
        foreach (var handler in handlers)
        {
            try
            {
                handler(why);
            }
            catch (Exception)
            {
                // The process ends right after; one run's log failing must not cost the others theirs.
            }
        }
    }

    private sealed class Unregistration(Action unregister) : IDisposable
    {
        public void Dispose() => unregister();
    }
}
