using Rims.Agents.Ppo;
using Rims.Envs;
using Rims.Envs.GridWorld;
using Rims.Envs.Vector;
using static TorchSharp.torch;

namespace Rims.Agents.Tests.Ppo;

/// <summary>
/// The slow learning test (SB3 style): LSTM-PPO on GridPickup-Memory (the mission is shown on the first step
/// only), with the grid settings README recommends, on a budget CI can afford.
/// </summary>
public class GridPickupLearningTests
{
    [Fact]
    public void LstmPpoLearnsGridPickupMemory()
    {
        var task = PickupTask.Memory;
        var config = new PpoConfig
        {
            Env = "GridPickup-Memory", Core = "lstm", Seed = 1, TotalSteps = 16 * 128 * 40, NumEnvs = 16, NumSteps = 128,
            NumMinibatches = 8, LearningRate = 1e-3, ClipCoef = 0.2f, Threads = 2,
        };
        random.manual_seed(config.Seed);
        var envs = new VectorEnv(Enumerable.Range(0, config.NumEnvs).Select(_ => (IEnv)new GridPickupEnv(task)).ToList());
        var policy = PolicyFactory.Create(config, envs.Spec, envs.ActionCount);
        using var trainer = new PpoTrainer(config, envs, policy);
        var first = new RecentEpisodes(300);
        var last = new RecentEpisodes(300);
        for (int i = 0; i < config.Iterations; i++)
            foreach (var (step, episode) in trainer.RunIteration().Episodes)
            {
                if (step <= 10_240) first.Add(episode);
                last.Add(episode);
            }
        Assert.True(last.SuccessRate > 0.35 && last.SuccessRate > first.SuccessRate + 0.15,
            $"success rate: first 10k steps {first.SuccessRate:P1}, last 300 episodes {last.SuccessRate:P1}");
    }
}
