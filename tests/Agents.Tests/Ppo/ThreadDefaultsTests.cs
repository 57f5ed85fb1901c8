using Rims.Agents.Ppo;
using Rims.Envs;

namespace Rims.Agents.Tests.Ppo;

/// <summary>--threads left out: all cores for Atari frames, one thread for the small grid and vector models.</summary>
public class ThreadDefaultsTests
{
    [Fact]
    public void FramesGetEveryCoreAndGridsOneThread()
    {
        var config = new PpoConfig { NumEnvs = 1, NumMinibatches = 1 };
        Assert.Null(config.Threads);
        using var grid = PpoRun.MakeEnvs(config with { Env = "GridPickup" });
        Assert.Equal(1, PpoConfig.DefaultThreads(grid.Spec));
        var frames = new ObservationSpec(new ObservationPart("frames", [4, 84, 84]));
        Assert.Equal(Math.Max(1, Environment.ProcessorCount), PpoConfig.DefaultThreads(frames));
    }
}
