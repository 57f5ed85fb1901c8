using Rims.Envs.Atari;

namespace Rims.Envs.Tests.Atari.Preprocessing;

/// <summary>
/// The DeepMind preprocessing on a scripted fake game. Unless a test says otherwise the fake's screen is uniform
/// with value (episode frame number + 100), so every 84x84 frame of the observation is uniform too and its first
/// byte tells which emulator frame it shows.
/// </summary>
public class AtariEnvTests
{
    private const int Frame = 84 * 84;

    /// <summary>No random no-ops and no FIRE press: resets are exactly one ResetGame.</summary>
    private static readonly AtariEnvOptions Bare = new() { NoopMax = 0, FireReset = false };

    private static (AtariEnv Env, byte[] Obs) Make(AtariEnvOptions options, Action<FakeAleGame>? script = null,
        IReadOnlyList<AleAction>? minimal = null, int? seed = 1)
    {
        var env = new AtariEnv(() =>
        {
            var game = new FakeAleGame(minimal, new AleSettings { RepeatActionProbability = options.StickyActionProbability });
            script?.Invoke(game);
            return game;
        }, options);
        var obs = new byte[env.ObservationSpec.Size];
        if (seed is not null) env.Reset(obs, seed);
        return (env, obs);
    }

    private static FakeAleGame Fake(AtariEnv env) => (FakeAleGame)env.Game;

    /// <summary>The first byte of each stacked frame, oldest first.</summary>
    private static byte[] StackHeads(byte[] obs, int depth = 4) => [.. Enumerable.Range(0, depth).Select(i => obs[i * Frame])];

    private static byte[] Newest(byte[] obs, int depth = 4) => obs[((depth - 1) * Frame)..(depth * Frame)];

    [Fact]
    public void TheObservationIsAStackOfFour84x84GrayFrames()
    {
        var (env, _) = Make(new AtariEnvOptions(), seed: null);
        Assert.Equal("frames[4x84x84] uint8", env.ObservationSpec.ToString());
        Assert.Equal(["NOOP", "FIRE", "RIGHT", "LEFT"], env.ActionNames);
        Assert.Equal(4, env.ActionCount);
        Assert.Equal(4, env.FramesPerStep);
        Assert.True(env.UsesFireReset);
        Assert.Equal(108_000, env.Options.MaxEpisodeFrames);
    }

    [Fact]
    public void TheFullActionSpaceHasAllEighteenActionsInAleOrder()
    {
        var (env, _) = Make(Bare with { FullActionSpace = true }, seed: null);
        Assert.Equal(18, env.ActionCount);
        Assert.Equal("NOOP", env.ActionNames[0]);
        Assert.Equal("UPRIGHT", env.ActionNames[6]);
        Assert.Equal("DOWNLEFTFIRE", env.ActionNames[17]);
    }

    [Fact]
    public void ResetPlaysOneToThirtyNoopFramesDrawnFromTheSeed()
    {
        var (env, obs) = Make(new AtariEnvOptions { FireReset = false }, seed: null);
        var counts = new List<long>();
        for (int seed = 0; seed < 400; seed++)
        {
            env.Reset(obs, seed);
            var game = Fake(env);
            counts.Add(game.EpisodeFrameNumber);
            Assert.All(game.Acted, a => Assert.Equal(AleAction.Noop, a));
            Assert.Equal([seed], game.Seeds);
            Assert.Equal(1, game.ResetCount);
        }
        Assert.Equal(1, counts.Min());
        Assert.Equal(30, counts.Max());
        Assert.Equal(30, counts.Distinct().Count());
        // The observation after the no-ops is the last no-op frame.
        env.Reset(obs, 17);
        Assert.Equal(counts[17], Fake(env).EpisodeFrameNumber);
        Assert.Equal((byte)(counts[17] + 100), obs[3 * Frame]);
    }

    [Fact]
    public void NoopMaxZeroPlaysNoFrames()
    {
        var (env, _) = Make(Bare);
        Assert.Equal(0, Fake(env).EpisodeFrameNumber);
    }

    [Fact]
    public void ResetPressesFireThenActionTwoForGamesWithFire()
    {
        var (env, obs) = Make(Bare with { FireReset = true });
        Assert.Equal([.. Enumerable.Repeat(AleAction.Fire, 4), .. Enumerable.Repeat(AleAction.Right, 4)], Fake(env).Acted);
        // The first observation is the second press's step: the max of frames 7 and 8.
        Assert.Equal([0, 0, 0, 108], StackHeads(obs));
    }

    [Fact]
    public void GamesWithoutFireAreNotPressed()
    {
        var (env, _) = Make(new AtariEnvOptions { NoopMax = 0 }, minimal: [AleAction.Noop, AleAction.Up, AleAction.Down]);
        Assert.False(env.UsesFireReset);
        Assert.Empty(Fake(env).Acted);
        var (off, _) = Make(Bare);
        Assert.False(off.UsesFireReset);
        Assert.Empty(Fake(off).Acted);
    }

    [Fact]
    public void ALostLifeEndsTheLearnersEpisodeButNotTheGameNorItsReturn()
    {
        var (env, obs) = Make(Bare, g =>
        {
            g.LivesAt = f => f < 10 ? 3 : f < 20 ? 2 : f < 30 ? 1 : 0;
            g.RewardAt = f => f == 6 ? 10 : f == 22 ? 5 : 0;
            g.GameOverAtFrame = 30;
        });
        var game = Fake(env);
        var s1 = env.Step(0, obs);
        var s2 = env.Step(0, obs);
        Assert.Equal(1f, s2.Reward);
        Assert.Equal(10f, s2.Info.RawReward);
        var s3 = env.Step(0, obs); // frames 9..12: the first life is lost at frame 10
        Assert.True(s3.Terminated);
        Assert.False(s3.Truncated);
        Assert.False(s3.Info.GameOver);

        env.Reset(obs); // the game goes on after one NOOP step
        Assert.Equal(1, game.ResetCount);
        Assert.Equal(16, game.EpisodeFrameNumber);
        Assert.Equal([0, 0, 0, 116], StackHeads(obs));

        var s4 = env.Step(0, obs); // frames 17..20: the second life
        Assert.True(s4.Terminated);
        Assert.False(s4.Info.GameOver);
        env.Reset(obs); // frames 21..24 score 5 inside the reset
        var s5 = env.Step(0, obs);
        Assert.Equal(0f, s5.Reward);
        Assert.Equal(5f, s5.Info.RawReward);
        Assert.False(s5.Done);
        var s6 = env.Step(0, obs); // the game ends at frame 30 (lives 1 -> 0 is the game's end, not a life loss)
        Assert.True(s6.Terminated);
        Assert.True(s6.Info.GameOver);
        Assert.Equal(30, game.EpisodeFrameNumber);
        Assert.Equal(15f, new[] { s1, s2, s3, s4, s5, s6 }.Sum(s => s.Info.RawReward));

        env.Reset(obs);
        Assert.Equal(2, game.ResetCount);
        Assert.Equal(0, game.EpisodeFrameNumber);
    }

    [Fact]
    public void LosingTheLastLifeIsNotALifeLoss()
    {
        var (env, obs) = Make(Bare, g =>
        {
            g.LivesAt = f => f < 6 ? 1 : 0;
            g.GameOverAtFrame = 12;
        });
        env.Step(0, obs);
        var s2 = env.Step(0, obs); // lives 1 -> 0 while the game still runs
        Assert.False(s2.Done);
        var s3 = env.Step(0, obs);
        Assert.True(s3.Terminated);
        Assert.True(s3.Info.GameOver);
    }

    [Fact]
    public void WithoutEpisodicLifeALostLifeChangesNothing()
    {
        var (env, obs) = Make(Bare with { EpisodicLife = false }, g => g.LivesAt = f => f < 6 ? 3 : 2);
        env.Step(0, obs);
        var s2 = env.Step(0, obs);
        Assert.False(s2.Done);
        Assert.False(s2.Info.GameOver);
    }

    [Fact]
    public void AGameEndingInsideTheResetAfterALostLifeIsReportedOnTheNextStep()
    {
        // The first game loses a life at frame 4 and ends at frame 6; the second keeps its two lives.
        var (env, obs) = Make(Bare, g =>
        {
            g.LivesAt = f => g.ResetCount == 1 && f >= 4 ? 1 : 2;
            g.RewardAt = f => f == 2 ? 4 : f == 5 && g.ResetCount == 1 ? 7 : 0;
            g.OnResetGame = x => x.GameOverAtFrame = x.ResetCount == 1 ? 6 : long.MaxValue;
        });
        var s1 = env.Step(0, obs);
        Assert.True(s1.Terminated);
        Assert.Equal(4f, s1.Info.RawReward);
        env.Reset(obs); // the NOOP step plays frames 5 and 6 and the game ends: a new game starts
        Assert.Equal(2, Fake(env).ResetCount);
        var s2 = env.Step(0, obs);
        Assert.False(s2.Done);
        Assert.True(s2.Info.GameOver);
        Assert.Equal(7f, s2.Info.RawReward); // the old game's last points
        Assert.Equal(1f, s2.Reward);         // the learner sees its own step (the new game's frame 2)
        var s3 = env.Step(0, obs);
        Assert.False(s3.Info.GameOver);
        Assert.Equal(4f, s3.Info.RawReward); // the new game's points, one step late
    }

    [Fact]
    public void ScoreMadeDuringTheFirePressCountsTowardsTheNextStepsRawReward()
    {
        var (env, obs) = Make(Bare with { FireReset = true }, g => g.RewardAt = f => f == 5 ? 3 : 0);
        var step = env.Step(0, obs);
        Assert.Equal(0f, step.Reward);
        Assert.Equal(3f, step.Info.RawReward);
    }

    [Fact]
    public void TheObservationIsTheMaxOfTheLastTwoFramesOfTheStep()
    {
        static void Script(FakeAleGame g) => g.Draw = (f, screen) =>
        {
            // Rows 0..104 become output rows 0..41 and rows 105..209 output rows 42..83 (2.5 rows per output row).
            var (top, bottom) = f switch { 0 => (0, 0), 3 => (200, 10), 4 => (30, 150), _ => (255, 255) };
            screen[..(105 * 160)].Fill((byte)top);
            screen[(105 * 160)..].Fill((byte)bottom);
        };
        var (env, obs) = Make(Bare, Script);
        env.Step(0, obs);
        var frame = Newest(obs);
        Assert.All(frame[..(42 * 84)], b => Assert.Equal(200, b));
        Assert.All(frame[(42 * 84)..], b => Assert.Equal(150, b));

        var (noPool, obs2) = Make(Bare with { MaxPool = false }, Script);
        noPool.Step(0, obs2);
        Assert.Equal(30, Newest(obs2)[0]);
        Assert.Equal(150, Newest(obs2)[^1]);

        var (skip1, obs3) = Make(Bare with { FrameSkip = 1 }, Script);
        skip1.Step(0, obs3);
        Assert.Equal(1, Fake(skip1).EpisodeFrameNumber);
        Assert.Equal(255, Newest(obs3)[0]);
        Assert.Equal(1, skip1.FramesPerStep);
    }

    [Fact]
    public void AStepStopsAtTheGameOverFrameAndShowsIt()
    {
        var (env, obs) = Make(Bare, g =>
        {
            g.GameOverAtFrame = 6;
            g.Draw = (f, screen) => screen.Fill((byte)(200 - 10 * f));
        });
        env.Step(0, obs);
        var step = env.Step(0, obs);
        Assert.True(step.Terminated);
        Assert.True(step.Info.GameOver);
        Assert.Equal(6, Fake(env).Acted.Count);
        Assert.Equal(0, Fake(env).IgnoredActs);
        Assert.Equal(140, Newest(obs)[0]); // frame 6 alone, not pooled with frame 5 (150)
    }

    [Fact]
    public void TheLearnerSeesTheSignOfTheRewardAndStatisticsTheScore()
    {
        static void Script(FakeAleGame g) => g.RewardAt = f => f switch { 2 => 7, 5 => -3, 6 => -2, _ => 0 };
        var (env, obs) = Make(Bare, Script);
        var s1 = env.Step(0, obs);
        var s2 = env.Step(0, obs);
        var s3 = env.Step(0, obs);
        Assert.Equal((1f, 7f), (s1.Reward, s1.Info.RawReward));
        Assert.Equal((-1f, -5f), (s2.Reward, s2.Info.RawReward));
        Assert.Equal((0f, 0f), (s3.Reward, s3.Info.RawReward));

        var (raw, obs2) = Make(Bare with { ClipReward = false }, Script);
        Assert.Equal(7f, raw.Step(0, obs2).Reward);
        Assert.Equal(-5f, raw.Step(0, obs2).Reward);
    }

    [Fact]
    public void TheStackHoldsTheLastFourFramesOldestFirstAndRestartsWithZerosAtReset()
    {
        var (env, obs) = Make(Bare);
        Assert.Equal([0, 0, 0, 100], StackHeads(obs));
        env.Step(0, obs);
        Assert.Equal([0, 0, 100, 104], StackHeads(obs));
        env.Step(0, obs);
        env.Step(0, obs);
        Assert.Equal([100, 104, 108, 112], StackHeads(obs));
        env.Step(0, obs);
        Assert.Equal([104, 108, 112, 116], StackHeads(obs));
        env.Reset(obs, 1);
        Assert.Equal([0, 0, 0, 100], StackHeads(obs));
    }

    [Fact]
    public void ResetPaddingRepeatsTheFirstFrameAndTheDepthIsAnOption()
    {
        var (env, obs) = Make(Bare with { FrameStackPadding = FrameStackPadding.Reset });
        Assert.Equal([100, 100, 100, 100], StackHeads(obs));
        env.Step(0, obs);
        Assert.Equal([100, 100, 100, 104], StackHeads(obs));

        var (two, obs2) = Make(Bare with { FrameStack = 2, ScreenSize = 42 });
        Assert.Equal("frames[2x42x42] uint8", two.ObservationSpec.ToString());
        two.Step(0, obs2);
        Assert.Equal([100, 104], new[] { obs2[0], obs2[42 * 42] });
    }

    [Fact]
    public void TheStackRestartsWhenALostLifeEndsTheLearnersEpisode()
    {
        var (env, obs) = Make(Bare, g => g.LivesAt = f => f < 8 ? 3 : 2);
        env.Step(0, obs);
        Assert.True(env.Step(0, obs).Terminated);
        env.Reset(obs);
        Assert.Equal([0, 0, 0, 112], StackHeads(obs));
    }

    [Fact]
    public void TheGameIsTruncatedAtTheFrameLimit()
    {
        var (env, obs) = Make(Bare with { MaxEpisodeFrames = 40 });
        for (int i = 0; i < 9; i++) Assert.False(env.Step(0, obs).Done);
        var last = env.Step(0, obs);
        Assert.True(last.Truncated);
        Assert.False(last.Terminated);
        Assert.True(last.Info.GameOver);
        Assert.Equal(40, Fake(env).EpisodeFrameNumber);
        env.Reset(obs);
        Assert.Equal(2, Fake(env).ResetCount);
    }

    [Fact]
    public void NoopFramesCountTowardsTheFrameLimit()
    {
        var (env, obs) = Make(new AtariEnvOptions { FireReset = false, MaxEpisodeFrames = 20 }, seed: null);
        // The first seed whose no-op count leaves a few steps before the limit.
        int seed = 0;
        do env.Reset(obs, seed++); while (Fake(env).EpisodeFrameNumber > 13);
        long noops = Fake(env).EpisodeFrameNumber;
        int steps = 0;
        StepResult step;
        do { step = env.Step(0, obs); steps++; } while (!step.Done);
        Assert.True(step.Truncated);
        Assert.Equal(20, Fake(env).EpisodeFrameNumber);
        Assert.Equal((20 - noops + 3) / 4, steps);
    }

    [Fact]
    public void TheSameSeedReplaysTheSameTrajectoryAndReloadsTheGame()
    {
        int loads = 0;
        AtariEnv MakeSticky() => new(() =>
        {
            loads++;
            var game = new FakeAleGame(settings: new AleSettings { RepeatActionProbability = 0.25f });
            game.LivesAt = f => f < 50 ? 3 : f < 90 ? 2 : 1;
            game.RewardAt = f => f % 7 == 0 ? 1 : 0;
            game.GameOverAtFrame = 130;
            game.Draw = (f, screen) => screen.Fill((byte)((int)game.LastPlayed * 13 + f));
            return game;
        }, new AtariEnvOptions { StickyActionProbability = 0.25f });

        static List<(float, float, bool, int)> Play(AtariEnv env, int seed)
        {
            var obs = new byte[env.ObservationSpec.Size];
            var actions = new Random(123);
            var trace = new List<(float, float, bool, int)>();
            env.Reset(obs, seed);
            for (int t = 0; t < 150; t++)
            {
                var step = env.Step(actions.Next(env.ActionCount), obs);
                trace.Add((step.Reward, step.Info.RawReward, step.Info.GameOver, obs.Aggregate(17, (h, b) => h * 31 + b)));
                if (step.Done) env.Reset(obs);
            }
            return trace;
        }

        var a = MakeSticky();
        var first = Play(a, 5);
        Assert.Equal(1, loads);
        var again = Play(a, 5);
        Assert.Equal(2, loads); // a seeded reset starts from a freshly loaded game
        Assert.Equal(first, again);
        Assert.Equal(first, Play(MakeSticky(), 5));
        Assert.NotEqual(first, Play(MakeSticky(), 6));
        Assert.Equal([5], Fake(a).Seeds);
        Assert.Contains(Fake(a).Played.Zip(Fake(a).Acted), p => p.First != p.Second); // stickiness did happen
    }

    [Theory]
    [InlineData("DemonAttack", 0f)]
    [InlineData("demonattacknoframeskip-v4", 0f)]
    [InlineData("ale/DEMONATTACK-v5", 0.25f)]
    public void TheStickyActionOptionReachesTheGame(string id, float sticky)
    {
        var loaded = new List<(string Name, AleSettings Settings)>();
        var env = AtariEnv.Create(id, new EnvSettings(), (name, ale) =>
        {
            loaded.Add((name, ale));
            return new FakeAleGame(settings: ale);
        }, knownGames: ["Pong", "DemonAttack"]);
        var (name, settings) = Assert.Single(loaded);
        Assert.Equal("DemonAttack", name);
        Assert.Equal(sticky, settings.RepeatActionProbability);
        Assert.Equal(sticky, env.Options.StickyActionProbability);
        Assert.Equal(1, settings.FrameSkip);
        Assert.Equal(0, settings.MaxNumFramesPerEpisode);
        var obs = new byte[env.ObservationSpec.Size];
        env.Reset(obs, 42);
        Assert.Equal([42], Fake(env).Seeds);
    }

    [Fact]
    public void EnvSettingsOptionsOverrideTheVariantsDefaults()
    {
        AleSettings? seen = null;
        var settings = new EnvSettings
        {
            Options = new Dictionary<string, string>
            {
                ["sticky-actions"] = "0.1", ["episodic-life"] = "false", ["frame-stack"] = "2", ["noop-max"] = "0",
                ["full-action-space"] = "true",
            },
        };
        var env = AtariEnv.Create("ALE/Pong-v5", settings, (_, ale) => new FakeAleGame(settings: seen = ale));
        Assert.Equal(0.1f, seen!.RepeatActionProbability);
        Assert.False(env.Options.EpisodicLife);
        Assert.Equal(0, env.Options.NoopMax);
        Assert.Equal("frames[2x84x84] uint8", env.ObservationSpec.ToString());
        Assert.Equal(18, env.ActionCount);
        // Another family's option (or a typo) is refused, naming it, instead of silently ignored.
        var foreign = settings with { Options = new Dictionary<string, string> { ["grid-size"] = "9" } };
        var error = Assert.Throws<ArgumentException>(() => AtariEnv.Create("ALE/Pong-v5", foreign, (_, ale) => new FakeAleGame(settings: ale)));
        Assert.Contains("'grid-size' is not an Atari option", error.Message);
    }

    [Fact]
    public void MisuseGivesClearErrors()
    {
        var (env, obs) = Make(Bare, seed: null);
        Assert.Throws<InvalidOperationException>(() => env.Step(0, obs));
        env.Reset(obs, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(4, obs));
        Assert.Throws<ArgumentException>(() => env.Step(0, new byte[10]));
        var bad = Assert.Throws<ArgumentException>(() => AtariEnv.Create("Demon Attack", new EnvSettings(), (_, _) => new FakeAleGame()));
        Assert.Contains("'Demon Attack'", bad.Message);
    }

    [Fact]
    public void RenderingShowsTheRawRgbScreen()
    {
        var (env, _) = Make(Bare);
        Assert.Equal((210, 160), (env.RenderHeight, env.RenderWidth));
        var rgb = new byte[210 * 160 * 3];
        env.RenderRgb(rgb);
        Assert.All(rgb, b => Assert.Equal(100, b));
    }

    [Fact]
    public void SteppingAndResettingAllocateNothing()
    {
        var (env, obs) = Make(new AtariEnvOptions(), g =>
        {
            g.Record = false;
            g.LivesAt = f => f < 100 ? 3 : f < 200 ? 2 : 1;
            g.RewardAt = f => f % 9 == 0 ? 2 : 0;
            g.GameOverAtFrame = 300;
        });
        void Run(int steps)
        {
            for (int i = 0; i < steps; i++)
                if (env.Step(i % env.ActionCount, obs).Done) env.Reset(obs);
        }
        Run(500); // warm up (JIT tiers)
        long quietest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(1000);
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, quietest);
    }
}
