using System.Runtime.InteropServices;

namespace Rims.Agents.Hosting;

/// <summary>
/// Keeps glibc from handing libtorch's large tensor buffers back to the kernel after every use. By default glibc
/// serves each allocation above its mmap threshold (at most 32 MB) with a fresh mmap and unmaps it on free, so
/// every PPO minibatch re-faults hundreds of MB of zeroed pages: on this 2-core machine that made the Nature CNN
/// backward 3x slower and DemonAttack PPO run at ~30 instead of ~150 steps/s. Serving everything from the heap
/// and never trimming it turns those faults into reuse; the cost is that the process keeps its peak heap, which
/// for a training run is its steady state anyway.
/// </summary>
public static partial class NativeHeapTuning
{
    // glibc's mallopt parameter numbers (malloc.h).
    private const int TrimThreshold = -1, MmapMax = -4;

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);

    /// <summary>
    /// Applies the tuning on Linux glibc. Returns null when applied or not applicable (other OS), else why it
    /// could not be (a libc without mallopt, e.g. musl): runs still work then, only slower.
    /// </summary>
    public static string? Apply()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            // mallopt returns 1 on success, 0 on an unsupported parameter or value.
            bool ok = Mallopt(MmapMax, 0) == 1 & Mallopt(TrimThreshold, int.MaxValue) == 1;
            return ok ? null : "glibc rejected mallopt(M_MMAP_MAX, 0) or mallopt(M_TRIM_THRESHOLD); tensor buffers stay mmapped (slower)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"no glibc mallopt here ({e.Message}); tensor buffers stay mmapped (slower training, same results)";
        }
    }
}
