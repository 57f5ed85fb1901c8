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
            return LoadFailure(e);
        }
    }

    /// <summary>
    /// The one-line message for libtorch failing to load with <paramref name="e"/>: TorchSharp's own message is its
    /// first line (the rest is the loader's trace of every path it tried, dozens of lines), then the fix.
    /// </summary>
    public static string LoadFailure(Exception e)
    {
        var message = e.GetBaseException().Message;
        var firstLine = message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.GetType().Name;
        return $"libtorch could not be loaded ({firstLine}). Rebuild with `dotnet build` so the " +
               "Debian 12 ELF fix (build/TorchSharpDebianFix.targets; buildTransitive/Rims.targets of the Rims package in a " +
               "project that uses the packages) patches libLibTorchSharp.so in the output folder.";
    }
}
