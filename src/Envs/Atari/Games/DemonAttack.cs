namespace Rims.Envs.Atari.Games;

/// <summary>Demon Attack (Imagic, 1982). Six-digit BCD score; lives shown in $F2.</summary>
public sealed class DemonAttack : RamGame
{
    // Lives as last read from the game's display. Fitted to the real-ALE trace, not derived from ALE's source: right
    // after loadROM ALE reports 3 lives although RAM shows $F2 = 0, and after an in-trace reset it reports 1, the value
    // of the game-over frame before it. Both fit "re-read $F2 + 1 only while $F1 != 0 (the game's display is up, which
    // it is on every frame of play), otherwise keep the last value, starting at 3" -- $F1 is 0 throughout the reset
    // sequences. So this survives Reset() and starts at 3 in a fresh instance.
    private int _lives = 3;

    // Set by SetMode so the first frame after the mode's soft reset, which can show the game-over pattern while the
    // game restarts, is not taken for a game over.
    private bool _levelChange;

    /// <summary>Creates Demon Attack's settings.</summary>
    public DemonAttack() : base(new GameInfo
    {
        RomName = "demon_attack", Name = "DemonAttack", Md5 = "f0e0addc07971561ab80d9abe1b8d333", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4, 11, 12), Modes = [1, 3, 5, 7], Difficulties = [0, 1],
    }) { }

    /// <summary>Clears the level-change latch and reports the kept lives again (RamGame.Reset set its generic value).</summary>
    protected override void ResetState()
    {
        _levelChange = false;
        Lives = _lives;
    }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        // Before a game starts the score bytes hold a fixed pattern ($AB/$CD/$EA) that must read as 0.
        bool pattern = Ram(ram, 0x81) == 0xAB && Ram(ram, 0x83) == 0xCD && Ram(ram, 0x85) == 0xEA;
        UpdateScore(pattern ? 0 : ScoreDigits.Bcd(ram, 0x85, 0x83, 0x81));
        int livesShown = Ram(ram, 0xF2);
        int display = Ram(ram, 0xF1);
        Terminal = livesShown == 0 && display == 0xBD && !_levelChange;
        _levelChange = false;
        if (display != 0) _lives = livesShown + 1;
        SetLives(_lives);
    }

    /// <summary>Presses SELECT (1 frame) until $EA shows the mode, then soft-resets.</summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        PressSelectUntil(console, 0xEA, mode, 1);
        _levelChange = true;
        console.SoftReset();
    }
}
