namespace Rims.Envs.Atari.Games;

/// <summary>Assault (Bomb, 1983). Six-digit BCD score; $E5 holds lives.</summary>
public sealed class Assault : RamGame
{
    /// <summary>Creates Assault's settings.</summary>
    public Assault() : base(new GameInfo
    {
        RomName = "assault", Name = "Assault", Md5 = "de78b3a064d374390ac0710f95edde92", CartridgeType = "4K",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 11, 12),
        InitialLives = 4,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(ScoreDigits.Bcd(ram, 0x82, 0x81, 0x80));
        int lives = Ram(ram, 0xE5);
        Terminal = lives == 0;
        SetLives(lives);
    }
}
