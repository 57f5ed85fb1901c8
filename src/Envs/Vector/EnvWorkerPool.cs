using System.Runtime.ExceptionServices;

namespace Rims.Envs.Vector;

/// <summary>
/// A fixed set of dedicated threads that run one job over contiguous slices of [0, count) and wait for each
/// other, with no allocation per run (the EnvPool design: threads are started once, signalled per step).
/// The calling thread works the first slice itself. An exception on any thread is rethrown to the caller.
/// </summary>
public sealed class EnvWorkerPool : IDisposable
{
    private readonly Action<int, int> work;
    private readonly int count;
    private readonly (int Start, int End)[] slices;
    private readonly Thread[] threads;
    private readonly SemaphoreSlim[] starts;
    private readonly CountdownEvent finished;
    private readonly long[] workerAllocated;
    private volatile bool stopping;
    private ExceptionDispatchInfo? failure;

    /// <summary>Creates <paramref name="threadCount"/> - 1 worker threads for <paramref name="work"/>(start, end).</summary>
    public EnvWorkerPool(int count, int threadCount, Action<int, int> work)
    {
        if (threadCount < 1) throw new ArgumentOutOfRangeException(nameof(threadCount), threadCount, "need at least one thread");
        this.count = count;
        this.work = work;
        int used = Math.Min(threadCount, Math.Max(count, 1));
        slices = new (int, int)[used];
        for (int i = 0; i < used; i++) slices[i] = (count * i / used, count * (i + 1) / used);
        starts = new SemaphoreSlim[used];
        workerAllocated = new long[used];
        threads = new Thread[used];
        finished = new CountdownEvent(1);
        for (int i = 1; i < used; i++)
        {
            starts[i] = new SemaphoreSlim(0);
            int slice = i;
            threads[i] = new Thread(() => WorkerLoop(slice)) { IsBackground = true, Name = $"env-worker-{i}" };
            threads[i].Start();
        }
    }

    /// <summary>
    /// Bytes allocated so far on the worker threads (not the caller), as of their last finished job. The
    /// process-wide counter also sees the runtime's own background work; this one sees only ours.
    /// </summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            for (int i = 0; i < workerAllocated.Length; i++) total += Volatile.Read(ref workerAllocated[i]);
            return total;
        }
    }

    /// <summary>Threads that share the work, the caller included.</summary>
    public int ThreadCount => slices.Length;

    /// <summary>Runs the job over every slice and returns when all are done.</summary>
    public void Run()
    {
        if (slices.Length == 1)
        {
            work(0, count);
            return;
        }
        finished.Reset(slices.Length - 1);
        for (int i = 1; i < slices.Length; i++) starts[i].Release();
        try
        {
            work(slices[0].Start, slices[0].End);
        }
        finally
        {
            finished.Wait();
        }
        var error = Interlocked.Exchange(ref failure, null);
        error?.Throw();
    }

    private void WorkerLoop(int slice)
    {
        while (true)
        {
            starts[slice].Wait();
            if (stopping) return;
            try
            {
                work(slices[slice].Start, slices[slice].End);
            }
            catch (Exception e)
            {
                // Handed to the caller of Run, which rethrows it with its original stack trace.
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                Volatile.Write(ref workerAllocated[slice], GC.GetAllocatedBytesForCurrentThread());
                finished.Signal();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        stopping = true;
        for (int i = 1; i < slices.Length; i++) starts[i].Release();
        for (int i = 1; i < slices.Length; i++) threads[i].Join();
        for (int i = 1; i < slices.Length; i++) starts[i].Dispose();
        finished.Dispose();
    }
}
