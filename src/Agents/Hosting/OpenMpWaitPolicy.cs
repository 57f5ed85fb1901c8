using System.Runtime.InteropServices;

namespace Rims.Agents.Hosting;

/// <summary>
/// Makes libtorch's OpenMP threads sleep instead of spin while they wait at the end of a parallel region. libgomp's
/// default spins for up to GOMP_SPINCOUNT iterations, which is harmless on an idle machine but ruinous when another job
/// holds a core: the waiting thread burns the one free core that the thread it waits for needs, so every parallel
/// region lasts a scheduler time slice (README's quick start fell to 11 agent steps/s that way). libgomp reads
/// OMP_WAIT_POLICY once, when it is loaded with libtorch, so this must run before the first torch call, and through
/// libc's setenv: .NET's Environment.SetEnvironmentVariable does not change the native environment on Unix.
/// </summary>
public static partial class OpenMpWaitPolicy
{
    /// <summary>The variable libgomp reads (OpenMP specification, OMP_WAIT_POLICY).</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    /// <summary>
    /// Sets OMP_WAIT_POLICY=PASSIVE unless the user set the variable (their choice wins). Returns null when done or
    /// not applicable (not Linux), else why it could not be: runs still work then, only slower on a busy machine.
    /// </summary>
    public static string? Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null) return null;
        try
        {
            return SetEnv(Variable, "PASSIVE", 0) == 0 ? null : $"setenv({Variable}) failed; OpenMP threads keep spinning";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"no glibc setenv here ({e.Message}); OpenMP threads keep spinning (slower on a busy machine)";
        }
    }
}
