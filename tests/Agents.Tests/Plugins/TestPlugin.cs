using System.Reflection;

namespace Rims.Agents.Tests.Plugins;

/// <summary>The test env plugin (tests/Plugins/CorridorPlugin), built beside the tests but never referenced by them.</summary>
internal static class TestPlugin
{
    /// <summary>The env id it declares.</summary>
    public const string EnvId = "PluginTest-Corridor-v0";

    /// <summary>The built plugin assembly (in its own output folder, with its dependency CorridorRules.dll).</summary>
    public static string Path { get; } = typeof(TestPlugin).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CorridorPlugin").Value!;

    /// <summary>Copies the plugin's folder to <paramref name="folder"/> leaving out <paramref name="except"/>; returns the copy's plugin path.</summary>
    public static string CopyTo(string folder, params string[] except)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(Path)!))
            if (!except.Contains(System.IO.Path.GetFileName(file))) File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        return System.IO.Path.Combine(folder, System.IO.Path.GetFileName(Path));
    }

    /// <summary>The plugin's dependency, which it loads from its own folder.</summary>
    public static string DependencyPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "CorridorRules.dll");
}
