namespace Rims.Envs.Atari.Games;

/// <summary>Video Pinball (Atari, 1980). Six-digit BCD score in alternate bytes; balls left from $99 and $A8.</summary>
public sealed class VideoPinball : RamGame
{
    /// <summary>Creates Video Pinball's settings.</summary>
    public VideoPinball() : base(new GameInfo
    {
        RomName = "video_pinball", Name = "VideoPinball", Md5 = "107cc025334211e6d29da0b6be46aec7", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 5, 10, 11, 12), Modes = [0, 2], Difficulties = [0, 1],
        InitialLives = 3, ModeSelect = new(0xC1, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xB0, 0xB2, 0xB4));
        // $99 counts balls played and bit 0 of $A8 an extra ball.
        int lives = 4 + (Ram(ram, 0xA8) & 1) - (Ram(ram, 0x99) & 7);
        Terminal = (Ram(ram, 0xAF) & 1) != 0;
        SetLives(lives);
    }
}
