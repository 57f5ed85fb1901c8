namespace Rims.Envs.Atari.Games;

/// <summary>Private Eye (Activision, 1983). Six-digit BCD score starting at 1000; no lives; a timer ends the game.</summary>
public sealed class PrivateEye : RamGame
{
    /// <summary>Creates Private Eye's settings.</summary>
    public PrivateEye() : base(new GameInfo
    {
        RomName = "private_eye", Name = "PrivateEye", Md5 = "ef3a4f64b6494ba770862768caf04b86", CartridgeType = "F8",
        MinimalActions = ActionSets.All, Modes = [0, 1, 2, 3, 4], Difficulties = [0, 1, 2, 3],
        StartingActions = [AleAction.Up],
        ModeSelect = new(0x80, HoldFrames: 2),
    })
    { }

    /// <inheritdoc />
    protected override int InitialScore => 1000;

    /// <summary>Reads score and terminal after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xCA, 0xC9, 0xC8));
        // $C2 is 0 while the game runs and 1 at its start; anything else is the end-of-game screen.
        int timer = Ram(ram, 0xC2);
        Terminal = timer != 0 && timer != 1;
    }
}
