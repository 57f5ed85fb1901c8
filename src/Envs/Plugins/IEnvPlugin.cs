namespace Rims.Envs;

/// <summary>
/// How an assembly declares the envs it brings to Rims: a public class with a public parameterless constructor that
/// implements this interface. The `rims` tool's --env-assembly PATH.dll (<see cref="EnvPlugins.Load"/>) creates one instance of
/// every such class in the assembly and registers what <see cref="Environments"/> returns, so a new env needs no rebuild of Rims.
/// </summary>
public interface IEnvPlugin
{
    /// <summary>
    /// The envs to register (at least one across the assembly's plugins). Ids must not clash with Rims' own or another
    /// plugin's (<see cref="EnvIdClashException"/>); <see cref="EnvRegistration.AssemblyPath"/> is filled in by the loader.
    /// </summary>
    IEnumerable<EnvRegistration> Environments();
}
