namespace Rims.Envs.Atari.Games;

/// <summary>Amidar (Parker Brothers, 1983). Six-digit BCD score; lives in the low nibble of $D6; powers on with A/A.</summary>
public sealed class Amidar : RamGame
{
    /// <summary>Creates Amidar's settings.</summary>
    public Amidar() : base(new GameInfo
    {
        RomName = "amidar", Name = "Amidar", Md5 = "acb7750b4d0c4bd34969802a7deb2990", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 5, 10, 11, 12, 13), Difficulties = [0, 3],
        InitialLives = 3,
    })
    { }

    /// <summary>Stella's property table sets both difficulty switches to A (used during power-on detection).</summary>
    public override bool PowerOnDifficultyA => true;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xD9, 0xDA, 0xDB));
        int livesByte = Ram(ram, 0xD6);
        Terminal = livesByte == 0x80;
        SetLives(livesByte & 15);
    }
}
