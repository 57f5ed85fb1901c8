namespace Rims.Envs.Atari.Games;

/// <summary>Wizard of Wor (CBS Electronics, 1982). Score = 100 x four BCD digits (values from 8000 up lose 8000); lives in $8D.</summary>
public sealed class WizardOfWor : RamGame
{
    // The tracked life count (ALE's m_lives), only updated while the game is waiting.
    private int lives;

    /// <summary>Creates Wizard of Wor's settings.</summary>
    public WizardOfWor() : base(new GameInfo
    {
        RomName = "wizard_of_wor", Name = "WizardOfWor", Md5 = "7e8aa18bc9502eb57daaf5e7c1e94da7", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 5, 10, 11, 12, 13), Difficulties = [0, 1],
        InitialLives = 3,
    })
    { }

    /// <inheritdoc />
    protected override void ResetState() => lives = InitialLives;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int s = ScoreDigits.Bcd(ram, 0x86, 0x88);
        // The shown score never passes 999 (before its fixed "00"), so ALE takes 8000 off readings of 8000 and more:
        // the high byte then holds more than score digits.
        if (s >= 8000) s -= 8000;
        UpdateScore(100 * s);
        // The game lowers $8D as the next player enters the field; ALE only takes it while waiting ($D7 bit 0 clear),
        // so a life counts as lost once it is really gone.
        if ((Ram(ram, 0xD7) & 1) == 0) lives = Ram(ram, 0x8D) & 15;
        Terminal = (Ram(ram, 0x8D) & 15) == 0 && Ram(ram, 0xF4) == 0xF8;
        SetLives(lives);
    }
}
