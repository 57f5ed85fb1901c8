namespace Rims.Envs.Atari.Games;

/// <summary>Atlantis (Imagic, 1982). Score = 100 x six BCD digits; $F1 holds lives ($FF = game over).</summary>
public sealed class Atlantis : RamGame
{
    /// <summary>Creates Atlantis' settings.</summary>
    public Atlantis() : base(new GameInfo
    {
        RomName = "atlantis", Name = "Atlantis", Md5 = "9ad36e699ef6f45d9eb6c4cf90475c9f", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 11, 12), Modes = [0, 1, 2, 3],
        InitialLives = 6, ModeSelect = new(0x8D, HoldFrames: 2),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int old = Score;
        UpdateScore(100 * ScoreDigits.Bcd(ram, 0xA2, 0xA3, 0xA1));
        int lives = Ram(ram, 0xF1);
        Terminal = lives == 0xFF;
        // On the game-over frame $A1 gets garbage; no points can be scored then, so keep the old score.
        if (Terminal)
        {
            Reward = 0;
            Score = old;
        }
        SetLives(lives);
    }
}
