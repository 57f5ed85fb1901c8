namespace Rims.Envs.Atari.Games;

/// <summary>James Bond 007 (Parker Brothers, 1983). Six-digit BCD score; lives in the low nibble of $86.</summary>
/// <remarks>Name is ALE's env name "Jamesbond" (from the ROM id jamesbond).</remarks>
public sealed class JamesBond : RamGame
{
    /// <summary>Creates James Bond's settings.</summary>
    public JamesBond() : base(new GameInfo
    {
        RomName = "jamesbond", Name = "Jamesbond", Md5 = "e51030251e440cffaab1ac63438b44ae", CartridgeType = "E0",
        MinimalActions = ActionSets.All, Modes = [0, 1],
        InitialLives = 6, ModeSelect = new(0x8C, HoldFrames: 20, TitleScreenOffset: 0x48),
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0xDC, 0xDD, 0xDE));
        int reserve = Ram(ram, 0x86) & 15;
        Terminal = reserve == 0 && Ram(ram, 0x8C) == 0x68;
        SetLives(reserve + 1);
    }
}
