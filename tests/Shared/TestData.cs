using System.Reflection;

namespace Rims.Testing;

/// <summary>
/// Finds the shared data kept beside the repository (ALE traces, ROMs, MiniGrid traces, RIMs fixtures), by the
/// environment variables .ci/run sets, else ../shared next to the repository; folders that must exist fail loudly
/// when absent. Compiled into every test project (build/Tests.props), so there is one locator, not one per project.
/// </summary>
internal static class TestData
{
    /// <summary>The ALE trace folder's variable (the product's name: Envs' TraceLocator.EnvironmentVariable).</summary>
    public const string TracesVariable = "RIMS_ALE_TRACES";

    /// <summary>The older name of <see cref="TracesVariable"/>, read when it is unset (TraceLocator.FallbackEnvironmentVariable).</summary>
    public const string TracesFallbackVariable = "RIMS_TRACES";

    /// <summary>The ROM folder's variable (the product's name: Envs' RomLocator.EnvironmentVariable).</summary>
    public const string RomsVariable = "RIMS_ROMS";

    /// <summary>The MiniGrid reference trace folder's variable.</summary>
    public const string MiniGridTracesVariable = "RIMS_MINIGRID_TRACES";

    /// <summary>The RIMs fixture folder's variable.</summary>
    public const string FixturesVariable = "RIMS_FIXTURES_DIR";

    private static readonly string[] TraceVariables = [TracesVariable, TracesFallbackVariable];

    /// <summary>The repository root: walk up from the test binary to Rims.sln, else the root stamped in at build time
    /// (the walk fails when the build output is outside the repository, e.g. with --artifacts-path).</summary>
    /// <exception cref="DirectoryNotFoundException">Neither finds Rims.sln.</exception>
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
    public static string TracesPath => Locate(TraceVariables, "ale-traces");

    /// <summary>The ROM folder: $RIMS_ROMS, else ../shared/roms next to the repository.</summary>
    public static string RomsDirectory => Existing(RomsPath, [RomsVariable]);

    /// <summary>Where the ROM folder should be, whether or not it exists.</summary>
    public static string RomsPath => Locate([RomsVariable], "roms");

    /// <summary>The MiniGrid reference trace folder: $RIMS_MINIGRID_TRACES, else ../shared/minigrid-traces next to the repository.</summary>
    public static string MiniGridTracesDirectory =>
        Existing(Locate([MiniGridTracesVariable], "minigrid-traces"), [MiniGridTracesVariable]);

    /// <summary>Where the RIMs fixture folder should be ($RIMS_FIXTURES_DIR, else ../shared/fixtures/rims), whether or not it exists.</summary>
    public static string FixturesPath => Locate([FixturesVariable], Path.Combine("fixtures", "rims"));

    /// <summary>A sentence saying which environment variable points at the trace folder (for failure messages).</summary>
    public static string TracesHint => $"set {TracesVariable} (or {TracesFallbackVariable}) to point at it";

    /// <summary>A sentence saying which environment variable points at the ROM folder.</summary>
    public static string RomsHint => $"set {RomsVariable} to point at it";

    /// <summary>The ALE trace of <paramref name="game"/> (ROM stem, e.g. "pong"), which must exist.</summary>
    public static string AleTrace(string game) => File(TracesDirectory, game + ".jsonl.gz");

    /// <summary>A file in <paramref name="directory"/> that must exist.</summary>
    /// <exception cref="FileNotFoundException">It does not.</exception>
    public static string File(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"Test data file {path} is missing.", path);
        return path;
    }

    /// <summary>The folder the first set variable of <paramref name="variables"/> names, else ../shared/<paramref name="sharedRelative"/>.</summary>
    private static string Locate(string[] variables, string sharedRelative)
    {
        foreach (var variable in variables)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        }
        return Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", sharedRelative));
    }

    private static string Existing(string path, string[] variables)
    {
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"Test data folder {path} is missing (set {string.Join(" or ", variables)} to point at it).");
        return path;
    }
}
