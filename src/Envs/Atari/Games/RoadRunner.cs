namespace Rims.Envs.Atari.Games;

/// <summary>Road Runner (Atari). Score = 100 x four digit nibbles at $C9..$CC (10 = blank); lives - 1 in the low bits of $C4.</summary>
public sealed class RoadRunner : RamGame
{
    /// <summary>Creates Road Runner's settings.</summary>
    public RoadRunner() : base(new GameInfo
    {
        RomName = "road_runner", Name = "RoadRunner", Md5 = "ce5cc62608be2cd3ed8abd844efb8919", CartridgeType = "F6",
        MinimalActions = ActionSets.All,
        InitialLives = 3,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int score = 0;
        for (int k = 3; k >= 0; k--) score = 10 * score + ScoreDigits.TenAsZero(Ram(ram, 0xC9 + k) & 15);
        UpdateScore(100 * score);
        int livesByte = Ram(ram, 0xC4) & 7;
        Terminal = livesByte == 0 && (Ram(ram, 0xB9) != 0 || Ram(ram, 0xBD) != 0);
        SetLives(livesByte + 1);
    }
}
