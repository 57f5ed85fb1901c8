namespace Rims.Envs.Atari.Games;

/// <summary>Gopher (US Games, 1982). Six-digit BCD score; lives = carrots left (bits 0..2 of $B4).</summary>
public sealed class Gopher : RamGame
{
    // Number of set bits of the three carrot flags.
    private static readonly int[] CarrotsLeft = [0, 1, 1, 2, 1, 2, 2, 3];

    /// <summary>Creates Gopher's settings.</summary>
    public Gopher() : base(new GameInfo
    {
        RomName = "gopher", Name = "Gopher", Md5 = "c16c79aad6272baffb8aae9a7fff0864", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 10, 11, 12), Modes = [0, 2], Difficulties = [0, 1],
        StartingActions = [AleAction.Fire],
        InitialLives = 3,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xB2, 0xB1, 0xB0));
        int carrots = Ram(ram, 0xB4) & 7;
        Terminal = carrots == 0;
        SetLives(CarrotsLeft[carrots]);
    }

    /// <summary>Soft-resets first (the mode byte is only valid then), presses SELECT (5 frames) until $D3 shows the
    /// mode, then soft-resets again.</summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        console.SoftReset();
        SelectUntil(console, 0xD3, mode, 5);
    }
}
