namespace Rims.Envs.Atari.Games;

/// <summary>Krull (Atari, 1983). Six-digit BCD score; lives - 1 in the low bits of $9F.</summary>
public sealed class Krull : RamGame
{
    /// <summary>Creates Krull's settings.</summary>
    public Krull() : base(new GameInfo
    {
        RomName = "krull", Name = "Krull", Md5 = "4baada22435320d185c95b7dd2bcdb24", CartridgeType = "F8",
        MinimalActions = ActionSets.All,
        InitialLives = 3,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0x9E, 0x9D, 0x9C));
        int livesByte = Ram(ram, 0x9F);
        Terminal = livesByte == 0 && Ram(ram, 0xA2) == 0x03 && Ram(ram, 0x80) == 0x80;
        SetLives((livesByte & 7) + 1);
    }
}
