namespace Rims.Envs.Atari.Games;

/// <summary>Alien (20th Century Fox, 1982). Score digits stored as glyph offsets; lives in the low nibble of $C0.</summary>
public sealed class Alien : RamGame
{
    // Units .. ten-thousands digit bytes of the (ten-times) score.
    private static readonly int[] DigitAddresses = [0x8B, 0x89, 0x87, 0x85, 0x83];

    /// <summary>Creates Alien's settings.</summary>
    public Alien() : base(new GameInfo
    {
        RomName = "alien", Name = "Alien", Md5 = "f1a0a23e6464d954e3a9579c4ccd01c8", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Modes = [0, 1, 2, 3], Difficulties = [0, 1, 2, 3],
        InitialLives = 3,
    })
    { }

    /// <summary>Reads score, terminal and lives after one frame (lives are not forced to 0 at the end).</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int score = 0;
        for (int i = DigitAddresses.Length - 1; i >= 0; i--)
        {
            // Each digit byte is a pointer offset of digit * 8; $80 is a blank (leading) digit.
            int b = Ram(ram, DigitAddresses[i]);
            score = 10 * score + (b == 0x80 ? 0 : b >> 3);
        }
        UpdateScore(10 * score);
        int lives = Ram(ram, 0xC0) & 15;
        Terminal = lives == 0;
        Lives = lives;
    }

    /// <summary>Presses SELECT (1 frame) until $81 shows the mode, soft-resets, and reloads lives from $C0.</summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        PressSelectUntil(console, 0x81, mode, 1);
        Lives = console.Ram[0xC0 & 0x7F] & 15;
        console.SoftReset();
    }
}
