using Rims.Envs;
using Rims.Policies;
using Rims.Policies.Cores;
using Rims.Policies.Encoders;

namespace Rims.Agents.Ppo;

/// <summary>Builds the actor-critic a config asks for: the encoder the observation calls for, then the core.</summary>
public static class PolicyFactory
{
    /// <summary>Creates the policy for an env with <paramref name="spec"/> and <paramref name="actionCount"/> actions.</summary>
    public static ActorCritic Create(PpoConfig config, ObservationSpec spec, int actionCount)
    {
        int features = config.Features ?? EncoderFactory.DefaultFeatureSize(spec);
        var encoder = EncoderFactory.Create(spec, features);
        var core = CoreFactory.Create(config, features);
        return new ActorCritic(encoder, core, actionCount);
    }
}
