namespace Rims.Envs.Atari.Games;

/// <summary>Boxing (Activision, 1980). Reward = change of (my points - opponent's); a KO (100) or the clock ends it.</summary>
public sealed class Boxing : RamGame
{
    /// <summary>Creates Boxing's settings.</summary>
    public Boxing() : base(new GameInfo
    {
        RomName = "boxing", Name = "Boxing", Md5 = "c3ef5c4653212088eda54dc91d787870", CartridgeType = "2K",
        MinimalActions = ActionSets.All, Difficulties = [0, 1, 2, 3],
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int me = Points(Ram(ram, 0x92)), opponent = Points(Ram(ram, 0x93));
        UpdateScore(me - opponent);
        bool clockOut = (Ram(ram, 0x90) >> 4) == 0 && ScoreDigits.Bcd(ram, 0x91) == 0;
        Terminal = me == 100 || opponent == 100 || clockOut;
    }

    // A knock-out is displayed as "KO" with the byte $C0, which counts as 100 points.
    private static int Points(int value) => value == 0xC0 ? 100 : ScoreDigits.Bcd(value);
}
