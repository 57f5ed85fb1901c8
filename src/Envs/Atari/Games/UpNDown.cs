namespace Rims.Envs.Atari.Games;

/// <summary>Up'n Down (Sega, 1983). Six-digit BCD score; lives in the low nibble of $86.</summary>
public sealed class UpNDown : RamGame
{
    /// <summary>Creates Up'n Down's settings.</summary>
    public UpNDown() : base(new GameInfo
    {
        RomName = "up_n_down", Name = "UpNDown", Md5 = "a499d720e7ee35c62424de882a3351b6", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 1, 2, 5, 10, 13), Difficulties = [0, 1, 2, 3],
        StartingActions = [AleAction.Fire],
        InitialLives = 5,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0x82, 0x81, 0x80));
        int livesByte = Ram(ram, 0x86) & 15;
        Terminal = Ram(ram, 0x94) > 0x40 && livesByte == 0;
        SetLives(livesByte + 1);
    }
}
