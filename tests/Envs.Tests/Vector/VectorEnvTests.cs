using Rims.Envs.Vector;

namespace Rims.Envs.Tests.Vector;

public class VectorEnvTests
{
    private static VectorEnv Make(int count, int length, bool truncate = false, int threads = 1, int lives = 1) =>
        new(Enumerable.Range(0, count).Select(_ => (IEnv)new CountingEnv(length, truncate, lives)).ToList(), threads);

    [Fact]
    public void ResetSeedsEnvIWithSeedPlusI()
    {
        using var envs = Make(3, 5);
        envs.Reset(100);
        Assert.Equal([100, 101, 102], envs.Envs.Select(e => ((CountingEnv)e).LastSeed!.Value));
        Assert.Equal(new byte[] { 1, 0, 1, 0, 1, 0 }, envs.Observations);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AutoResetsInTheSameStepAndKeepsTheFinalObservation(int threads)
    {
        using var envs = Make(4, 2, truncate: true, threads: threads);
        envs.Reset(0);
        envs.Step([0, 1, 2, 0]);
        Assert.All(envs.Truncated, Assert.False);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 1, 1, 1, 1 }, envs.Observations);
        envs.Step([1, 1, 1, 1]);
        Assert.All(envs.Truncated, Assert.True);
        Assert.All(envs.Terminated, Assert.False);
        // The batch already holds episode 2's first observation; the final one (episode 1, step 2) is kept.
        Assert.Equal(new byte[] { 2, 0, 2, 0, 2, 0, 2, 0 }, envs.Observations);
        Assert.Equal(new byte[] { 1, 2, 1, 2, 1, 2, 1, 2 }, envs.FinalObservations);
    }

    [Fact]
    public void ReportsEpisodeStatisticsFromRawRewardsWhenTheGameEnds()
    {
        using var envs = Make(2, 3);
        envs.Reset(0);
        envs.Step([1, 2]);
        envs.Step([1, 2]);
        Assert.Equal(0, envs.FinishedEpisodes.Length);
        envs.Step([2, 0]);
        var ended = envs.FinishedEpisodes.ToArray();
        Assert.Equal(2, ended.Length);
        Assert.Equal(new EpisodeEnd(0, 40, 3, 1), ended[0]);
        Assert.Equal(new EpisodeEnd(1, 40, 3, 1), ended[1]);
        Assert.Equal([2f, 0f], envs.Rewards);
        Assert.All(envs.Terminated, Assert.True);
    }

    [Fact]
    public void ALearnerEpisodeEndThatIsNotGameOverDoesNotEndTheStatisticsEpisode()
    {
        using var envs = Make(1, 2, lives: 2);
        envs.Reset(0);
        envs.Step([1]);
        envs.Step([1]);
        Assert.True(envs.Terminated[0]);
        Assert.Equal(0, envs.FinishedEpisodes.Length);
        envs.Step([1]);
        envs.Step([1]);
        var episode = Assert.Single(envs.FinishedEpisodes.ToArray());
        Assert.Equal(40, episode.Return);
        Assert.Equal(4, episode.Length);
    }

    [Fact]
    public void ThreadedAndSequentialSteppingAgree()
    {
        using var sequential = Make(5, 3);
        using var threaded = Make(5, 3, threads: 2);
        sequential.Reset(7);
        threaded.Reset(7);
        var random = new Random(1);
        for (int t = 0; t < 20; t++)
        {
            int[] actions = Enumerable.Range(0, 5).Select(_ => random.Next(3)).ToArray();
            sequential.Step(actions);
            threaded.Step(actions);
            Assert.Equal(sequential.Observations, threaded.Observations);
            Assert.Equal(sequential.Rewards, threaded.Rewards);
            Assert.Equal(sequential.FinishedEpisodes.ToArray(), threaded.FinishedEpisodes.ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SteppingAllocatesNothing(int threads)
    {
        using var envs = Make(8, 5, threads: threads);
        AssertSteppingAllocatesNothing(envs);
    }

    [Theory]
    [InlineData("GridPickup", 1)]
    [InlineData("BabyAI-PickupDist-v0", 1)]
    [InlineData("BabyAI-PickupDistDebug-v0", 1)]
    [InlineData("MiniGrid-Fetch-5x5-N2-v0", 1)]
    [InlineData("MiniGrid-Fetch-6x6-N2-v0", 1)]
    [InlineData("MiniGrid-Fetch-8x8-N3-v0", 2)]
    [InlineData("BabyAI-PickupDist-Known-v0", 1)]
    [InlineData("BabyAI-PickupDist-Novel-v0", 2)]
    public void SteppingRegisteredGridEnvsAllocatesNothing(string id, int threads)
    {
        // Random actions end episodes often, so the auto-resets (layout generation included) are measured too.
        using var envs = new VectorEnv(Enumerable.Range(0, 8).Select(_ => EnvRegistry.Default.Make(id)).ToList(), threads);
        AssertSteppingAllocatesNothing(envs);
    }

    private static void AssertSteppingAllocatesNothing(VectorEnv envs)
    {
        envs.Reset(0);
        var random = new Random(1);
        int[][] actions = [.. Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, envs.Count).Select(_ => random.Next(envs.ActionCount)).ToArray())];
        for (int t = 0; t < 100; t++) envs.Step(actions[t % actions.Length]);
        // Counted on the threads that step (the caller and the workers), not process-wide: the runtime's own
        // background work (tiered JIT, the test host) allocates too, and on a loaded machine it lands anywhere.
        long before = GC.GetAllocatedBytesForCurrentThread() + envs.WorkerAllocatedBytes;
        for (int t = 0; t < 1000; t++) envs.Step(actions[t % actions.Length]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() + envs.WorkerAllocatedBytes - before;
        // A wait handle may allocate its lock object lazily the first time a thread really blocks (once, not per
        // step); anything allocated per step would be at least 8 envs x 1000 steps x 24 bytes.
        Assert.True(allocated < 1024, $"1000 vectorised steps allocated {allocated} bytes");
    }

    [Fact]
    public void AnExceptionInAWorkerReachesTheCaller()
    {
        using var envs = new VectorEnv([new CountingEnv(3), new ThrowingEnv()], threads: 2);
        envs.Reset(0);
        var error = Assert.Throws<InvalidOperationException>(() => envs.Step([0, 0]));
        Assert.Equal("broken env", error.Message);
    }

    [Fact]
    public void RejectsMismatchedEnvsAndActionCounts()
    {
        Assert.Throws<ArgumentException>(() => new VectorEnv([]));
        using var envs = Make(2, 3);
        envs.Reset(0);
        Assert.Throws<ArgumentException>(() => envs.Step([0]));
    }

    private sealed class ThrowingEnv : IEnv
    {
        public ObservationSpec ObservationSpec { get; } = new(new ObservationPart("counters", [2]));
        public int ActionCount => 3;
        public IReadOnlyList<string> ActionNames { get; } = ["zero", "one", "two"];
        public void Reset(Span<byte> observation, int? seed = null) { }
        public StepResult Step(int action, Span<byte> observation) => throw new InvalidOperationException("broken env");
        public void Dispose() { }
    }
}
