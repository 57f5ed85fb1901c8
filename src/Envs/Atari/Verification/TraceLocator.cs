namespace Rims.Envs.Atari.Verification;

/// <summary>
/// Finds the ALE trace folder: an explicit folder (--traces), else RIMS_ALE_TRACES, else RIMS_TRACES (the older name,
/// still honoured), else ./ale-traces or ../shared/ale-traces.
/// </summary>
public static class TraceLocator
{
    /// <summary>Name of the environment variable that points at the trace folder.</summary>
    public const string EnvironmentVariable = "RIMS_ALE_TRACES";

    /// <summary>The older name of <see cref="EnvironmentVariable"/>, read when that one is unset.</summary>
    public const string FallbackEnvironmentVariable = "RIMS_TRACES";

    /// <summary>The trace folder by the precedence above.</summary>
    /// <exception cref="DirectoryNotFoundException">No candidate exists; the message lists what was tried.</exception>
    public static string ResolveDirectory(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            string full = Path.GetFullPath(explicitDirectory);
            return Directory.Exists(full) ? full : throw new DirectoryNotFoundException($"Trace folder {full} (--traces) does not exist.");
        }
        foreach (var variable in (ReadOnlySpan<string>)[EnvironmentVariable, FallbackEnvironmentVariable])
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(fromEnvironment)) continue;
            string full = Path.GetFullPath(fromEnvironment);
            return Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"Trace folder {full} ({variable}) does not exist.");
        }
        string[] candidates = [Path.GetFullPath("ale-traces"), Path.GetFullPath(Path.Combine("..", "shared", "ale-traces"))];
        foreach (var candidate in candidates)
            if (Directory.Exists(candidate)) return candidate;
        throw new DirectoryNotFoundException(
            $"No ALE trace folder: tried {string.Join(" and ", candidates)}. Point to it with --traces DIR or {EnvironmentVariable}=DIR.");
    }
}
