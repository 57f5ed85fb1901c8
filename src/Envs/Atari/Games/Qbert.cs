namespace Rims.Envs.Atari.Games;

/// <summary>Q*bert (Parker Brothers/Atari). Six-digit BCD score; lives counted from decrements of signed $88.</summary>
public sealed class Qbert : RamGame
{
    // Q*bert has no plain lives byte: $88 counts down through the lives and then shows end-of-game markers, so lives
    // are tracked by watching it step down by one.
    private int lives;
    private int previous;

    /// <summary>Creates Q*bert's settings.</summary>
    public Qbert() : base(new GameInfo
    {
        RomName = "qbert", Name = "Qbert", Md5 = "484b0076816a104875e00467d431c2d2", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 5), Difficulties = [0, 1],
        InitialLives = 4,
    })
    { }

    /// <inheritdoc />
    protected override void ResetState()
    {
        lives = 4;
        previous = 2;
    }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int livesValue = (sbyte)(byte)Ram(ram, 0x88);
        Terminal = livesValue == -2 || (livesValue == 2 && previous == -1);
        if (livesValue == previous - 1) lives--;
        previous = livesValue;

        // The score bytes are cleared on the game-over frame; that frame reports no reward and keeps the score.
        if (Terminal) Reward = 0;
        else UpdateScore(ScoreDigits.Bcd(ram, 0xDB, 0xDA, 0xD9));
        SetLives(lives);
    }
}
