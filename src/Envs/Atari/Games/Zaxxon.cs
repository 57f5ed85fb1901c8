namespace Rims.Envs.Atari.Games;

/// <summary>Zaxxon (CBS Electronics, 1983). Score = 100 x four BCD digits; lives in the low bits of $EA.</summary>
public sealed class Zaxxon : RamGame
{
    /// <summary>Creates Zaxxon's settings.</summary>
    public Zaxxon() : base(new GameInfo
    {
        RomName = "zaxxon", Name = "Zaxxon", Md5 = "eea0da9b987d661264cce69a7c13c3bd", CartridgeType = "F8",
        MinimalActions = ActionSets.All, Modes = [0, 8, 16, 24],
        InitialLives = 5, ModeSelect = new(0x82, HoldFrames: 10),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(100 * ScoreDigits.Bcd(ram, 0xE9, 0xE8));
        int lives = Ram(ram, 0xEA) & 7;
        Terminal = lives == 0;
        SetLives(lives);
    }
}
