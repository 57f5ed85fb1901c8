using System.Runtime.InteropServices;
using Rims.Agents.Hosting;

namespace Rims.Agents.Tests.Hosting;

public partial class NativeHeapTuningTests
{
    // glibc's mallinfo2: ten size_t counters; hblkhd (the fifth) is the bytes currently held in mmapped blocks.
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static partial MallInfo2 MallInfo();

    [Fact]
    public unsafe void AfterTuningALargeBufferComesFromTheHeapNotAFreshMmap()
    {
        Assert.True(OperatingSystem.IsLinux(), "the tuning targets Linux glibc, where the product runs");
        Assert.Null(NativeHeapTuning.Apply());
        nuint mappedBefore = MallInfo().Hblkhd;
        // Above glibc's largest mmap threshold (32 MB), so mmapped for sure without the tuning; below the 64 MB
        // heap size of a thread arena, above which glibc falls back to mmap whatever the settings.
        const int size = 40 << 20;
        void* block = NativeMemory.Alloc(size);
        try
        {
            Assert.Equal(mappedBefore, MallInfo().Hblkhd);
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }
}
