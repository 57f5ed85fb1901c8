using Rims.Envs.GridWorld;
using Rims.Envs.MiniGrid;
using Rims.Envs.Vector;

namespace Rims.Envs.Tests.Snapshots;

/// <summary>
/// ISnapshotEnv: a state saved mid-run and restored into freshly built envs continues with exactly the observations,
/// rewards, dones and episode statistics the original envs produce from that point, across auto-resets (so the
/// random streams that draw new episodes are restored too).
/// </summary>
public class EnvSnapshotTests
{
    private static IEnv Make(string id, params (string Key, string Value)[] options) =>
        EnvRegistry.Default.Make(id, new EnvSettings
        {
            RomsDirectory = TestData.RomsDirectory,
            Options = options.ToDictionary(o => o.Key, o => o.Value),
        });

    /// <summary>Everything a vectorised step shows the learner, for <paramref name="steps"/> steps of random actions drawn from <paramref name="random"/>.</summary>
    private static List<string> Play(VectorEnv envs, int steps, Random random)
    {
        var actions = new int[envs.Count];
        var trace = new List<string>();
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < actions.Length; i++) actions[i] = random.Next(envs.ActionCount);
            envs.Step(actions);
            trace.Add($"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(envs.Observations))} " +
                      $"{string.Join(',', envs.Rewards)} {string.Join(',', envs.Terminated)} {string.Join(',', envs.Truncated)} " +
                      string.Join(';', envs.FinishedEpisodes.ToArray().Select(e => e.ToString())));
        }
        return trace;
    }

    private static byte[] Save(VectorEnv envs)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) envs.SaveState(writer);
        return stream.ToArray();
    }

    private static void AssertRestoredEnvsContinueIdentically(Func<IEnv> make, int envCount, int before, int after) =>
        AssertRestoredEnvsContinueIdentically(make, envCount, before, after, () => new Random(2));

    /// <param name="make">Builds one env.</param>
    /// <param name="envCount">Envs in the vector.</param>
    /// <param name="before">Steps (actions from new Random(1)) before the snapshot.</param>
    /// <param name="after">Steps compared after it.</param>
    /// <param name="afterActions">The action stream after the snapshot, made anew for the original and the restored envs.</param>
    private static List<string> AssertRestoredEnvsContinueIdentically(Func<IEnv> make, int envCount, int before, int after, Func<Random> afterActions)
    {
        using var original = new VectorEnv([.. Enumerable.Range(0, envCount).Select(_ => make())]);
        original.Reset(seed: 7);
        Play(original, before, new Random(1));
        var state = Save(original);
        var expected = Play(original, after, afterActions());

        // Fresh envs reset with another seed, so nothing but the restored state can make them agree.
        using var restored = new VectorEnv([.. Enumerable.Range(0, envCount).Select(_ => make())]);
        restored.Reset(seed: 1000);
        using (var reader = new BinaryReader(new MemoryStream(state)))
        {
            Assert.All(restored.LoadState(reader), Assert.True);
            Assert.Equal(state.Length, reader.BaseStream.Position);
        }
        var actual = Play(restored, after, afterActions());
        Assert.Equal(expected, actual);
        // The stretch must contain episode ends, or the restored random streams were never used.
        Assert.Contains(expected, line => line.Contains("True", StringComparison.Ordinal));
        return expected;
    }

    /// <summary>
    /// Snapshots right before the first step that ends an episode (found by a probe run with one action stream, which
    /// the compared steps then continue), so the first step after the restore auto-resets from the restored generator.
    /// </summary>
    private static void AssertRestoredRightBeforeAnAutoResetContinuesIdentically(Func<IEnv> make, int envCount, int after)
    {
        int firstEnd;
        using (var probe = new VectorEnv([.. Enumerable.Range(0, envCount).Select(_ => make())]))
        {
            probe.Reset(seed: 7);
            firstEnd = Play(probe, 1000, new Random(1)).FindIndex(line => line.Contains("True", StringComparison.Ordinal));
        }
        Assert.True(firstEnd > 0, "the probe run must end an episode after its first step");
        var expected = AssertRestoredEnvsContinueIdentically(make, envCount, before: firstEnd, after, () =>
        {
            var actions = new Random(1);
            for (int i = 0; i < firstEnd * envCount; i++) actions.Next(GridActions.Names.Count);
            return actions;
        });
        Assert.Contains("True", expected[0], StringComparison.Ordinal);
    }

    [Fact]
    public void GridWorldRestoredMidEpisodeContinuesIdenticallyThroughNewEpisodes() =>
        AssertRestoredEnvsContinueIdentically(() => Make("GridPickup"), envCount: 3, before: 23, after: 200);

    [Theory]
    [InlineData("MiniGrid-Fetch-5x5-N2-v0")]
    [InlineData("MiniGrid-Fetch-8x8-N3-v0")]
    [InlineData("BabyAI-PickupDist-v0")]
    [InlineData("BabyAI-PickupDistDebug-v0")]
    [InlineData("BabyAI-PickupDist-Novel-v0")]
    public void MiniGridRestoredMidEpisodeContinuesIdenticallyThroughNewEpisodes(string id) =>
        AssertRestoredEnvsContinueIdentically(() => Make(id), envCount: 3, before: 17, after: 200);

    [Theory]
    [InlineData("MiniGrid-Fetch-6x6-N2-v0")]
    [InlineData("BabyAI-PickupDist-v0")]
    public void MiniGridRestoredRightBeforeAnAutoResetDrawsTheSameNextEpisode(string id) =>
        AssertRestoredRightBeforeAnAutoResetContinuesIdentically(() => Make(id), envCount: 2, after: 100);

    [Fact]
    public void AMiniGridStateIsRefusedByAnEnvOfAnotherVariant()
    {
        var observation = new byte[new PickupDistEnv().ObservationSpec.Size];
        using var stream = new MemoryStream();
        var known = new PickupDistEnv(split: PickupDistSplit.Known);
        known.Reset(observation, seed: 3);
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) known.SaveState(writer);
        stream.Position = 0;
        var error = Assert.Throws<InvalidDataException>(() => new PickupDistEnv(split: PickupDistSplit.Novel).LoadState(new BinaryReader(stream)));
        Assert.Contains("split Known", error.Message);
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => new FetchEnv(5, 2).LoadState(new BinaryReader(stream)));
    }

    [Fact]
    public void AtariWithStickyActionsRestoredMidGameContinuesIdentically() =>
        // v5 semantics: sticky actions 0.25 (ALE's RNG and last action), no-op resets, FIRE reset, episodic life,
        // max-pool and frame stack; short games so the restored no-op stream draws new games within the test.
        AssertRestoredEnvsContinueIdentically(() => Make("ALE/DemonAttack-v5", ("max-episode-frames", "300")), envCount: 2, before: 37, after: 150);

    [Fact]
    public void ASeededRandomStreamContinuesAfterARoundTrip()
    {
        var random = new Random(42);
        for (int i = 0; i < 100; i++) random.Next();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) RandomState.Save(random, writer);
        stream.Position = 0;
        var copy = RandomState.Load(new BinaryReader(stream));
        Assert.Equal(Enumerable.Range(0, 1000).Select(_ => random.Next(1, 31)), Enumerable.Range(0, 1000).Select(_ => copy.Next(1, 31)));
    }

    [Fact]
    public void AnUnseededRandomIsRefusedRatherThanSavedWrongly()
    {
        using var writer = new BinaryWriter(new MemoryStream());
        Assert.Throws<NotSupportedException>(() => RandomState.Save(new Random(), writer));
    }
}
