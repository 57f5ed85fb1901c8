using System.Reflection;

namespace Rims.Envs;

/// <summary>
/// Loads env plugins: .NET assemblies that declare envs through <see cref="IEnvPlugin"/> (the `rims` tool's
/// --env-assembly). Each file is loaded once per process, in its own <see cref="EnvPluginLoadContext"/>, and its envs are
/// registered with <see cref="EnvRegistration.AssemblyPath"/> set, so a run's config records where its env came from.
/// </summary>
public static class EnvPlugins
{
    private static readonly Dictionary<string, IReadOnlyList<EnvRegistration>> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// Loads the plugin at <paramref name="path"/> into <paramref name="registry"/> (default: <see cref="EnvRegistry.Default"/>)
    /// and returns its registrations; a file loaded before is not loaded again (its earlier registrations are returned,
    /// and registered into <paramref name="registry"/> if they are not there yet).
    /// </summary>
    /// <param name="path">The plugin assembly (relative paths are resolved against the current folder).</param>
    /// <param name="registry">Where its envs go.</param>
    /// <exception cref="FileNotFoundException">Nothing (or a folder) is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a .NET assembly, or declares no env (no public <see cref="IEnvPlugin"/> class with a parameterless constructor, or none returns an env).</exception>
    /// <exception cref="IOException">The assembly or one of its dependencies cannot be loaded; the message names the dependency.</exception>
    /// <exception cref="EnvIdClashException">An env id it declares is taken; none of its envs is registered then.</exception>
    public static IReadOnlyList<EnvRegistration> Load(string path, EnvRegistry? registry = null)
    {
        registry ??= EnvRegistry.Default;
        InputPaths.RequireFile(path, "env assembly");
        var fullPath = Path.GetFullPath(path);
        lock (Loaded)
        {
            if (Loaded.TryGetValue(fullPath, out var earlier))
            {
                // Loaded before (into this or another registry): the assembly is not loaded twice.
                if (!earlier.All(r => registry.Contains(r.Id))) registry.RegisterAll(earlier);
                return earlier;
            }
            try
            {
                AssemblyName.GetAssemblyName(fullPath);
            }
            catch (BadImageFormatException)
            {
                throw new InvalidDataException($"env assembly {path} is not a .NET assembly; give the .dll your env project builds");
            }
            var declared = Declared(path, fullPath);
            if (declared.Count == 0)
                throw new InvalidDataException($"env assembly {path} declares no env: it needs a public class with a parameterless constructor implementing {nameof(Rims)}.{nameof(Envs)}.{nameof(IEnvPlugin)} whose Environments() returns at least one env");
            registry.RegisterAll(declared);
            Loaded[fullPath] = declared;
            return declared;
        }
    }

    /// <summary>
    /// Makes sure <paramref name="envId"/> can be built: when no env has that id yet and <paramref name="assemblyPath"/> is
    /// given (a run's recorded --env-assembly), loads that plugin. A run resumed, evaluated or trained as a comparison's
    /// child process finds its env this way; an env already registered (built in, or its plugin loaded) is left alone.
    /// </summary>
    /// <inheritdoc cref="Load" path="/exception"/>
    public static void EnsureRegistered(string envId, string? assemblyPath, EnvRegistry? registry = null)
    {
        registry ??= EnvRegistry.Default;
        if (assemblyPath is not null && !registry.Contains(envId)) Load(assemblyPath, registry);
    }

    private static List<EnvRegistration> Declared(string path, string fullPath)
    {
        try
        {
            var assembly = new EnvPluginLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
            var plugins = assembly.GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEnvPlugin).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null);
            return [.. plugins.SelectMany(t => ((IEnvPlugin)Activator.CreateInstance(t)!).Environments())
                .Select(r => r with { AssemblyPath = fullPath, Factory = Blamed(r, path, fullPath) })];
        }
        catch (Exception e) when (MissingDependency(e) is { } missing)
        {
            throw MissingDependencyError(path, fullPath, missing, e);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException or ReflectionTypeLoadException or TargetInvocationException)
        {
            throw new IOException($"env assembly {path} cannot be loaded: {(e.InnerException ?? e).Message}", e);
        }
    }

    /// <summary>
    /// The plugin env's factory, with its failures blamed on the plugin rather than on Rims: the runtime loads a
    /// plugin's dependencies lazily, so a missing one often shows only when the env is first built, and an exception
    /// of the plugin's own code is the plugin's to fix (an <see cref="IOException"/>, exit 1, not an internal error).
    /// </summary>
    private static Func<EnvSettings, IEnv> Blamed(EnvRegistration registration, string path, string fullPath) => settings =>
    {
        try
        {
            return registration.Factory(settings);
        }
        catch (Exception e) when (MissingDependency(e) is { } missing)
        {
            throw MissingDependencyError(path, fullPath, missing, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IOException($"env {registration.Id} from plugin {path} failed to start: {(e is TargetInvocationException { InnerException: { } inner } ? inner : e).Message}", e);
        }
    };

    private static IOException MissingDependencyError(string path, string fullPath, string missing, Exception e)
    {
        var name = new AssemblyName(missing);
        return new IOException($"plugin {path} needs {name.Name}.dll ({name.Version}), which is not beside it in {Path.GetDirectoryName(fullPath)}: " +
                               "copy the plugin's whole build output folder (e.g. from `dotnet publish` of the env project)", e);
    }

    /// <summary>The display name of the assembly a load failed for ("Foo, Version=1.0.0.0, ..."), or null for other failures.</summary>
    private static string? MissingDependency(Exception e) => e switch
    {
        FileNotFoundException { FileName: { } name } => name,
        ReflectionTypeLoadException types => types.LoaderExceptions.OfType<FileNotFoundException>().Select(f => f.FileName).FirstOrDefault(),
        TargetInvocationException { InnerException: { } inner } => MissingDependency(inner),
        TypeInitializationException { InnerException: { } inner } => MissingDependency(inner),
        _ => null,
    };
}
