using static TorchSharp.torch;

namespace Rims.Agents.Hosting;

/// <summary>
/// Runs one tensor operation at start-up so a broken libtorch install fails at once with a clear message,
/// not in the middle of a run.
/// </summary>
public static class TorchStartupCheck
{
    /// <summary>Returns null when torch works, else a message naming the problem and the fix.</summary>
    public static string? Run()
    {
        try
        {
            using var a = ones(2, 2);
            using var product = a.matmul(a);
            return product.sum().item<float>() == 8f ? null : "libtorch computed a wrong 2x2 product; the native library is broken";
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
        {
            return $"libtorch could not be loaded ({e.GetBaseException().Message}). Rebuild with `dotnet build` so the " +
                   "Debian 12 ELF fix (build/TorchSharpDebianFix.targets; buildTransitive/Rims.targets of the Rims package in a " +
                   "project that uses the packages) patches libLibTorchSharp.so in the output folder.";
        }
    }
}
