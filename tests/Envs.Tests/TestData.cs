using System.Reflection;

namespace Rims.Envs.Tests;

/// <summary>Finds the shared data folders (ALE traces, ROMs) that live beside the repository, failing loudly if absent.</summary>
internal static class TestData
{
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

    /// <summary>The ALE trace folder: $RIMS_TRACES, else ../shared/ale-traces next to the repository.</summary>
    public static string TracesDirectory => Folder("RIMS_TRACES", Path.Combine("..", "shared", "ale-traces"));

    /// <summary>The ROM folder: $RIMS_ROMS, else ../shared/roms next to the repository.</summary>
    public static string RomsDirectory => Folder("RIMS_ROMS", Path.Combine("..", "shared", "roms"));

    private static string Folder(string variable, string relative)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(RepositoryRoot, relative)
            : fromEnvironment);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"Test data folder {path} is missing (set {variable} to point at it).");
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
