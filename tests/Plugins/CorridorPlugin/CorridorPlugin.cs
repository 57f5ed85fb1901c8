using Rims.Envs;

namespace Rims.Tests.Plugins;

/// <summary>Declares the corridor env to Rims (what --env-assembly finds by reflection).</summary>
public sealed class CorridorPlugin : IEnvPlugin
{
    /// <summary>The env id the plugin declares.</summary>
    public const string EnvId = "PluginTest-Corridor-v0";

    /// <inheritdoc />
    public IEnumerable<EnvRegistration> Environments() =>
        [new(EnvId, $"test plugin: walk right to the end of a {CorridorRules.Length}-cell corridor", _ => new CorridorEnv())];
}
