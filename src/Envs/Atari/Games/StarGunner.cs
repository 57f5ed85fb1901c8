namespace Rims.Envs.Atari.Games;

/// <summary>Star Gunner (Telesys, 1982). Score = 100 x four digit nibbles (10 = blank); $87 holds lives.</summary>
public sealed class StarGunner : RamGame
{
    // $87 shows 6 on the title screen; lives are read from it only once it has shown the starting 5.
    private bool started;

    /// <summary>Creates Star Gunner's settings.</summary>
    public StarGunner() : base(new GameInfo
    {
        RomName = "star_gunner", Name = "StarGunner", Md5 = "a3c1c70024d7aabb41381adbfb6d3b25", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Modes = [0, 1, 2, 3],
        InitialLives = 5, ModeSelect = new(0xF4, HoldFrames: 15),
    })
    { }

    /// <inheritdoc />
    protected override void ResetState() => started = false;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int score = 0;
        for (int address = 0x86; address >= 0x83; address--)
            score = 10 * score + ScoreDigits.TenAsZero(Ram(ram, address) & 15);
        UpdateScore(100 * score);
        int livesByte = Ram(ram, 0x87);
        Terminal = livesByte == 0;
        if (livesByte == 5) started = true;
        SetLives(started ? livesByte & 15 : 5);
    }
}
