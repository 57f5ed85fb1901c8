namespace Rims.Envs.Atari.Games;

/// <summary>Asterix (Atari, 1988 prototype). Six-digit BCD score; lives in the low nibble of $D3.</summary>
public sealed class Asterix : RamGame
{
    /// <summary>Creates Asterix's settings.</summary>
    public Asterix() : base(new GameInfo
    {
        RomName = "asterix", Name = "Asterix", Md5 = "89a68746eff7f266bbf08de2483abe55", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 2, 3, 4, 5, 6, 7, 8, 9), StartingActions = [AleAction.Fire],
        InitialLives = 3,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xE0, 0xDF, 0xDE));
        int lives = Ram(ram, 0xD3) & 15;
        Terminal = Ram(ram, 0xC7) == 0x01 && lives == 1;
        SetLives(lives);
    }
}
