using Rims.Envs.Atari;
using Rims.Envs.Atari.Emulation;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// The registered Atari ids against the real emulator and the real ROMs: alias resolution, what each id family
/// means (frames per step, sticky actions), the errors for unknown ids and missing ROMs, seeded determinism, and
/// sticky actions as the emulator really applies them.
/// </summary>
public class AtariRegistrationTests
{
    private static EnvSettings Settings(params (string Key, string Value)[] options) => new()
    {
        RomsDirectory = TestData.RomsDirectory,
        Options = options.ToDictionary(o => o.Key, o => o.Value),
    };

    private static AtariEnv Make(string id, EnvSettings? settings = null) =>
        Assert.IsType<AtariEnv>(EnvRegistry.Default.Make(id, settings ?? Settings()));

    /// <summary>Everything one step tells the learner and the statistics, with the observation it wrote.</summary>
    private readonly record struct Record(byte[] Observation, float Reward, bool Terminated, bool Truncated, float RawReward, bool GameOver);

    /// <summary>
    /// Resets <paramref name="env"/> with <paramref name="seed"/> and plays <paramref name="actions"/>, resetting (without a
    /// seed, as a vectorised env does) whenever the learner's episode ends. The first record is the reset observation.
    /// </summary>
    private static List<Record> Play(IEnv env, int seed, IReadOnlyList<int> actions)
    {
        var observation = new byte[env.ObservationSpec.Size];
        env.Reset(observation, seed);
        var records = new List<Record>(actions.Count + 1) { new([.. observation], 0, false, false, 0, false) };
        foreach (int action in actions)
        {
            var result = env.Step(action, observation);
            records.Add(new Record([.. observation], result.Reward, result.Terminated, result.Truncated, result.Info.RawReward, result.Info.GameOver));
            if (result.Done) env.Reset(observation);
        }
        return records;
    }

    private static int[] RandomActions(int count, int actionCount, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.Next(actionCount))];
    }

    /// <summary>Index of the first record that differs from the other run's (-1 when the runs agree everywhere).</summary>
    private static int FirstDifference(List<Record> a, List<Record> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int t = 0; t < a.Count; t++)
        {
            var (x, y) = (a[t], b[t]);
            if (!x.Observation.AsSpan().SequenceEqual(y.Observation) || x.Reward != y.Reward || x.Terminated != y.Terminated
                || x.Truncated != y.Truncated || x.RawReward != y.RawReward || x.GameOver != y.GameOver)
                return t;
        }
        return -1;
    }

    // ------------------------------------------------------------------ aliases and what each id means

    [Theory]
    [InlineData("DemonAttack", "DemonAttack", 6)]
    [InlineData("demonattack", "DemonAttack", 6)]
    [InlineData("DEMONATTACK", "DemonAttack", 6)]
    [InlineData("DemonAttackNoFrameskip-v4", "DemonAttack", 6)]
    [InlineData("ALE/DemonAttack-v5", "DemonAttack", 6)]
    [InlineData("ale/demonattack-v5", "DemonAttack", 6)]
    [InlineData("Pong", "Pong", 6)]
    [InlineData("Breakout", "Breakout", 4)]
    [InlineData("SpaceInvaders", "SpaceInvaders", 6)]
    [InlineData("Seaquest", "Seaquest", 18)]
    public void AnIdResolvesToTheGameWithStackedFramesAndTheMinimalActionSet(string id, string game, int actions)
    {
        Assert.True(EnvRegistry.Default.Contains(id));
        using var env = Make(id);
        Assert.Equal(game, env.Game.Game.Name);
        var part = Assert.Single(env.ObservationSpec.Parts);
        Assert.Equal([4, 84, 84], part.Shape);
        Assert.Equal(typeof(byte), env.ObservationSpec.DType);
        Assert.Equal(4 * 84 * 84, env.ObservationSpec.Size);
        Assert.Equal(actions, env.ActionCount);
        Assert.Equal(actions, env.ActionNames.Count);
        Assert.Equal(GameCatalog.Create(game).MinimalActions, env.Actions);
        Assert.Equal("NOOP", env.ActionNames[0]);
    }

    [Theory]
    [InlineData("DemonAttack")]
    [InlineData("ALE/Breakout-v5")]
    public void TheFullActionSpaceOptionGivesAllEighteenActions(string id)
    {
        using var env = Make(id, Settings(("full-action-space", "true")));
        Assert.Equal(18, env.ActionCount);
        Assert.Equal(Enum.GetValues<AleAction>(), env.Actions);
        Assert.Equal("DOWNLEFTFIRE", env.ActionNames[17]);
    }

    [Fact]
    public void NoFrameskipV4EmulatesOneFramePerAleActWithoutStickyActionsAndTheWrappersSkipFour()
    {
        using var env = Make("DemonAttackNoFrameskip-v4");
        Assert.Equal(0f, env.Options.StickyActionProbability);
        var ale = Assert.IsType<AleInterface>(env.Game);
        Assert.Equal(1, ale.FrameSkip);
        var observation = new byte[env.ObservationSpec.Size];
        env.Reset(observation, seed: 3);
        // One ALE act is one emulated frame ...
        long before = ale.EpisodeFrameNumber;
        ale.Act(AleAction.Noop);
        Assert.Equal(before + 1, ale.EpisodeFrameNumber);
        // ... and one agent step is FramesPerStep of them (max-and-skip 4 of the DeepMind wrappers).
        Assert.Equal(4, env.FramesPerStep);
        for (int t = 0; t < 10; t++)
        {
            before = ale.EpisodeFrameNumber;
            env.Step(0, observation);
            Assert.Equal(before + 4, ale.EpisodeFrameNumber);
        }
    }

    [Fact]
    public void V5StepsFourFramesWithStickyActionsAndThePlainIdHasNone()
    {
        using var v5 = Make("ALE/DemonAttack-v5");
        Assert.Equal(0.25f, v5.Options.StickyActionProbability);
        Assert.Equal(4, v5.FramesPerStep);
        Assert.Equal(1, Assert.IsType<AleInterface>(v5.Game).FrameSkip);
        var observation = new byte[v5.ObservationSpec.Size];
        v5.Reset(observation, seed: 3);
        long before = v5.Game.EpisodeFrameNumber;
        v5.Step(1, observation);
        Assert.Equal(before + 4, v5.Game.EpisodeFrameNumber);

        using var plain = Make("DemonAttack");
        Assert.Equal(0f, plain.Options.StickyActionProbability);
        Assert.Equal(4, plain.FramesPerStep);
        // The registry's options override the variant's defaults.
        using var overridden = Make("ALE/DemonAttack-v5", Settings(("sticky-actions", "0"), ("frame-skip", "2")));
        Assert.Equal(0f, overridden.Options.StickyActionProbability);
        Assert.Equal(2, overridden.FramesPerStep);
    }

    [Fact]
    public void EveryCatalogGameHasItsThreeIdsAndEachGamePlays()
    {
        Assert.Equal(44, GameCatalog.Count);
        var registered = EnvRegistry.Default.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var name in GameCatalog.Names)
        {
            foreach (var id in new[] { name, name + "NoFrameskip-v4", "ALE/" + name + "-v5" })
                Assert.True(registered.Contains(id), $"the registry lacks '{id}'");
            // Every game loads from the real ROM folder, resets (no-ops, FIRE) and steps under its plain id.
            using var env = Make(name);
            Assert.Equal(name, env.Game.Game.Name);
            Assert.Equal(env.Game.MinimalActions.Count, env.ActionCount);
            var observation = new byte[env.ObservationSpec.Size];
            env.Reset(observation, seed: 1);
            for (int t = 0; t < 8; t++)
                if (env.Step(t % env.ActionCount, observation).Done) env.Reset(observation);
            // The newest frame of the stack is a real screen, not the zero padding.
            Assert.True(observation.AsSpan(3 * 84 * 84).ContainsAnyExcept((byte)0), $"{name}: the newest frame is black");
        }
        Assert.Equal(3 * 44, registered.Count(id => AtariEnvIds.TryParse(id, out var parsed) && GameCatalog.Names.Contains(parsed.Game)));
    }

    // ------------------------------------------------------------------ errors

    [Theory]
    [InlineData("Zork")]
    [InlineData("ALE/Zork-v5")]
    [InlineData("DemonAttack-v0")]
    public void AnUnknownIdIsAnErrorNamingIt(string id)
    {
        Assert.False(EnvRegistry.Default.Contains(id));
        var error = Assert.Throws<UnknownEnvException>(() => EnvRegistry.Default.Make(id, Settings()));
        Assert.Equal(id, error.Id);
        Assert.Contains($"'{id}'", error.Message);
        Assert.Contains("DemonAttack", error.Message);
    }

    [Fact]
    public void AMissingRomFolderSaysWhereItLookedAndHowToPointAtTheRoms()
    {
        string missing = Path.Combine(Path.GetTempPath(), "rims-no-roms-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<FileNotFoundException>(() => EnvRegistry.Default.Make("ALE/DemonAttack-v5", new EnvSettings { RomsDirectory = missing }));
        Assert.Contains("demon_attack.bin", error.Message);
        Assert.Contains(missing, error.Message);
        Assert.Contains("--roms", error.Message);
        Assert.Contains(RomLocator.EnvironmentVariable, error.Message);
        Assert.Equal(Path.Combine(missing, "demon_attack.bin"), error.FileName);

        // An existing folder without that ROM gets the same message.
        var empty = Directory.CreateTempSubdirectory("rims-empty-roms-");
        try
        {
            error = Assert.Throws<FileNotFoundException>(() => EnvRegistry.Default.Make("Pong", new EnvSettings { RomsDirectory = empty.FullName }));
            Assert.Contains("pong.bin", error.Message);
            Assert.Contains(empty.FullName, error.Message);
            Assert.Contains("--roms", error.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    // ------------------------------------------------------------------ seeded determinism

    [Fact]
    public void TheSameSeedAndActionsReplayExactlyAndAnotherSeedDiffers()
    {
        var actions = RandomActions(300, 6, seed: 11);
        using var a = Make("DemonAttack");
        using var b = Make("DemonAttack");
        var first = Play(a, 42, actions);
        Assert.Equal(-1, FirstDifference(first, Play(b, 42, actions)));
        // The run is not trivially constant: the picture changes and the game pays something.
        Assert.True(first.Select(r => Convert.ToHexString(r.Observation)).Distinct().Count() > 100);
        Assert.Contains(first, r => r.RawReward > 0);

        // Re-seeding an env that has already played replays from power-on.
        Assert.Equal(-1, FirstDifference(first, Play(a, 42, actions)));

        // Another seed draws another number of no-ops at reset, so the games differ.
        using var c = Make("DemonAttack");
        Assert.NotEqual(-1, FirstDifference(first, Play(c, 43, actions)));
    }

    // ------------------------------------------------------------------ sticky actions on the real emulator

    [Fact]
    public void StickyActionsChangeWhatTheSameActionsDoAndAreReproduciblePerSeed()
    {
        var actions = RandomActions(300, 6, seed: 5);
        using var v4 = Make("DemonAttackNoFrameskip-v4");
        using var v5 = Make("ALE/DemonAttack-v5");
        var plain = Play(v4, 9, actions);
        var sticky = Play(v5, 9, actions);
        // Same seed, so the same no-op counts: only the sticky actions (FIRE reset included) set the runs apart.
        Assert.NotEqual(-1, FirstDifference(plain, sticky));

        using var again = Make("ALE/DemonAttack-v5");
        Assert.Equal(-1, FirstDifference(sticky, Play(again, 9, actions)));
    }

    [Fact]
    public void WithoutNoOpsTheSeedActsOnlyThroughStickyActions()
    {
        var actions = RandomActions(200, 6, seed: 8);
        var noNoops = Settings(("noop-max", "0"));
        using var v4 = Make("DemonAttackNoFrameskip-v4", noNoops);
        // The emulator itself is deterministic: with no random no-ops and no sticky actions the seed changes nothing.
        Assert.Equal(-1, FirstDifference(Play(v4, 1, actions), Play(v4, 2, actions)));

        using var v5 = Make("ALE/DemonAttack-v5", noNoops);
        var seed1 = Play(v5, 1, actions);
        Assert.NotEqual(-1, FirstDifference(seed1, Play(v5, 2, actions)));
        Assert.Equal(-1, FirstDifference(seed1, Play(v5, 1, actions)));
    }

    [Fact]
    public void EachFrameRepeatsThePreviousActionWithProbabilityAQuarterExactlyAsAleDrawsIt()
    {
        // ALE's sticky actions: on every emulated frame, draw u (player A) and another (player B) from the environment's
        // Mersenne Twister; player A's new action takes effect only if u >= repeat_action_probability, otherwise the
        // previous one is repeated. A sticky emulator fed the requested actions must then run bit-identically to a
        // non-sticky one fed the actions that took effect.
        const int frames = 2000, seed = 1234;
        const double p = 0.25;
        string rom = TestData.File(TestData.RomsDirectory, "demon_attack.bin");
        var sticky = AleInterface.Load(rom, new AleSettings { RepeatActionProbability = (float)p, RandomSeed = seed });
        var reference = AleInterface.Load(rom, new AleSettings { RepeatActionProbability = 0f });
        var unsticky = AleInterface.Load(rom, new AleSettings { RepeatActionProbability = 0f });
        sticky.Seed(seed);
        var draws = new Mt19937(unchecked((uint)seed));
        var random = new Random(3);
        var minimal = sticky.MinimalActions;
        var screenA = new byte[sticky.ScreenHeight * sticky.ScreenWidth];
        var screenB = new byte[screenA.Length];
        var effective = AleAction.Noop;
        int played = 0, repeats = 0, changes = 0, repeatedChanges = 0;
        bool divergedFromRequested = false;
        for (int t = 0; t < frames && !sticky.GameOver; t++, played++)
        {
            var requested = minimal[random.Next(minimal.Count)];
            bool keep = draws.Next() * (1.0 / 4294967296.0) < p;
            draws.Next(); // player B's draw
            if (keep) repeats++;
            if (requested != effective)
            {
                changes++;
                if (keep) repeatedChanges++;
            }
            if (!keep) effective = requested;

            int rewardA = sticky.Act(requested);
            int rewardB = reference.Act(effective);
            unsticky.Act(requested);
            Assert.True(sticky.Ram.SequenceEqual(reference.Ram), $"frame {t}: RAM differs from the non-sticky emulator fed the actions that took effect");
            sticky.GetScreen(screenA);
            reference.GetScreen(screenB);
            Assert.True(screenA.AsSpan().SequenceEqual(screenB), $"frame {t}: screen differs from the non-sticky emulator fed the actions that took effect");
            Assert.Equal(rewardB, rewardA);
            divergedFromRequested |= !sticky.Ram.SequenceEqual(unsticky.Ram);
        }
        Assert.True(played > frames / 2, $"the game ended after {played} frames, too early for the statistics to mean anything");
        // The statistics: a quarter of the frames keep the previous action, and so do a quarter of the changed requests.
        Assert.InRange(repeats / (double)played, p - 0.04, p + 0.04);
        Assert.InRange(repeatedChanges / (double)changes, p - 0.05, p + 0.05);
        // And the delays matter: the sticky run is not what the requested actions alone would have played.
        Assert.True(divergedFromRequested, "sticky actions never changed the game");
    }
}
