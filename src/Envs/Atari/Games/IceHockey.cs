namespace Rims.Envs.Atari.Games;

/// <summary>Ice Hockey (Activision, 1981). Reward = change of (my goals - opponent's), at most +1 a frame; the clock ends it.</summary>
public sealed class IceHockey : RamGame
{
    /// <summary>Creates Ice Hockey's settings.</summary>
    public IceHockey() : base(new GameInfo
    {
        RomName = "ice_hockey", Name = "IceHockey", Md5 = "a4c08c4994eb9d24fb78be1793e82e26", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Modes = [0, 2], Difficulties = [0, 1, 2, 3],
        ModeSelect = new(0x80, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int me = Math.Max(ScoreDigits.Bcd(ram, 0x8A), 0), opponent = Math.Max(ScoreDigits.Bcd(ram, 0x8B), 0);
        UpdateScore(me - opponent);
        if (Reward > 1) Reward = 1;
        Terminal = Ram(ram, 0x87) == 0 && Ram(ram, 0x86) == 0;
    }
}
