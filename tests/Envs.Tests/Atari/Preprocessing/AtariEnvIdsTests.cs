using Rims.Envs.Atari;

namespace Rims.Envs.Tests.Atari.Preprocessing;

public class AtariEnvIdsTests
{
    [Theory]
    [InlineData("DemonAttack", "DemonAttack", AtariIdVariant.Plain)]
    [InlineData("demonattack", "demonattack", AtariIdVariant.Plain)]
    [InlineData("DemonAttackNoFrameskip-v4", "DemonAttack", AtariIdVariant.NoFrameskipV4)]
    [InlineData("DEMONATTACKNOFRAMESKIP-V4", "DEMONATTACK", AtariIdVariant.NoFrameskipV4)]
    [InlineData("ALE/DemonAttack-v5", "DemonAttack", AtariIdVariant.V5)]
    [InlineData("ale/demonattack-V5", "demonattack", AtariIdVariant.V5)]
    [InlineData(" Pong ", "Pong", AtariIdVariant.Plain)]
    public void IdsSplitIntoGameAndVariant(string id, string game, AtariIdVariant variant)
    {
        Assert.Equal(new AtariEnvId(game, variant), AtariEnvIds.Parse(id));
        Assert.True(AtariEnvIds.TryParse(id, out var parsed));
        Assert.Equal(variant, parsed.Variant);
    }

    [Fact]
    public void KnownGamesMakeTheNameCanonical()
    {
        string[] games = ["Pong", "DemonAttack", "SpaceInvaders"];
        Assert.Equal(new AtariEnvId("DemonAttack", AtariIdVariant.V5), AtariEnvIds.Parse("ale/demonattack-v5", games));
        Assert.Equal("ALE/DemonAttack-v5", AtariEnvIds.Parse("ale/demonattack-v5", games).ToString());
        Assert.Equal("SpaceInvadersNoFrameskip-v4", AtariEnvIds.Parse("spaceinvadersnoframeskip-v4", games).ToString());
        var error = Assert.Throws<ArgumentException>(() => AtariEnvIds.Parse("Zork", games));
        Assert.Contains("'Zork'", error.Message);
        Assert.Contains("Pong, DemonAttack, SpaceInvaders", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Demon Attack")]
    [InlineData("DemonAttack-v4")]
    [InlineData("DemonAttack-v0")]
    [InlineData("DemonAttackNoFrameskip-v0")]
    [InlineData("DemonAttackNoFrameskip")]
    [InlineData("ALE/DemonAttack-v4")]
    [InlineData("ALE/DemonAttack")]
    [InlineData("ALE/-v5")]
    [InlineData("NoFrameskip-v4")]
    [InlineData("ALE/Demon/Attack-v5")]
    [InlineData("GridPickup-Novel")]
    public void BadIdsNameTheIdAndTheKnownForms(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => AtariEnvIds.Parse(id));
        Assert.Contains($"'{id}'", error.Message);
        Assert.Contains("<Game>NoFrameskip-v4", error.Message);
        Assert.Contains("ALE/<Game>-v5", error.Message);
        Assert.False(AtariEnvIds.TryParse(id, out _));
    }

    [Fact]
    public void EachVariantHasItsOptions()
    {
        var plain = AtariEnvIds.OptionsFor(AtariIdVariant.Plain);
        Assert.Equal(new AtariEnvOptions(), plain);
        Assert.Equal(0f, plain.StickyActionProbability);
        Assert.Equal(30, plain.NoopMax);
        Assert.True(plain.FireReset);
        Assert.True(plain.EpisodicLife);
        Assert.Equal(4, plain.FrameSkip);
        Assert.True(plain.MaxPool);
        Assert.Equal(84, plain.ScreenSize);
        Assert.True(plain.ClipReward);
        Assert.Equal(4, plain.FrameStack);
        Assert.False(plain.FullActionSpace);
        Assert.Equal(108_000, plain.MaxEpisodeFrames);
        Assert.Equal(plain, AtariEnvIds.OptionsFor(AtariIdVariant.NoFrameskipV4));
        Assert.Equal(plain with { StickyActionProbability = 0.25f }, AtariEnvIds.OptionsFor(AtariIdVariant.V5));
    }

    [Fact]
    public void AGameHasThreeIds()
    {
        Assert.Equal(["Breakout", "BreakoutNoFrameskip-v4", "ALE/Breakout-v5"], AtariEnvIds.IdsFor("Breakout"));
        Assert.All(AtariEnvIds.IdsFor("Breakout"), id => Assert.Equal("Breakout", AtariEnvIds.Parse(id).Game));
        Assert.Contains("sticky 0.25", AtariEnvIds.Describe(AtariIdVariant.V5));
    }
}

public class AtariEnvOptionsTests
{
    [Fact]
    public void EveryOptionHasAKey()
    {
        var options = new AtariEnvOptions().WithOverrides(new Dictionary<string, string>
        {
            ["sticky-actions"] = "0.25", ["Episodic-Life"] = "off", ["fire_reset"] = "false", ["noop-max"] = "0",
            ["frame-skip"] = "5", ["max-pool"] = "false", ["clip-reward"] = "false", ["screen-size"] = "64",
            ["frame-stack"] = "8", ["frame-stack-padding"] = "reset", ["full-action-space"] = "true",
            ["max-episode-frames"] = "0", ["mode"] = "3", ["difficulty"] = "1",
        });
        Assert.Equal(new AtariEnvOptions
        {
            StickyActionProbability = 0.25f, EpisodicLife = false, FireReset = false, NoopMax = 0, FrameSkip = 5,
            MaxPool = false, ClipReward = false, ScreenSize = 64, FrameStack = 8, FrameStackPadding = FrameStackPadding.Reset,
            FullActionSpace = true, MaxEpisodeFrames = 0, Mode = 3, Difficulty = 1,
        }, options);
        Assert.Equal(14, AtariEnvOptions.OptionKeys.Count);
        var ale = options.ToAleSettings();
        Assert.Equal((0.25f, 1, 0, 3, 1), (ale.RepeatActionProbability, ale.FrameSkip, ale.MaxNumFramesPerEpisode, ale.Mode, ale.Difficulty));
    }

    [Theory]
    [InlineData("true", 0.25f)]
    [InlineData("false", 0f)]
    [InlineData("0.1", 0.1f)]
    public void StickyActionsTakeAProbabilityOrAFlag(string value, float expected) =>
        Assert.Equal(expected, new AtariEnvOptions().WithOverrides(new Dictionary<string, string> { ["sticky-actions"] = value }).StickyActionProbability);

    [Theory]
    [InlineData("sticky-actions", "1.5")]
    [InlineData("frame-stack", "0")]
    [InlineData("frame-skip", "four")]
    [InlineData("episodic-life", "maybe")]
    [InlineData("frame-stack-padding", "mirror")]
    [InlineData("noop-max", "-1")]
    public void BadValuesNameTheOption(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new AtariEnvOptions().WithOverrides(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(key, error.Message);
    }

    public static TheoryData<string, AtariEnvOptions> OutOfRange() => new()
    {
        { "sticky-actions", new AtariEnvOptions { StickyActionProbability = float.NaN } },
        { "noop-max", new AtariEnvOptions { NoopMax = -1 } },
        { "frame-skip", new AtariEnvOptions { FrameSkip = 0 } },
        { "screen-size", new AtariEnvOptions { ScreenSize = 0 } },
        { "screen-size", new AtariEnvOptions { ScreenSize = 161 } },
        { "frame-stack", new AtariEnvOptions { FrameStack = 0 } },
        { "max-episode-frames", new AtariEnvOptions { MaxEpisodeFrames = -1 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void OptionsSetInCodeAreCheckedByTheSameRangesAsTheirKeys(string key, AtariEnvOptions options)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.StartsWith($"Atari option {key}=", error.Message);
        new AtariEnvOptions { ScreenSize = 160, MaxEpisodeFrames = 0, NoopMax = 0, StickyActionProbability = 1 }.Validate();
    }
}
