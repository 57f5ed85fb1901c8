namespace Rims.Envs.Atari.Games;

/// <summary>Enduro (Activision, 1983). The score counts cars passed over all days; no lives.</summary>
public sealed class Enduro : RamGame
{
    /// <summary>Creates Enduro's settings.</summary>
    public Enduro() : base(new GameInfo
    {
        RomName = "enduro", Name = "Enduro", Md5 = "94b92a882f6dbaa6993a46e2dcc58402", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4, 5, 8, 9, 11, 12), StartingActions = [AleAction.Fire],
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        // The display shows cars still to pass today (200 on day 1, 300 later); the score is cars passed so far.
        int level = Ram(ram, 0xAD);
        int carsLeft = ScoreDigits.Bcd(ram, 0xAB, 0xAC);
        int score = level switch
        {
            0 => 0,
            1 => 200 - carsLeft,
            _ => 200 + 300 * (level - 2) + (300 - carsLeft),
        };
        UpdateScore(score);
        Terminal = Ram(ram, 0xAF) == 0xFF;
    }
}
