namespace Rims.Envs.Atari.Games;

/// <summary>Seaquest (Activision, 1983). Six-digit BCD score; $BB holds reserve subs.</summary>
public sealed class Seaquest : RamGame
{
    /// <summary>Creates Seaquest's settings.</summary>
    public Seaquest() : base(new GameInfo
    {
        RomName = "seaquest", Name = "Seaquest", Md5 = "240bfbac5163af4df5ae713985386f92", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Difficulties = [0, 1],
        InitialLives = 4,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xBA, 0xB9, 0xB8));
        Terminal = Ram(ram, 0xA3) != 0;
        SetLives(Ram(ram, 0xBB) + 1);
    }
}
