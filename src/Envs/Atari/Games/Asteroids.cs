namespace Rims.Envs.Atari.Games;

/// <summary>Asteroids (Atari). Score = 10 x four BCD digits (wraps at 100000); lives in $BC's high nibble. No HMOVE blanking.</summary>
public sealed class Asteroids : RamGame
{
    /// <summary>Creates Asteroids' settings.</summary>
    public Asteroids() : base(new GameInfo
    {
        RomName = "asteroids", Name = "Asteroids", Md5 = "ccbd36746ed4525821a8083b0d6d2c2c", CartridgeType = "F8",
        MinimalActions = ActionSets.Of(0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15),
        Modes = AllModes(), Difficulties = [0, 3],
        InitialLives = 4, ModeSelect = new(0x80, HoldFrames: 2),
    })
    { }

    /// <summary>Stella's property table: HmoveBlanks=NO.</summary>
    public override bool HmoveBlanks => false;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        UpdateScore(10 * ScoreDigits.Bcd(ram, 0xBE, 0xBD));
        // The display has five digits and a trailing 0; past 99990 it wraps to 0.
        if (Reward < 0) Reward += 100000;
        int lives = Ram(ram, 0xBC) >> 4;
        Terminal = lives == 0;
        SetLives(lives);
    }

    // Modes 0..31 plus the children's mode $80.
    private static int[] AllModes()
    {
        var modes = new int[33];
        for (int i = 0; i < 32; i++) modes[i] = i;
        modes[32] = 0x80;
        return modes;
    }
}
