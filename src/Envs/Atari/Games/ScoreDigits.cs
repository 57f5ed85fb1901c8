namespace Rims.Envs.Atari.Games;

/// <summary>
/// Decoding of on-screen scores from RIOT RAM, shared by every game (ALE-NOTES A.7). RAM spans are the 128 bytes
/// $80..$FF; addresses are given as 6507 addresses ($80..$FF) and masked to an index, as ALE does.
/// </summary>
public static class ScoreDigits
{
    /// <summary>The RAM byte at 6507 address <paramref name="address"/> ($80..$FF; masked with 0x7F).</summary>
    public static int At(ReadOnlySpan<byte> ram, int address) => ram[address & 0x7F];

    /// <summary>Two packed decimal digits: 10 * high nibble + low nibble. Nibbles above 9 are not checked (ALE does not either).</summary>
    public static int Bcd(int value) => 10 * ((value >> 4) & 15) + (value & 15);

    /// <summary>A one-byte BCD score at <paramref name="low"/>.</summary>
    public static int Bcd(ReadOnlySpan<byte> ram, int low) => Bcd(At(ram, low));

    /// <summary>A two-byte BCD score: <paramref name="low"/> holds units/tens, <paramref name="mid"/> hundreds/thousands.</summary>
    public static int Bcd(ReadOnlySpan<byte> ram, int low, int mid) => Bcd(At(ram, low)) + 100 * Bcd(At(ram, mid));

    /// <summary>A three-byte BCD score (six digits); <paramref name="high"/> holds the ten-thousands and hundred-thousands.</summary>
    public static int Bcd(ReadOnlySpan<byte> ram, int low, int mid, int high) =>
        Bcd(ram, low, mid) + 10000 * Bcd(At(ram, high));

    /// <summary>
    /// A single digit nibble in which the value 10 stands for 0. Some games store a blank (leading) digit as 10
    /// (it indexes a blank glyph), and ALE reads it as zero.
    /// </summary>
    public static int TenAsZero(int nibble) => nibble == 10 ? 0 : nibble;
}
