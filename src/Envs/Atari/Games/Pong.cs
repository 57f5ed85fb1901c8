namespace Rims.Envs.Atari.Games;

/// <summary>Pong (Atari Video Olympics, 1978). Reward = change of (player points - CPU points); paddles, swapped.</summary>
public sealed class Pong : RamGame
{
    /// <summary>Creates Pong's settings.</summary>
    public Pong() : base(new GameInfo
    {
        RomName = "pong", Name = "Pong", Md5 = "60e0ea3cbe0913d39803477945e9e5ec", CartridgeType = "2K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4, 11, 12), Modes = [0, 1], Difficulties = [0, 1, 2, 3],
        ModeSelect = new(0x96, HoldFrames: 2),
    })
    { }

    /// <summary>Pong is played with paddles.</summary>
    public override bool UsesPaddles => true;

    /// <summary>Stella's property table swaps Pong's paddles.</summary>
    public override bool SwapPaddles => true;

    /// <summary>Reads score and terminal after one frame (points are plain binary, first to 21 wins).</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int cpu = Ram(ram, 0x8D), player = Ram(ram, 0x8E);
        UpdateScore(player - cpu);
        Terminal = cpu == 21 || player == 21;
    }
}
