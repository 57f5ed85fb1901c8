namespace Rims.Envs.Atari.Games;

/// <summary>Space Invaders (Atari, 1978). Four-digit BCD score that wraps at 10000.</summary>
public sealed class SpaceInvaders : RamGame
{
    /// <summary>Creates Space Invaders' settings.</summary>
    public SpaceInvaders() : base(new GameInfo
    {
        RomName = "space_invaders", Name = "SpaceInvaders", Md5 = "72ffbef6504b75e69ee1045af9075f66", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4, 11, 12),
        Modes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], Difficulties = [0, 1],
        InitialLives = 3, ModeSelect = new(0xDC, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int old = Score;
        UpdateScore(ScoreDigits.Bcd(ram, 0xE8, 0xE6));
        // The four-digit display rolls over at 10000; count the points past the wrap instead of a big loss.
        if (Reward < 0) Reward = 10000 - old + Score;
        int lives = Ram(ram, 0xC9);
        Terminal = (Ram(ram, 0x98) & 0x80) != 0 || lives == 0;
        SetLives(lives);
    }
}
