namespace Rims.Envs.Atari.Games;

/// <summary>Kangaroo (Atari, 1983). Score = 100 x four BCD digits; lives - 1 in the low bits of $AD ($FF = game over).</summary>
public sealed class Kangaroo : RamGame
{
    /// <summary>Creates Kangaroo's settings.</summary>
    public Kangaroo() : base(new GameInfo
    {
        RomName = "kangaroo", Name = "Kangaroo", Md5 = "4326edb70ff20d0ee5ba58fa5cb09d60", CartridgeType = "F8",
        MinimalActions = ActionSets.All, Modes = [0, 1],
        InitialLives = 3, ModeSelect = new(0xBA, HoldFrames: 2, TitleScreenOffset: 0x80),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(100 * ScoreDigits.Bcd(ram, 0xA8, 0xA7));
        int livesByte = Ram(ram, 0xAD);
        Terminal = livesByte == 0xFF;
        SetLives((livesByte & 7) + 1);
    }
}
