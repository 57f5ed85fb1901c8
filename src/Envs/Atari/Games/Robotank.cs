namespace Rims.Envs.Atari.Games;

/// <summary>Robot Tank (Activision, 1983). Score = enemy tanks destroyed (12 per squadron); lives - 1 in the low nibble of $A8.</summary>
public sealed class Robotank : RamGame
{
    /// <summary>Creates Robot Tank's settings.</summary>
    public Robotank() : base(new GameInfo
    {
        RomName = "robotank", Name = "Robotank", Md5 = "4f618c2429138e0280969193ed6c107e", CartridgeType = "FE",
        MinimalActions = ActionSets.All,
        InitialLives = 4,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        // $B6 counts destroyed squadrons of 12 tanks and $B5 the tanks of the current squadron (plain binary).
        UpdateScore(12 * Ram(ram, 0xB6) + Ram(ram, 0xB5));
        int livesByte = Ram(ram, 0xA8);
        Terminal = livesByte == 0 && Ram(ram, 0xB4) == 0xFF;
        SetLives((livesByte & 15) + 1);
    }
}
