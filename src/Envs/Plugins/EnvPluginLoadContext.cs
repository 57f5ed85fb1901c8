using System.Reflection;
using System.Runtime.Loader;

namespace Rims.Envs;

/// <summary>
/// The load context of one env plugin: the plugin's own dependencies come from its folder (its .deps.json, through
/// <see cref="AssemblyDependencyResolver"/>), while every assembly the host application ships (Rims itself, TorchSharp,
/// the framework) is shared with the host, so the plugin's <see cref="IEnv"/> is the host's <see cref="IEnv"/> and not a
/// second copy of the type that no cast could bridge.
/// </summary>
internal sealed class EnvPluginLoadContext(string assemblyPath) : AssemblyLoadContext($"env plugin {Path.GetFileName(assemblyPath)}")
{
    private readonly AssemblyDependencyResolver resolver = new(assemblyPath);

    /// <summary>The plugin file (full path) this context loads.</summary>
    public string AssemblyPath { get; } = assemblyPath;

    // The host's assemblies by simple name: the runtime's trusted platform assemblies list (every assembly of the
    // application's deps.json and of the shared framework).
    private static readonly HashSet<string> HostAssemblies = new(
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>(),
        StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Null defers to the default context, which owns the host's assemblies.
        if (assemblyName.Name is { } name && (HostAssemblies.Contains(name) || Default.Assemblies.Any(a => a.GetName().Name == name))) return null;
        return resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
