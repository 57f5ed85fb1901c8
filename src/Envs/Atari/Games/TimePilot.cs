namespace Rims.Envs.Atari.Games;

/// <summary>Time Pilot (Coleco, 1983). Score = 100 x four BCD digits; lives read from $8B only while $80 shows play.</summary>
public sealed class TimePilot : RamGame
{
    /// <summary>Creates Time Pilot's settings.</summary>
    public TimePilot() : base(new GameInfo
    {
        RomName = "time_pilot", Name = "TimePilot", Md5 = "fc2104dd2dadf9a6176c1c1c8f87ced9", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 5, 10, 11, 12, 13), Difficulties = [0, 1, 2],
        InitialLives = 5,
    })
    { }

    // The tracked life count, kept while $8B holds other data.
    private int lives;

    /// <inheritdoc />
    protected override void ResetState() => lives = InitialLives;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(100 * ScoreDigits.Bcd(ram, 0x8D, 0x8F));
        // $8B holds the lives only in the game's play state (low nibble of $80 = 2).
        if ((Ram(ram, 0x80) & 15) == 2) lives = (Ram(ram, 0x8B) & 7) + 1;
        Terminal = Ram(ram, 0xA0) != 0;
        SetLives(lives);
    }
}
