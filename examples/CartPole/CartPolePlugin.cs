using Rims.Envs;

namespace CartPole;

/// <summary>Declares CartPole-v1 to the rims tool: `rims ppo --env-assembly CartPole.dll --env CartPole-v1`.</summary>
public sealed class CartPolePlugin : IEnvPlugin
{
    /// <summary>The registration, shared by the plugin route and Program.cs's in-code route.</summary>
    public static EnvRegistration Registration { get; } =
        new(CartPoleEnv.Id, "gymnasium's CartPole-v1: balance a pole on a cart (float32 state, 500-step limit)", _ => new CartPoleEnv());

    /// <inheritdoc />
    public IEnumerable<EnvRegistration> Environments() => [Registration];
}
