namespace Rims.Envs.Atari.Games;

/// <summary>Chopper Command (Activision, 1982). Score = 100 x four BCD digits; lives in the low nibble of $E4.</summary>
public sealed class ChopperCommand : RamGame
{
    // $E4 reads 0 before the first game starts; only a 0 after the game has run ($C2 bit 0 seen set) ends it.
    private bool started;

    /// <summary>Creates Chopper Command's settings.</summary>
    public ChopperCommand() : base(new GameInfo
    {
        RomName = "chopper_command", Name = "ChopperCommand", Md5 = "c1cb228470a87beb5f36e90ac745da26", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Modes = [0, 2], Difficulties = [0, 1],
        InitialLives = 3, ModeSelect = new(0xE0, HoldFrames: 2),
    })
    { }

    /// <inheritdoc />
    protected override void ResetState() => started = false;

    /// <summary>Reads score, terminal and lives after one frame (lives are not forced to 0 at the end).</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(100 * ScoreDigits.Bcd(ram, 0xEE, 0xEC));
        if ((Ram(ram, 0xC2) & 1) != 0) started = true;
        int lives = Ram(ram, 0xE4) & 15;
        Terminal = started && lives == 0;
        Lives = lives;
    }
}
