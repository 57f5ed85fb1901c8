namespace Rims.Envs.Atari.Games;

/// <summary>Gravitar (Atari, 1988). Six-digit BCD score; $81 tells the screen, $84 the lives left - 1.</summary>
public sealed class Gravitar : RamGame
{
    /// <summary>Creates Gravitar's settings.</summary>
    public Gravitar() : base(new GameInfo
    {
        RomName = "gravitar", Name = "Gravitar", Md5 = "8ac18076d01a6b63acf6e2cab4968940", CartridgeType = "F8",
        MinimalActions = ActionSets.All, Modes = [0, 1, 2, 3, 4], StartingActions = Fires(16),
        InitialLives = 6,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0x89, 0x88, 0x87));
        int screen = Ram(ram, 0x81);
        Terminal = screen == 0x01;
        // On the starting screen the lives byte is not set up yet; ALE reports 6 there.
        SetLives(screen == 0 ? 6 : Ram(ram, 0x84) + 1);
    }

    /// <summary>Presses SELECT (10 frames) until $80 shows the mode, sets the mode's life count, then soft-resets.</summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        PressSelectUntil(console, 0x80, mode, 10);
        Lives = mode switch { 1 => 15, 3 => 100, 4 => 25, _ => 6 };
        console.SoftReset();
    }

    private static AleAction[] Fires(int count)
    {
        var actions = new AleAction[count];
        Array.Fill(actions, AleAction.Fire);
        return actions;
    }
}
