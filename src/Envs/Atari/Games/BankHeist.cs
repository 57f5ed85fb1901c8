namespace Rims.Envs.Atari.Games;

/// <summary>Bank Heist (20th Century Fox, 1983). Six-digit BCD score; $D5 holds lives.</summary>
public sealed class BankHeist : RamGame
{
    /// <summary>Creates Bank Heist's settings.</summary>
    public BankHeist() : base(new GameInfo
    {
        RomName = "bank_heist", Name = "BankHeist", Md5 = "00ce0bdd43aed84a983bef38fe7f5ee3", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Modes = [0, 4, 8, 12, 16, 20, 24, 28], Difficulties = [0, 1, 2, 3],
        InitialLives = 4, ModeSelect = new(0x80, HoldFrames: 1),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xDA, 0xD9, 0xD8));
        int lives = Ram(ram, 0xD5);
        Terminal = Ram(ram, 0xCE) == 0x01 && lives == 0;
        SetLives(lives);
    }
}
