using System.Reflection;
using System.Runtime.InteropServices;

namespace Rims.Agents.Runs;

/// <summary>Where a result came from: the code version (stamped at build time) and the machine.</summary>
public static class BuildInfo
{
    /// <summary>The git commit the binary was built from ("unknown" outside a git checkout).</summary>
    public static string GitCommit { get; } = ReadCommit();

    /// <summary>A one-line description of the machine.</summary>
    public static string Machine { get; } =
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}";

    /// <summary>
    /// The config.json of a run: <paramref name="settings"/> serialised with the run-folder conventions, plus the
    /// command, code version, machine and trainable-parameter count, so any result can be traced and rerun.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject RunConfig<T>(T settings, string command, long parameters)
    {
        var json = (System.Text.Json.Nodes.JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(settings, RunJson.Options)!;
        json["command"] = command;
        json["git_commit"] = GitCommit;
        json["machine"] = Machine;
        json["parameters"] = parameters;
        return json;
    }

    private static string ReadCommit()
    {
        // Directory.Build.targets appends "+<commit>" to the informational version when git is available.
        var version = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        int plus = version?.IndexOf('+') ?? -1;
        return plus >= 0 ? version![(plus + 1)..] : "unknown";
    }
}
