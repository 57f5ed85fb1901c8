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

    /// <summary>Everything a vectorised step shows the learner, for <paramref name="steps"/> steps of seeded random actions.</summary>
    private static List<string> Play(VectorEnv envs, int steps, int actionSeed)
    {
        var random = new Random(actionSeed);
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

    private static void AssertRestoredEnvsContinueIdentically(Func<IEnv> make, int envCount, int before, int after)
    {
        using var original = new VectorEnv([.. Enumerable.Range(0, envCount).Select(_ => make())]);
        original.Reset(seed: 7);
        Play(original, before, actionSeed: 1);
        var state = Save(original);
        var expected = Play(original, after, actionSeed: 2);

        // Fresh envs reset with another seed, so nothing but the restored state can make them agree.
        using var restored = new VectorEnv([.. Enumerable.Range(0, envCount).Select(_ => make())]);
        restored.Reset(seed: 1000);
        using (var reader = new BinaryReader(new MemoryStream(state)))
        {
            Assert.All(restored.LoadState(reader), Assert.True);
            Assert.Equal(state.Length, reader.BaseStream.Position);
        }
        var actual = Play(restored, after, actionSeed: 2);
        Assert.Equal(expected, actual);
        // The stretch must contain episode ends, or the restored random streams were never used.
        Assert.Contains(expected, line => line.Contains("True", StringComparison.Ordinal));
    }

    [Fact]
    public void GridWorldRestoredMidEpisodeContinuesIdenticallyThroughNewEpisodes() =>
        AssertRestoredEnvsContinueIdentically(() => Make("GridPickup"), envCount: 3, before: 23, after: 200);

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
