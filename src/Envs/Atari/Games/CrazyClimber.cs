namespace Rims.Envs.Atari.Games;

/// <summary>Crazy Climber (Atari, 1983). Score = 100 x four binary digit bytes (losses ignored); $AA holds lives.</summary>
public sealed class CrazyClimber : RamGame
{
    /// <summary>Creates Crazy Climber's settings.</summary>
    public CrazyClimber() : base(new GameInfo
    {
        RomName = "crazy_climber", Name = "CrazyClimber", Md5 = "55ef7b65066428367844342ed59f956c", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 2, 3, 4, 5, 6, 7, 8, 9), Modes = [0, 1, 2, 3], Difficulties = [0, 1],
        InitialLives = 5, ModeSelect = new(0x80, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        // One byte per decimal digit, units first.
        int digits = Ram(ram, 0x82) + 10 * Ram(ram, 0x83) + 100 * Ram(ram, 0x84) + 1000 * Ram(ram, 0x85);
        UpdateScore(100 * digits);
        if (Reward < 0) Reward = 0;
        int lives = Ram(ram, 0xAA);
        Terminal = lives == 0;
        SetLives(lives);
    }
}
