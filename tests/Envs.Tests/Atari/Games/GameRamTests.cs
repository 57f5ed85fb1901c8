using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari.Games;

/// <summary>Hand-made RAM frames for games without traces: score decoding, reward tweaks, lives and terminal.</summary>
public class GameRamTests
{
    private readonly byte[] ram = new byte[128];

    private void Poke(int address, int value) => ram[address & 0x7F] = (byte)value;

    private T Fresh<T>() where T : AtariGame, new()
    {
        var game = new T();
        game.Reset();
        return game;
    }

    [Fact]
    public void ScoreDigitsDecodeBcdWithoutCheckingNibbles()
    {
        Poke(0x80, 0x56); Poke(0x81, 0x34); Poke(0x82, 0x12);
        Assert.Equal(56, ScoreDigits.Bcd(ram, 0x80));
        Assert.Equal(3456, ScoreDigits.Bcd(ram, 0x80, 0x81));
        Assert.Equal(123456, ScoreDigits.Bcd(ram, 0x80, 0x81, 0x82));
        Assert.Equal(10 * 15 + 12, ScoreDigits.Bcd(0xFC)); // ALE does not check for invalid BCD nibbles
        Assert.Equal(0, ScoreDigits.TenAsZero(10));
        Assert.Equal(9, ScoreDigits.TenAsZero(9));
    }

    [Fact]
    public void BeamRiderTakesALostLifeOnlyWhenConfirmed()
    {
        var g = Fresh<BeamRider>();
        Poke(0x85, 2); Poke(0x89, 0x44); Poke(0x8A, 0x01);
        g.Step(ram);
        Assert.Equal(144, g.Reward);
        Assert.Equal(3, g.Lives);
        Poke(0x85, 1); // one life fewer, not confirmed yet
        g.Step(ram);
        Assert.Equal(3, g.Lives);
        Poke(0x8C, 1);
        g.Step(ram);
        Assert.Equal(2, g.Lives);
        Poke(0x8C, 0); Poke(0x85, 3); // a gain is taken at once
        g.Step(ram);
        Assert.Equal(4, g.Lives);
        Poke(0x85, 0xFF);
        g.Step(ram);
        Assert.True(g.Terminal);
        Assert.Equal(0, g.Lives);
    }

    [Fact]
    public void QbertCountsDecrementsAndZeroesTheGameOverReward()
    {
        var g = Fresh<Qbert>();
        Poke(0x88, 3); Poke(0xDB, 0x25);
        g.Step(ram);
        Assert.Equal(25, g.Reward);
        Assert.Equal(4, g.Lives);
        Poke(0x88, 2);
        g.Step(ram);
        Assert.Equal(3, g.Lives);
        Poke(0x88, 1); g.Step(ram);
        Poke(0x88, 0); g.Step(ram);
        Poke(0x88, 0xFF); g.Step(ram);
        Assert.Equal(0, g.Lives);
        Assert.False(g.Terminal);
        Poke(0x88, 0xFE); Poke(0xDB, 0x00); // score wiped on the game-over frame
        g.Step(ram);
        Assert.True(g.Terminal);
        Assert.Equal(0, g.Reward);
    }

    [Fact]
    public void QbertEndsWhenTheCounterJumpsFromMinusOneToTwo()
    {
        var g = Fresh<Qbert>();
        Poke(0x88, 0xFF); g.Step(ram);
        Poke(0x88, 2); g.Step(ram);
        Assert.True(g.Terminal);
    }

    [Theory]
    [InlineData(0, 0x00, 0x00, 0)]
    [InlineData(1, 0x95, 0x01, 200 - 195)]
    [InlineData(2, 0x00, 0x03, 200)]
    [InlineData(3, 0x50, 0x02, 200 + 300 + 50)]
    public void EnduroScoreCountsCarsPassed(int level, int low, int high, int expected)
    {
        var g = Fresh<Enduro>();
        Poke(0xAD, level); Poke(0xAB, low); Poke(0xAC, high);
        g.Step(ram);
        Assert.Equal(expected, g.Reward);
        Assert.Equal(0, g.Lives);
        Assert.False(g.Terminal);
    }

    [Fact]
    public void BoxingKnockOutCountsAsHundredAndEndsTheGame()
    {
        var g = Fresh<Boxing>();
        Poke(0x90, 0x10); Poke(0x92, 0x12); Poke(0x93, 0x05);
        g.Step(ram);
        Assert.Equal(7, g.Reward);
        Poke(0x92, 0xC0);
        g.Step(ram);
        Assert.Equal(88, g.Reward);
        Assert.True(g.Terminal);
    }

    [Fact]
    public void BoxingEndsWhenTheClockRunsOut()
    {
        var g = Fresh<Boxing>();
        Poke(0x90, 0x00); Poke(0x91, 0x00);
        g.Step(ram);
        Assert.True(g.Terminal);
    }

    [Fact]
    public void AsteroidsWrapsAtHundredThousand()
    {
        var g = Fresh<Asteroids>();
        Poke(0xBC, 0x30); Poke(0xBD, 0x99); Poke(0xBE, 0x98);
        g.Step(ram);
        Assert.Equal(99980, g.Reward);
        Assert.Equal(3, g.Lives);
        Poke(0xBD, 0x00); Poke(0xBE, 0x01);
        g.Step(ram);
        Assert.Equal(30, g.Reward);
        Poke(0xBC, 0x00);
        g.Step(ram);
        Assert.True(g.Terminal);
        Assert.Equal(0, g.Lives);
    }

    [Fact]
    public void SpaceInvadersWrapsAtTenThousand()
    {
        var g = Fresh<SpaceInvaders>();
        Poke(0xC9, 3); Poke(0xE6, 0x99); Poke(0xE8, 0x90);
        g.Step(ram);
        Assert.Equal(9990, g.Reward);
        Poke(0xE6, 0x00); Poke(0xE8, 0x20);
        g.Step(ram);
        Assert.Equal(30, g.Reward);
    }

    [Fact]
    public void AlienReadsGlyphOffsetDigitsAndKeepsLivesAtTheEnd()
    {
        var g = Fresh<Alien>();
        Poke(0x83, 0x80); Poke(0x85, 0x80); Poke(0x87, 3 * 8); Poke(0x89, 0); Poke(0x8B, 5 * 8); Poke(0xC0, 0x02);
        g.Step(ram);
        Assert.Equal(10 * 305, g.Reward);
        Assert.Equal(2, g.Lives);
        Poke(0xC0, 0x10);
        g.Step(ram);
        Assert.True(g.Terminal);
        Assert.Equal(0, g.Lives);
    }

    [Fact]
    public void RiverRaidDecodesDigitsAndDetectsTheLastLifeEnding()
    {
        var g = Fresh<RiverRaid>();
        int[] digits = [0, 0, 1, 2, 3, 0];
        int[] addresses = [0xCD, 0xCF, 0xD1, 0xD3, 0xD5, 0xD7];
        for (int i = 0; i < 6; i++) Poke(addresses[i], digits[i] * 8);
        Poke(0xCD, 0x99); // not a digit offset: reads 0
        Poke(0xC0, 0x58);
        g.Step(ram);
        Assert.Equal(1230, g.Reward);
        Assert.Equal(4, g.Lives);
        Poke(0xC0, 0x10);
        g.Step(ram);
        Assert.Equal(3, g.Lives);
        Poke(0xC0, 0x59);
        g.Step(ram);
        Assert.Equal(1, g.Lives);
        Assert.False(g.Terminal);
        Poke(0xC0, 0x58);
        g.Step(ram);
        Assert.True(g.Terminal);
        Assert.Equal(0, g.Lives);
    }

    [Fact]
    public void AtlantisGivesNoRewardOnTheGameOverFrame()
    {
        var g = Fresh<Atlantis>();
        Poke(0xF1, 5); Poke(0xA2, 0x12);
        g.Step(ram);
        Assert.Equal(1200, g.Reward);
        Assert.Equal(5, g.Lives);
        Poke(0xF1, 0xFF); Poke(0xA1, 0x77);
        g.Step(ram);
        Assert.True(g.Terminal);
        Assert.Equal(0, g.Reward);
    }

    [Fact]
    public void BattleZoneReadsTenAsBlank()
    {
        var g = Fresh<BattleZone>();
        Poke(0x9D, 0x30); Poke(0x9E, 0xA2); Poke(0xBA, 0x05);
        g.Step(ram);
        Assert.Equal(1000 * (3 + 20), g.Reward);
        Assert.Equal(5, g.Lives);
    }

    [Fact]
    public void ChopperCommandEndsOnlyAfterTheGameStarted()
    {
        var g = Fresh<ChopperCommand>();
        Poke(0xE4, 0x00);
        g.Step(ram);
        Assert.False(g.Terminal);
        Poke(0xC2, 0x01); Poke(0xE4, 0x03); Poke(0xEE, 0x05);
        g.Step(ram);
        Assert.Equal(500, g.Reward);
        Assert.Equal(3, g.Lives);
        Poke(0xC2, 0x00); Poke(0xE4, 0x00);
        g.Step(ram);
        Assert.True(g.Terminal);
    }

    [Fact]
    public void CentipedeAndCrazyClimberIgnoreScoreDrops()
    {
        var c = Fresh<Centipede>();
        Poke(0xF6, 0x50);
        c.Step(ram);
        Assert.Equal(50, c.Reward);
        Poke(0xF6, 0x00);
        c.Step(ram);
        Assert.Equal(0, c.Reward);

        var k = Fresh<CrazyClimber>();
        Poke(0x82, 4); Poke(0x83, 2); Poke(0xAA, 5);
        k.Step(ram);
        Assert.Equal(2400, k.Reward);
        Poke(0x83, 0);
        k.Step(ram);
        Assert.Equal(0, k.Reward);
    }

    [Fact]
    public void FreewayClampsAndIceHockeyCapsTheReward()
    {
        var f = Fresh<Freeway>();
        Poke(0xE7, 0x12);
        f.Step(ram);
        Assert.Equal(1, f.Reward);
        Poke(0xE7, 0x00);
        f.Step(ram);
        Assert.Equal(0, f.Reward);

        var h = Fresh<IceHockey>();
        Poke(0x86, 1); Poke(0x8A, 0x03);
        h.Step(ram);
        Assert.Equal(1, h.Reward);
        Poke(0x8B, 0x02);
        h.Step(ram);
        Assert.Equal(-2, h.Reward);
    }

    [Fact]
    public void StarGunnerReportsFiveLivesUntilTheGameShowsFive()
    {
        var g = Fresh<StarGunner>();
        Poke(0x87, 6); Poke(0x83, 0x0A); Poke(0x84, 0x03);
        g.Step(ram);
        Assert.Equal(5, g.Lives);
        Assert.Equal(3000, g.Reward);
        Poke(0x87, 5); g.Step(ram);
        Poke(0x87, 4); g.Step(ram);
        Assert.Equal(4, g.Lives);
        Poke(0x87, 0); g.Step(ram);
        Assert.True(g.Terminal);
    }

    [Fact]
    public void TimePilotAndWizardOfWorReadLivesOnlyInTheirPlayState()
    {
        var t = Fresh<TimePilot>();
        Poke(0x80, 0x01); Poke(0x8B, 0x01);
        t.Step(ram);
        Assert.Equal(5, t.Lives);
        Poke(0x80, 0x12);
        t.Step(ram);
        Assert.Equal(2, t.Lives);

        var w = Fresh<WizardOfWor>();
        Poke(0xD7, 1); Poke(0x8D, 0x02); Poke(0x88, 0x80); Poke(0x86, 0x15);
        w.Step(ram);
        Assert.Equal(3, w.Lives);
        Assert.Equal(1500, w.Reward); // 8015 - 8000 = 15, x100
        Poke(0xD7, 0);
        w.Step(ram);
        Assert.Equal(2, w.Lives);
    }

    [Fact]
    public void GopherCountsCarrotsAndGravitarReportsSixOnTheStartScreen()
    {
        var g = Fresh<Gopher>();
        Poke(0xB4, 0x05);
        g.Step(ram);
        Assert.Equal(2, g.Lives);
        Poke(0xB4, 0x00);
        g.Step(ram);
        Assert.True(g.Terminal);

        var v = Fresh<Gravitar>();
        Poke(0x81, 0x00); Poke(0x84, 2);
        v.Step(ram);
        Assert.Equal(6, v.Lives);
        Poke(0x81, 0x02);
        v.Step(ram);
        Assert.Equal(3, v.Lives);
        Poke(0x81, 0x01);
        v.Step(ram);
        Assert.True(v.Terminal);
        Assert.Equal(0, v.Lives);
    }

    [Fact]
    public void PrivateEyeDoesNotRewardTheStartingThousand()
    {
        var g = Fresh<PrivateEye>();
        Poke(0xC9, 0x10);
        g.Step(ram);
        Assert.Equal(0, g.Reward);
        Poke(0xC2, 0x05);
        g.Step(ram);
        Assert.True(g.Terminal);
    }

    [Fact]
    public void RoadRunnerRobotankAndVideoPinballDecode()
    {
        var r = Fresh<RoadRunner>();
        Poke(0xC9, 0x0A); Poke(0xCA, 0x05); Poke(0xCB, 0x02); Poke(0xC4, 0x02);
        r.Step(ram);
        Assert.Equal(100 * 250, r.Reward);
        Assert.Equal(3, r.Lives);

        var t = Fresh<Robotank>();
        Poke(0xB6, 2); Poke(0xB5, 3); Poke(0xA8, 3);
        t.Step(ram);
        Assert.Equal(27, t.Reward);
        Assert.Equal(4, t.Lives);

        var p = Fresh<VideoPinball>();
        Poke(0xB0, 0x50); Poke(0xB2, 0x01); Poke(0x99, 2); Poke(0xA8, 1);
        p.Step(ram);
        Assert.Equal(150, p.Reward);
        Assert.Equal(3, p.Lives);
    }

    [Fact]
    public void MsPacmanAndDoubleDunkEndings()
    {
        var m = Fresh<MsPacman>();
        Poke(0xFB, 0x02);
        m.Step(ram);
        Assert.Equal(3, m.Lives);
        Poke(0xFB, 0x00); Poke(0xA7, 0x53);
        m.Step(ram);
        Assert.True(m.Terminal);

        var d = Fresh<DoubleDunk>();
        Poke(0xF6, 0x24); Poke(0xF7, 0x10);
        d.Step(ram);
        Assert.Equal(14, d.Reward);
        Assert.False(d.Terminal);
        Poke(0xFE, 0xE7);
        d.Step(ram);
        Assert.True(d.Terminal);
        Assert.Equal(0, d.Lives);
    }
}
