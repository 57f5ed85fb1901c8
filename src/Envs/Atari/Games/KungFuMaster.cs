namespace Rims.Envs.Atari.Games;

/// <summary>Kung-Fu Master (Activision, 1984). Six-digit BCD score; lives - 1 in the low bits of $9D ($FF = game over).</summary>
public sealed class KungFuMaster : RamGame
{
    /// <summary>Creates Kung-Fu Master's settings.</summary>
    public KungFuMaster() : base(new GameInfo
    {
        RomName = "kung_fu_master", Name = "KungFuMaster", Md5 = "5b92a93b23523ff16e2789b820e2a4c5", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 2, 3, 4, 5, 8, 9, 11, 12, 13, 14, 15, 16, 17),
        InitialLives = 4,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0x9A, 0x99, 0x98));
        int livesByte = Ram(ram, 0x9D);
        Terminal = livesByte == 0xFF;
        SetLives((livesByte & 7) + 1);
    }
}
