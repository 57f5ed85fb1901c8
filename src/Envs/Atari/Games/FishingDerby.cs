namespace Rims.Envs.Atari.Games;

/// <summary>Fishing Derby (Activision, 1980). Reward = change of (my weight - opponent's); first to 99 ends it; no lives.</summary>
public sealed class FishingDerby : RamGame
{
    /// <summary>Creates Fishing Derby's settings.</summary>
    public FishingDerby() : base(new GameInfo
    {
        RomName = "fishing_derby", Name = "FishingDerby", Md5 = "b8865f05676e64f3bec72b9defdacfa7", CartridgeType = "2K",
        MinimalActions = ActionSets.All, Difficulties = [0, 1, 2, 3],
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int me = Math.Max(ScoreDigits.Bcd(ram, 0xBD), 0), opponent = Math.Max(ScoreDigits.Bcd(ram, 0xBE), 0);
        UpdateScore(me - opponent);
        Terminal = Ram(ram, 0xBD) == 0x99 || Ram(ram, 0xBE) == 0x99;
    }
}
