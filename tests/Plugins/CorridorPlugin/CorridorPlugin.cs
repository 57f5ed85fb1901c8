using Rims.Envs;

namespace Rims.Tests.Plugins;

/// <summary>Declares the corridor env to Rims (what --env-assembly finds by reflection).</summary>
public sealed class CorridorPlugin : IEnvPlugin
{
    /// <summary>The env id the plugin declares.</summary>
    public const string EnvId = "PluginTest-Corridor-v0";

    /// <summary>The env option that makes the factory throw, as a plugin's own bug would (for the error contract's tests).</summary>
    public const string FailOption = "fail-to-start";

    /// <summary>The env option that makes the env's third Step throw, as a plugin's own bug would.</summary>
    public const string FailInStepOption = "fail-in-step";

    /// <inheritdoc />
    public IEnumerable<EnvRegistration> Environments() =>
        [new(EnvId, $"test plugin: walk right to the end of a {CorridorRules.Length}-cell corridor",
            settings => settings.Options.ContainsKey(FailOption)
                ? throw new InvalidOperationException("the corridor was asked to fail")
                : new CorridorEnv(failInStep: settings.Options.ContainsKey(FailInStepOption)))
        { OptionKeys = [FailOption, FailInStepOption] }];
}
