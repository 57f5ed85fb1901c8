namespace Rims.Envs.Atari.Games;

/// <summary>Breakout (Atari, 1978). Three-digit score; $B9 counts balls left; paddle in the left port.</summary>
public sealed class Breakout : RamGame
{
    // $B9 also reads 0 before a game has begun, so a game over only counts once 5 balls have been seen.
    private bool started;

    /// <summary>Creates Breakout's settings.</summary>
    public Breakout() : base(new GameInfo
    {
        RomName = "breakout", Name = "Breakout", Md5 = "f34f08e5eb96e500e851a80be3277a56", CartridgeType = "2K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4), Modes = [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44],
        Difficulties = [0, 1],
        InitialLives = 5, ModeSelect = new(0xB2, HoldFrames: 1),
    })
    { }

    /// <summary>Breakout is played with a paddle.</summary>
    public override bool UsesPaddles => true;

    /// <inheritdoc />
    protected override void ResetState() => started = false;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int x = Ram(ram, 0xCD), y = Ram(ram, 0xCC);
        UpdateScore((x & 15) + 10 * (x >> 4) + 100 * (y & 15));
        int balls = Ram(ram, 0xB9);
        if (balls == 5) started = true;
        Terminal = started && balls == 0;
        SetLives(balls);
    }
}
