using Rims.Agents.Ppo;
using Rims.Envs;
using Rims.Envs.Vector;
using static TorchSharp.torch;

namespace Rims.Agents.Tests.Ppo;

/// <summary>A seeded trainer on <see cref="RecallEnv"/>, the fast memory task most trainer tests use.</summary>
internal static class RecallTrainer
{
    public static PpoTrainer Make(PpoConfig config)
    {
        random.manual_seed(config.Seed);
        var envs = new VectorEnv(Enumerable.Range(0, config.NumEnvs).Select(_ => (IEnv)new RecallEnv()).ToList());
        return new PpoTrainer(config, envs, PolicyFactory.Create(config, envs.Spec, envs.ActionCount));
    }
}
