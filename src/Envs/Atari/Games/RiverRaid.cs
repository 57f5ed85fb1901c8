namespace Rims.Envs.Atari.Games;

/// <summary>River Raid (Activision, 1982). Score digits stored as glyph offsets (digit x 8); lives coded in $C0.</summary>
/// <remarks>Name is ALE's env name "Riverraid" (from the ROM id riverraid), not "RiverRaid".</remarks>
public sealed class RiverRaid : RamGame
{
    // Hundred-thousands .. units digit bytes.
    private static readonly int[] DigitAddresses = [0xCD, 0xCF, 0xD1, 0xD3, 0xD5, 0xD7];

    // $C0 reads $58 at the start of a game and $59 on the last life; the step from $59 back to $58 is the game over.
    private const int StartByte = 0x58, LastLifeByte = 0x59;

    private int previousLivesByte;

    /// <summary>Creates River Raid's settings.</summary>
    public RiverRaid() : base(new GameInfo
    {
        RomName = "riverraid", Name = "Riverraid", Md5 = "393948436d1f4cc3192410bb918f9724", CartridgeType = "4K",
        MinimalActions = ActionSets.All, Difficulties = [0, 1],
        InitialLives = 4,
    })
    { }

    /// <inheritdoc />
    protected override void ResetState() => previousLivesByte = StartByte;

    /// <summary>Reads score, terminal and lives after one frame.</summary>
    public override void Step(ReadOnlySpan<byte> ram)
    {
        int score = 0;
        foreach (int address in DigitAddresses)
        {
            int b = Ram(ram, address);
            // Blank leading digits (and anything that is not digit * 8) read as 0.
            int digit = b % 8 == 0 && b <= 72 ? b / 8 : 0;
            score = 10 * score + digit;
        }
        UpdateScore(score);

        int livesByte = Ram(ram, 0xC0);
        Terminal = livesByte == StartByte && previousLivesByte == LastLifeByte;
        previousLivesByte = livesByte;
        int lives = livesByte switch
        {
            StartByte => 4,
            LastLifeByte => 1,
            _ => livesByte / 8 + 1,
        };
        SetLives(lives);
    }
}
