using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari.Games;

/// <summary>SetMode against a scripted console: SELECT presses until the mode byte matches, then the soft reset.</summary>
public class ModeSelectionTests
{
    [Fact]
    public void SpaceInvadersPressesSelectUntilTheModeByteMatches()
    {
        var console = new FakeConsole { OnSelect = ram => ram[0xDC & 0x7F]++ };
        new SpaceInvaders().SetMode(3, console);
        Assert.Equal(["select:2", "select:2", "select:2", "softreset"], console.Log);
    }

    [Fact]
    public void DefaultModeAlreadyShownNeedsOnlyTheSoftReset()
    {
        var console = new FakeConsole();
        console.Poke(0xEA, 1);
        var game = new DemonAttack();
        game.Reset();
        game.SetMode(game.Modes[0], console);
        Assert.Equal(["softreset"], console.Log);
    }

    [Fact]
    public void DemonAttackIgnoresTheGameOverPatternRightAfterSetMode()
    {
        var console = new FakeConsole();
        console.Poke(0xEA, 1);
        var game = new DemonAttack();
        game.Reset();
        game.SetMode(1, console);
        var ram = new byte[128];
        ram[0xF1 & 0x7F] = 0xBD; // $F2 = 0: looks like a game over
        game.Step(ram);
        Assert.False(game.Terminal);
        game.Step(ram);
        Assert.True(game.Terminal);
    }

    [Fact]
    public void SingleModeGamesDoNothing()
    {
        var console = new FakeConsole();
        new Seaquest().SetMode(0, console);
        Assert.Empty(console.Log);
    }

    [Fact]
    public void UnknownModesThrow()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pong().SetMode(2, new FakeConsole()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemonAttack().SetMode(0, new FakeConsole()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Seaquest().SetMode(1, new FakeConsole()));
    }

    [Fact]
    public void GopherSoftResetsBeforeAndAfterSelecting()
    {
        var console = new FakeConsole { OnSelect = ram => ram[0xD3 & 0x7F] += 1 };
        new Gopher().SetMode(2, console);
        Assert.Equal(["softreset", "select:5", "select:5", "softreset"], console.Log);
    }

    [Fact]
    public void KangarooAcceptsTheTitleScreenOffset()
    {
        var console = new FakeConsole();
        console.Poke(0xBA, 0x81);
        new Kangaroo().SetMode(1, console);
        Assert.Equal(["softreset"], console.Log);
    }

    [Fact]
    public void NameThisGameCyclesTheModeByte()
    {
        var console = new FakeConsole { OnSelect = ram => ram[0xDE & 0x7F] = (byte)(ram[0xDE & 0x7F] + 1) };
        new NameThisGame().SetMode(0x08, console);
        Assert.Equal(9, console.Log.Count);
        Assert.Equal("select:2", console.Log[0]);
    }

    [Fact]
    public void MsPacmanModeZeroNeedsVariantOneWithTheFlag()
    {
        int step = 0;
        var console = new FakeConsole
        {
            OnSelect = ram =>
            {
                step++;
                ram[0x99 & 0x7F] = (byte)((step % 4) + 1);
                ram[0xA1 & 0x7F] = (byte)(step >= 4 ? 1 : 0);
            },
        };
        new MsPacman().SetMode(0, console);
        Assert.Equal(4, console.Log.Count(e => e == "select:10"));
        Assert.Equal("softreset", console.Log[^1]);
    }

    [Fact]
    public void AlienReloadsLivesFromRamInSetMode()
    {
        var console = new FakeConsole();
        console.Poke(0xC0, 0x03);
        var game = new Alien();
        game.Reset();
        game.SetMode(0, console);
        Assert.Equal(3, game.Lives);
    }

    [Fact]
    public void DoubleDunkWalksTheOptionsMenu()
    {
        // Menu model: DOWN moves the cursor ($B0) one line; RIGHT/LEFT switch the option under the cursor in $80.
        int[] optionBits = [0, 0, 0x08, 0x10, 0x04, 0x20];
        var console = new FakeConsole
        {
            OnAct = (ram, action) =>
            {
                int line = ram[0x30];
                if (action == AleAction.Down) ram[0x30]++;
                else if (action == AleAction.Right) ram[0] |= (byte)optionBits[line];
                else if (action == AleAction.Left) ram[0] &= (byte)~optionBits[line];
            },
        };
        console.Poke(0x80, 0x04); // 3-second rule on at the start
        new DoubleDunk().SetMode(0b1001, console);
        Assert.Equal(0x08 | 0x20, console.Memory[0]);
        Assert.Equal("select:1", console.Log[0]);
        Assert.Equal(["softreset", "act:UpFire", "act:Noop"], console.Log[^3..]);
        // 5 cursor moves, RIGHT for 3-point, LEFT for 3-second, RIGHT for fouls: each an action + NOOP pair.
        Assert.Equal(2 * (5 + 3), console.Log.Count(e => e.StartsWith("act:")) - 2);
    }
}
