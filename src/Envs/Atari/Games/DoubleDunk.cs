namespace Rims.Envs.Atari.Games;

/// <summary>Double Dunk (Atari, 1989). Reward = change of (player points - opponent's); modes are menu options.</summary>
public sealed class DoubleDunk : RamGame
{
    /// <summary>Creates Double Dunk's settings.</summary>
    public DoubleDunk() : base(new GameInfo
    {
        RomName = "double_dunk", Name = "DoubleDunk", Md5 = "368d88a6c071caba60b4f778615aae94", CartridgeType = "F6",
        MinimalActions = ActionSets.All, Modes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        StartingActions = [AleAction.UpFire],
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int me = ScoreDigits.Bcd(ram, 0xF6), opponent = ScoreDigits.Bcd(ram, 0xF7);
        UpdateScore(me - opponent);
        Terminal = (me >= 24 || opponent >= 24) && Ram(ram, 0xFE) == 0xE7;
    }

    /// <summary>
    /// Opens the options menu with one SELECT press, skips its first two lines, then sets four yes/no options from the
    /// mode's bits (1: 3-point shots, $80 bit 3; 2: 10-second rule, bit 4; 4: 3-second rule, bit 2; 8: fouls, bit 5)
    /// by moving with DOWN/RIGHT/LEFT act() frames, soft-resets and plays UPFIRE, NOOP to leave the menu.
    /// </summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        console.PressSelect(1);
        NextLine(console);
        NextLine(console);
        SetOption(console, 0x08, (mode & 1) != 0);
        NextLine(console);
        SetOption(console, 0x10, (mode & 2) != 0);
        NextLine(console);
        SetOption(console, 0x04, (mode & 4) != 0);
        NextLine(console);
        SetOption(console, 0x20, (mode & 8) != 0);
        console.SoftReset();
        console.Act(AleAction.UpFire);
        console.Act(AleAction.Noop);
    }

    // Moves the menu cursor ($B0) down one line: DOWN then NOOP until the cursor byte changes.
    private static void NextLine(IGameConsole console)
    {
        int line = console.Ram[0xB0 & 0x7F];
        Repeat(console, AleAction.Down, () => console.Ram[0xB0 & 0x7F] != line);
    }

    // RIGHT switches the option on and LEFT switches it off; repeat until the option bit in $80 agrees.
    private static void SetOption(IGameConsole console, int bit, bool on) =>
        Repeat(console, on ? AleAction.Right : AleAction.Left, () => ((console.Ram[0] & bit) != 0) == on);

    private static void Repeat(IGameConsole console, AleAction action, Func<bool> done)
    {
        for (int pairs = 0; !done(); pairs++)
        {
            if (pairs > 256) throw new InvalidOperationException("DoubleDunk: the options menu did not respond.");
            console.Act(action);
            console.Act(AleAction.Noop);
        }
    }
}
