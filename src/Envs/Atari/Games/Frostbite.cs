namespace Rims.Envs.Atari.Games;

/// <summary>Frostbite (Activision, 1983). Six-digit BCD score; reserve lives in the low nibble of $CC.</summary>
public sealed class Frostbite : RamGame
{
    /// <summary>Creates Frostbite's settings.</summary>
    public Frostbite() : base(new GameInfo
    {
        RomName = "frostbite", Name = "Frostbite", Md5 = "4ca73eb959299471788f0b685c3ba0b5", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Modes = [0, 2],
        InitialLives = 4, ModeSelect = new(0x80, HoldFrames: 1),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xCA, 0xC9, 0xC8));
        int reserve = Ram(ram, 0xCC) & 15;
        Terminal = reserve == 0 && (Ram(ram, 0xF1) & 0x80) != 0;
        SetLives(reserve + 1);
    }
}
