using Rims.Envs;

namespace Rims.Tests.Plugins;

/// <summary>Declares an env under a built-in id (GridPickup): loading this assembly as a plugin must be refused.</summary>
public sealed class ClashingPlugin : IEnvPlugin
{
    /// <inheritdoc />
    public IEnumerable<EnvRegistration> Environments() => [new("GridPickup", "a second GridPickup", _ => throw new InvalidOperationException("never built"))];
}
