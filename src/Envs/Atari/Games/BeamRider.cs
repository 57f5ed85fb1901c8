namespace Rims.Envs.Atari.Games;

/// <summary>Beam Rider (Activision, 1983). Six-digit BCD score; $85 holds lives - 1 ($FF after the last).</summary>
public sealed class BeamRider : RamGame
{
    // The tracked life count (ALE's m_lives), kept apart from the reported Lives, which is 0 once terminal.
    private int lives;

    /// <summary>Creates Beam Rider's settings.</summary>
    public BeamRider() : base(new GameInfo
    {
        RomName = "beam_rider", Name = "BeamRider", Md5 = "79ab4123a83dc11d468fb2108ea09e2e", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 6, 7, 11, 12), Difficulties = [0, 1],
        StartingActions = [AleAction.Right],
        InitialLives = 3,
    })
    { }

    /// <inheritdoc />
    protected override void ResetState() => lives = InitialLives;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0x89, 0x8A, 0x8B));
        int shown = Ram(ram, 0x85);
        Terminal = shown == 0xFF;
        int lives = shown + 1;
        // The byte drops a moment before the ship is really lost; a loss of one life is only taken on the frame
        // where $8C reads 1, any other change (new game, bonus life) at once.
        if (lives != this.lives - 1 || Ram(ram, 0x8C) == 1) this.lives = lives;
        SetLives(this.lives);
    }
}
