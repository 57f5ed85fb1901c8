namespace Rims.Envs.Atari.Games;

/// <summary>Ms. Pac-Man (Atari, 1982). Six-digit BCD score; lives in the low bits of $FB. No HMOVE blanking.</summary>
public sealed class MsPacman : RamGame
{
    /// <summary>Creates Ms. Pac-Man's settings.</summary>
    public MsPacman() : base(new GameInfo
    {
        RomName = "ms_pacman", Name = "MsPacman", Md5 = "87e79cd41ce136fd4f72cc6e2c161bee", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 2, 3, 4, 5, 6, 7, 8, 9), Modes = [0, 1, 2, 3],
        InitialLives = 3,
    })
    { }

    /// <summary>Stella's property table: HmoveBlanks=NO.</summary>
    public override bool HmoveBlanks => false;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xF8, 0xF9, 0xFA));
        int livesByte = Ram(ram, 0xFB) & 15;
        Terminal = livesByte == 0 && Ram(ram, 0xA7) == 0x53;
        SetLives((livesByte & 7) + 1);
    }

    /// <summary>
    /// Presses SELECT (10 frames) until the menu shows the mode: mode 0 is the one-player game of variant 1
    /// ($99 = 1, $A1 = 1); mode m &gt; 0 is variant m with $A1 = 0. Then soft-resets.
    /// </summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        int wantedVariant = mode == 0 ? 1 : mode, wantedFlag = mode == 0 ? 1 : 0;
        for (int presses = 0; console.Ram[0x99 & 0x7F] != wantedVariant || console.Ram[0xA1 & 0x7F] != wantedFlag; presses++)
        {
            if (presses > 1024) throw new InvalidOperationException($"MsPacman: mode {mode} never reached.");
            console.PressSelect(10);
        }
        console.SoftReset();
    }
}
