using System.Reflection;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Verification;

namespace Rims.Envs.Tests;

/// <summary>Finds the shared data folders (ALE traces, ROMs, MiniGrid traces) that live beside the repository, failing loudly if absent.</summary>
internal static class TestData
{
    // The product's own variable names, so the tests look where `atari verify` and the Atari envs look.
    private static readonly string[] TraceVariables = [TraceLocator.EnvironmentVariable, TraceLocator.FallbackEnvironmentVariable];
    private static readonly string[] RomVariables = [RomLocator.EnvironmentVariable];
    private static readonly string[] MiniGridTraceVariables = ["RIMS_MINIGRID_TRACES"];

    /// <summary>The repository root: walk up from the test binary to Rims.sln, else the root stamped in at build time
    /// (the walk fails when the build output is outside the repository, e.g. with --artifacts-path).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "Rims.sln"))) return dir.FullName;
            var stamped = typeof(TestData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
            if (stamped is not null && System.IO.File.Exists(Path.Combine(stamped, "Rims.sln"))) return stamped;
            throw new DirectoryNotFoundException($"No Rims.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The ALE trace folder: $RIMS_ALE_TRACES, else $RIMS_TRACES (the older name), else ../shared/ale-traces next to the repository.</summary>
    public static string TracesDirectory => Existing(TracesPath, TraceVariables);

    /// <summary>Where the ALE trace folder should be (by the precedence of <see cref="TracesDirectory"/>), whether or not it exists.</summary>
    public static string TracesPath => Locate(TraceVariables, Path.Combine("..", "shared", "ale-traces"));

    /// <summary>The ROM folder: $RIMS_ROMS, else ../shared/roms next to the repository.</summary>
    public static string RomsDirectory => Existing(RomsPath, RomVariables);

    /// <summary>Where the ROM folder should be, whether or not it exists.</summary>
    public static string RomsPath => Locate(RomVariables, Path.Combine("..", "shared", "roms"));

    /// <summary>The MiniGrid reference trace folder: $RIMS_MINIGRID_TRACES, else ../shared/minigrid-traces next to the repository.</summary>
    public static string MiniGridTracesDirectory =>
        Existing(Locate(MiniGridTraceVariables, Path.Combine("..", "shared", "minigrid-traces")), MiniGridTraceVariables);

    /// <summary>A sentence saying which environment variable points at the trace folder (for failure messages).</summary>
    public static string TracesHint => $"set {TraceVariables[0]} (or {TraceVariables[1]}) to point at it";

    /// <summary>A sentence saying which environment variable points at the ROM folder.</summary>
    public static string RomsHint => $"set {RomVariables[0]} to point at it";

    private static string Locate(string[] variables, string relative)
    {
        foreach (var variable in variables)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        }
        return Path.GetFullPath(Path.Combine(RepositoryRoot, relative));
    }

    private static string Existing(string path, string[] variables)
    {
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"Test data folder {path} is missing (set {string.Join(" or ", variables)} to point at it).");
        return path;
    }

    /// <summary>A file in <paramref name="directory"/> that must exist.</summary>
    public static string File(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"Test data file {path} is missing.", path);
        return path;
    }
}
