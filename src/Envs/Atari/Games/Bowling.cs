namespace Rims.Envs.Atari.Games;

/// <summary>Bowling (Atari, 1978). BCD score from $A1 (low) and $A6 (high); the game ends after the last frame; no lives.</summary>
public sealed class Bowling : RamGame
{
    /// <summary>Creates Bowling's settings.</summary>
    public Bowling() : base(new GameInfo
    {
        RomName = "bowling", Name = "Bowling", Md5 = "c9b7afad3bfd922e006a6bfc1d4f3fe7", CartridgeType = "2K",
        MinimalActions = ActionSets.Of(0, 1, 2, 5, 10, 13), Modes = [0, 2, 4], Difficulties = [0, 1],
        ModeSelect = new(0x82, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xA1, 0xA6));
        // $A4 is the frame counter; it passes $10 after the tenth frame.
        Terminal = Ram(ram, 0xA4) > 0x10;
    }
}
