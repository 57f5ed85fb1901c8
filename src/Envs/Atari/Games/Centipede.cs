namespace Rims.Envs.Atari.Games;

/// <summary>Centipede (Atari, 1982). Six-digit BCD score (losses ignored); lives in bits 4..6 of $ED.</summary>
public sealed class Centipede : RamGame
{
    /// <summary>Creates Centipede's settings.</summary>
    public Centipede() : base(new GameInfo
    {
        RomName = "centipede", Name = "Centipede", Md5 = "91c2098e88a6b13f977af8c003e0bca5", CartridgeType = "F8",
        MinimalActions = ActionSets.All, Modes = [0x16, 0x56],
        InitialLives = 3, ModeSelect = new(0xA7, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xF6, 0xF5, 0xF4));
        // The score is sometimes cleared shortly before the game ends; ALE ignores that drop.
        if (Reward < 0) Reward = 0;
        Terminal = (Ram(ram, 0xA6) & 0x40) != 0;
        SetLives(((Ram(ram, 0xED) >> 4) & 7) + 1);
    }
}
