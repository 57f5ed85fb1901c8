using System.Reflection;

namespace Rims.Agents.Tests.Cli;

/// <summary>The shared ROM and trace folders beside the repository (or where RIMS_ROMS / RIMS_ALE_TRACES / RIMS_MINIGRID_TRACES point).</summary>
internal static class Shared
{
    public static string Roms => Folder("RIMS_ROMS", "roms");

    /// <summary>The MiniGrid reference trace folder (RIMS_MINIGRID_TRACES, else ../shared/minigrid-traces).</summary>
    public static string MiniGridTraces => Folder("RIMS_MINIGRID_TRACES", "minigrid-traces");

    public static string Trace(string game)
    {
        string path = Path.Combine(Folder("RIMS_ALE_TRACES", "ale-traces", "RIMS_TRACES"), game + ".jsonl.gz");
        Assert.True(File.Exists(path), $"ALE trace {path} is missing (set RIMS_ALE_TRACES to the trace folder).");
        return path;
    }

    private static string Folder(string variable, string name, string? fallbackVariable = null)
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(fromEnvironment) && fallbackVariable is not null)
            fromEnvironment = Environment.GetEnvironmentVariable(fallbackVariable);
        string path = string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", name))
            : Path.GetFullPath(fromEnvironment);
        Assert.True(Directory.Exists(path), $"Shared folder {path} is missing (set {variable} to point at it).");
        return path;
    }

    // The build stamps the repository root into every test assembly (build/Tests.props), so this works with any
    // --artifacts-path.
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Rims.sln"))) return dir.FullName;
        string? stamped = typeof(Shared).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        Assert.True(stamped is not null, "cannot find the repository root (Rims.sln)");
        return stamped!;
    }
}
