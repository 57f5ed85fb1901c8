namespace Rims.Envs.Atari.Games;

/// <summary>Name This Game (Octopus; US Games/Carrere, 1982). Six-digit BCD score; lives in the low bits of $C7.</summary>
public sealed class NameThisGame : RamGame
{
    /// <summary>Creates Name This Game's settings.</summary>
    public NameThisGame() : base(new GameInfo
    {
        RomName = "name_this_game", Name = "NameThisGame", Md5 = "36306070f0c90a72461551a7a4f3a209", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 3, 4, 11, 12), Modes = [0x08, 0x18, 0x28], Difficulties = [0, 1],
        InitialLives = 3,
        ModeSelect = new(0xDE, HoldFrames: 2), // the byte cycles through many values: 134 presses at every reset, as in ALE
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xC6, 0xC5, 0xC4));
        int lives = Ram(ram, 0xC7) & 7;
        Terminal = lives == 0;
        SetLives(lives);
    }
}
