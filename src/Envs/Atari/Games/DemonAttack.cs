namespace Rims.Envs.Atari.Games;

/// <summary>Demon Attack (Imagic, 1982). Six-digit BCD score; lives shown in $F2.</summary>
public sealed class DemonAttack : RamGame
{
    // Set by SetMode so the first frame after the mode's soft reset, which can show the game-over pattern while the
    // game restarts, is not taken for a game over.
    private bool levelChange;

    /// <summary>Creates Demon Attack's settings.</summary>
    public DemonAttack() : base(new GameInfo
    {
        RomName = "demon_attack", Name = "DemonAttack", Md5 = "f0e0addc07971561ab80d9abe1b8d333", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4, 11, 12), Modes = [1, 3, 5, 7], Difficulties = [0, 1],
        InitialLives = 4, // ALE's reset value (DemonAttack.cpp, reset()); every frame's Step replaces it
    })
    { }

    /// <summary>Clears the level-change latch.</summary>
    protected override void ResetState() => levelChange = false;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        // Before a game starts the score bytes hold a fixed pattern ($AB/$CD/$EA) that must read as 0.
        bool pattern = Ram(ram, 0x81) == 0xAB && Ram(ram, 0x83) == 0xCD && Ram(ram, 0x85) == 0xEA;
        UpdateScore(pattern ? 0 : ScoreDigits.Bcd(ram, 0x85, 0x83, 0x81));
        int livesShown = Ram(ram, 0xF2);
        Terminal = livesShown == 0 && Ram(ram, 0xF1) == 0xBD && !levelChange;
        levelChange = false;
        // ALE (DemonAttack.cpp, step()) re-reads the lives on every frame, reserve ships shown + the one in play.
        SetLives(livesShown + 1);
    }

    /// <summary>Presses SELECT (1 frame) until $EA shows the mode, then soft-resets.</summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        PressSelectUntil(console, 0xEA, mode, 1);
        levelChange = true;
        console.SoftReset();
    }
}
