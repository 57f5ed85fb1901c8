namespace Rims.Envs.Atari.Games;

/// <summary>Freeway (Activision, 1981). One point per crossing; reward clamped to 0..1; no lives.</summary>
public sealed class Freeway : RamGame
{
    /// <summary>Creates Freeway's settings.</summary>
    public Freeway() : base(new GameInfo
    {
        RomName = "freeway", Name = "Freeway", Md5 = "8e0ab801b1705a740b476b7f588c6d16", CartridgeType = "2K",
        MinimalActions = ActionSets.Of(0, 2, 5), Modes = [0, 1, 2, 3, 4, 5, 6, 7], Difficulties = [0, 1],
        ModeSelect = new(0x80, HoldFrames: 1),
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xE7));
        Reward = Math.Clamp(Reward, 0, 1);
        Terminal = Ram(ram, 0x96) == 1;
    }
}
