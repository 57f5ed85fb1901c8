using Rims.Agents.Ppo;
using Rims.Envs;
using Rims.Envs.Vector;
using TorchSharp;
using static TorchSharp.torch;

namespace Rims.Agents.Tests.Ppo;

public class PpoTrainerTests
{
    private static PpoConfig RecallConfig(string core = "lstm", long steps = 2048) => new()
    {
        Env = "recall", Core = core, Seed = 3, TotalSteps = steps, NumEnvs = 8, NumSteps = 32,
        NumMinibatches = 4, LearningRate = 2e-3, Features = 32, Hidden = 32, Threads = 1,
    };

    [Fact]
    public void LiveTensorCountStaysFlatAcrossIterations()
    {
        using var trainer = RecallTrainer.Make(RecallConfig(steps: 8 * 32 * 6));
        trainer.RunIteration();
        long after1 = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        trainer.RunIteration();
        trainer.RunIteration();
        trainer.RunIteration();
        long after4 = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.Equal(after1, after4);
    }

    [Fact]
    public void TheSameSeedGivesTheSameTraining()
    {
        IterationStats Run()
        {
            using var trainer = RecallTrainer.Make(RecallConfig(steps: 8 * 32 * 2));
            trainer.RunIteration();
            return trainer.RunIteration();
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.PolicyLoss, b.PolicyLoss);
        Assert.Equal(a.ValueLoss, b.ValueLoss);
        Assert.Equal(a.Episodes.Select(e => e.Episode), b.Episodes.Select(e => e.Episode));
    }

    [Fact]
    public void TheValueClipIsThePolicyClipUnlessSetAndThenClipsTheValueLossAlone()
    {
        IterationStats Run(PpoConfig config)
        {
            using var trainer = RecallTrainer.Make(config);
            return trainer.RunIteration();
        }
        // One iteration of 4 epochs x 4 minibatches: the values move from the rollout's after the first minibatch.
        var config = RecallConfig(steps: 8 * 32) with { ClipCoef = 0.2f, Features = 16, Hidden = 16 };
        var unset = Run(config);
        var same = Run(config with { VfClipCoef = 0.2f });
        Assert.Equal((unset.ValueLoss, unset.PolicyLoss), (same.ValueLoss, same.PolicyLoss));
        // A value clip far tighter than the policy's keeps the value loss near the rollout's values.
        var tight = Run(config with { VfClipCoef = 1e-4f });
        Assert.NotEqual(unset.ValueLoss, tight.ValueLoss);
    }

    [Fact]
    public void AnnealsTheLearningRateLinearlyToZero()
    {
        var config = RecallConfig(steps: 8 * 32 * 4);
        using var trainer = RecallTrainer.Make(config);
        var rates = Enumerable.Range(0, 4).Select(_ => trainer.RunIteration().LearningRate).ToArray();
        Assert.Equal([2e-3, 1.5e-3, 1e-3, 0.5e-3], rates, (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void LearnsToRememberACue(string core)
    {
        // Chance is 50%; only a core that carries the cue through three blank steps can do better.
        var config = RecallConfig(core, steps: 8 * 32 * 60);
        using var trainer = RecallTrainer.Make(config);
        var recent = new RecentEpisodes(200);
        for (int i = 0; i < config.Iterations; i++)
            foreach (var (_, episode) in trainer.RunIteration().Episodes) recent.Add(episode);
        Assert.True(recent.SuccessRate > 0.9, $"{core}: success rate over the last 200 episodes {recent.SuccessRate:P1}");
    }

    [Fact]
    public void TheFeedForwardCoreStaysAtChanceWhereMemoryIsNeeded()
    {
        // The same budget as above: without a state, the cue is gone by the time the answer is due.
        var config = RecallConfig("ff", steps: 8 * 32 * 60);
        using var trainer = RecallTrainer.Make(config);
        Assert.Equal(0, trainer.Policy.Core.StateSize);
        var recent = new RecentEpisodes(200);
        for (int i = 0; i < config.Iterations; i++)
            foreach (var (_, episode) in trainer.RunIteration().Episodes) recent.Add(episode);
        Assert.InRange(recent.SuccessRate ?? -1, 0.3, 0.7);
    }
}

public class RimsPpoTests
{
    [Fact]
    public void EveryRimsParameterIsMovedByThePpoLoss()
    {
        // Adam leaves a parameter exactly where it was when its gradient is zero, so a parameter that changes
        // after one update received gradient from the PPO loss. The official RIMs Atari policy fails this.
        var config = new PpoConfig
        {
            Env = "recall", Core = "rims", Seed = 2, TotalSteps = 8 * 16, NumEnvs = 8, NumSteps = 16, NumMinibatches = 2,
            Features = 24, Hidden = 24, Threads = 1,
        };
        using var trainer = RecallTrainer.Make(config);
        var policy = trainer.Policy;
        var rimsParameters = policy.named_parameters().Where(p => p.name.StartsWith("core.", StringComparison.Ordinal)).ToList();
        Assert.Equal(14, rimsParameters.Count);
        var before = rimsParameters.Select(p => p.parameter.detach().clone()).ToList();
        var stats = trainer.RunIteration();
        for (int i = 0; i < rimsParameters.Count; i++)
            Assert.False(before[i].eq(rimsParameters[i].parameter).all().item<bool>(), $"{rimsParameters[i].name} did not move: no gradient from the PPO loss");
        Assert.NotNull(stats.UnitActivation);
        Assert.Equal(6, stats.UnitActivation!.Length);
        Assert.Equal(4.0, stats.UnitActivation.Sum(), 6);
    }
}
