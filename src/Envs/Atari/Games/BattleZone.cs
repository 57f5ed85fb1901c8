namespace Rims.Envs.Atari.Games;

/// <summary>Battlezone (Atari, 1983). Score = 1000 x three digits (10 = blank); lives in the low nibble of $BA. No HMOVE blanking.</summary>
public sealed class BattleZone : RamGame
{
    /// <summary>Creates Battlezone's settings.</summary>
    public BattleZone() : base(new GameInfo
    {
        RomName = "battle_zone", Name = "BattleZone", Md5 = "41f252a66c6301f1e8ab3612c19bc5d4", CartridgeType = "F8",
        MinimalActions = ActionSets.All, Modes = [1, 2, 3],
        InitialLives = 5, ModeSelect = new(0xA1, HoldFrames: 2),
    })
    { }

    /// <summary>Stella's property table: HmoveBlanks=NO.</summary>
    public override bool HmoveBlanks => false;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int thousands = ScoreDigits.TenAsZero(Ram(ram, 0x9D) >> 4);
        int tenThousands = ScoreDigits.TenAsZero(Ram(ram, 0x9E) & 15);
        int hundredThousands = ScoreDigits.TenAsZero(Ram(ram, 0x9E) >> 4);
        UpdateScore(1000 * (thousands + 10 * tenThousands + 100 * hundredThousands));
        int lives = Ram(ram, 0xBA) & 15;
        Terminal = lives == 0;
        SetLives(lives);
    }
}
