using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rims.Envs.Atari;

/// <summary>
/// ALE's NTSC palette (the "standard" NTSC palette ALE selects for NTSC carts) and its grayscale values
/// (ALE-NOTES part b; data as dumped from ALE 0.12.1 into ale-traces/ntsc_palette.txt).
/// A pixel value is a TIA colour byte: high nibble = hue, bits 3..1 = luminance, bit 0 unused (0 on normal frames).
/// <see cref="Colors"/> and <see cref="Grays"/> have 128 entries indexed by <c>value &gt;&gt; 1</c>;
/// <see cref="RgbTable"/> and <see cref="GrayTable"/> have 256 entries indexed by the raw pixel byte and also give ALE's
/// results for odd values.
/// </summary>
public static class Palette
{
    /// <summary>Number of distinct NTSC colours (even pixel values 0..254).</summary>
    public const int ColorCount = 128;

    // 0xRRGGBB of pixel value 2i at index i: 16 hues x 8 luminances.
    private static readonly uint[] PackedRgb =
    [
        0x000000, 0x4A4A4A, 0x6F6F6F, 0x8E8E8E, 0xAAAAAA, 0xC0C0C0, 0xD6D6D6, 0xECECEC,
        0x484800, 0x69690F, 0x86861D, 0xA2A22A, 0xBBBB35, 0xD2D240, 0xE8E84A, 0xFCFC54,
        0x7C2C00, 0x904811, 0xA26221, 0xB47A30, 0xC3903D, 0xD2A44A, 0xDFB755, 0xECC860,
        0x901C00, 0xA33915, 0xB55328, 0xC66C3A, 0xD5824A, 0xE39759, 0xF0AA67, 0xFCBC74,
        0x940000, 0xA71A1A, 0xB83232, 0xC84848, 0xD65C5C, 0xE46F6F, 0xF08080, 0xFC9090,
        0x840064, 0x97197A, 0xA8308F, 0xB846A2, 0xC659B3, 0xD46CC3, 0xE07CD2, 0xEC8CE0,
        0x500084, 0x68199A, 0x7D30AD, 0x9246C0, 0xA459D0, 0xB56CE0, 0xC57CEE, 0xD48CFC,
        0x140090, 0x331AA3, 0x4E32B5, 0x6848C6, 0x7F5CD5, 0x956FE3, 0xA980F0, 0xBC90FC,
        0x000094, 0x181AA7, 0x2D32B8, 0x4248C8, 0x545CD6, 0x656FE4, 0x7580F0, 0x8490FC,
        0x001C88, 0x183B9D, 0x2D57B0, 0x4272C2, 0x548AD2, 0x65A0E1, 0x75B5EF, 0x84C8FC,
        0x003064, 0x185080, 0x2D6D98, 0x4288B0, 0x54A0C5, 0x65B7D9, 0x75CCEB, 0x84E0FC,
        0x004030, 0x18624E, 0x2D8169, 0x429E82, 0x54B899, 0x65D1AE, 0x75E7C2, 0x84FCD4,
        0x004400, 0x1A661A, 0x328432, 0x48A048, 0x5CBA5C, 0x6FD26F, 0x80E880, 0x90FC90,
        0x143C00, 0x355F18, 0x527E2D, 0x6E9C42, 0x87B754, 0x9ED065, 0xB4E775, 0xC8FC84,
        0x303800, 0x505916, 0x6D762B, 0x88923E, 0xA0AB4F, 0xB7C25F, 0xCCD86E, 0xE0EC7C,
        0x482C00, 0x694D14, 0x866A26, 0xA28638, 0xBB9F47, 0xD2B656, 0xE8CC63, 0xFCE070,
    ];

    // ALE's grayscale of pixel value 2i at index i: round(0.2989 R + 0.5870 G + 0.1140 B), half away from zero.
    private static readonly byte[] GrayValues =
    [
        0, 74, 111, 142, 170, 192, 214, 236,
        64, 95, 122, 148, 172, 193, 214, 233,
        63, 87, 110, 131, 150, 167, 184, 199,
        59, 85, 107, 129, 148, 167, 183, 199,
        44, 68, 90, 110, 128, 146, 161, 176,
        51, 74, 95, 115, 132, 149, 164, 178,
        39, 63, 85, 107, 125, 143, 159, 174,
        22, 49, 73, 96, 116, 136, 153, 169,
        17, 41, 64, 85, 104, 121, 137, 153,
        32, 60, 85, 109, 130, 150, 168, 186,
        40, 69, 95, 120, 141, 162, 182, 200,
        43, 74, 101, 127, 151, 173, 193, 212,
        40, 71, 98, 124, 147, 169, 189, 207,
        41, 74, 104, 132, 157, 181, 203, 223,
        47, 79, 107, 133, 157, 179, 200, 220,
        47, 79, 107, 133, 157, 179, 200, 220,
    ];

    private static readonly byte[] Rgb256 = BuildRgbTable();
    private static readonly byte[] Gray256 = BuildGrayTable();
    // RgbTable as one little-endian word per pixel value (R | G << 8 | B << 16), for ToRgb's one-store-per-pixel loop.
    private static readonly uint[] RgbWords = BuildRgbWords();

    /// <summary>The 128 colours as 0xRRGGBB, indexed by <c>pixel value &gt;&gt; 1</c>.</summary>
    public static ReadOnlySpan<uint> Colors => PackedRgb;

    /// <summary>The 128 grayscale values of <c>getScreenGrayscale()</c>, indexed by <c>pixel value &gt;&gt; 1</c>.</summary>
    public static ReadOnlySpan<byte> Grays => GrayValues;

    /// <summary>
    /// 256 x 3 bytes (R, G, B) indexed by the raw pixel byte, as ALE's <c>getScreenRGB()</c> converts it. For even
    /// values this is the colour; for odd values (only in ALE's greyed-out partial frames) it is the gray triple of
    /// value - 1, because ALE's 256-slot table stores that gray in the odd slot.
    /// </summary>
    public static ReadOnlySpan<byte> RgbTable => Rgb256;

    /// <summary>
    /// 256 bytes indexed by the raw pixel byte, as ALE's <c>getScreenGrayscale()</c> converts it: the gray of the colour
    /// for even values; for odd values the blue component of colour value + 1 (ALE reads the low byte of the next
    /// slot). For 255, whose next slot is past ALE's table, we use colour 0's blue (0); it never occurs in practice.
    /// </summary>
    public static ReadOnlySpan<byte> GrayTable => Gray256;

    /// <summary>Red, green and blue of pixel value <paramref name="value"/> (bit 0 ignored).</summary>
    public static (byte R, byte G, byte B) Rgb(byte value)
    {
        uint c = PackedRgb[value >> 1];
        return ((byte)(c >> 16), (byte)(c >> 8), (byte)c);
    }

    /// <summary>ALE's grayscale of pixel value <paramref name="value"/> (bit 0 ignored; see <see cref="GrayTable"/> for odd values).</summary>
    public static byte Gray(byte value) => GrayValues[value >> 1];

    /// <summary>ALE's luminance formula: round(0.2989 R + 0.5870 G + 0.1140 B), rounding halves away from zero.</summary>
    public static byte Luminance(byte r, byte g, byte b) =>
        (byte)Math.Round(0.2989 * r + 0.5870 * g + 0.1140 * b, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Grayscale bytes, as <c>getScreenGrayscale()</c>: gray[i] = GrayTable[indices[i]]. This and <see cref="ToRgb"/> run
    /// once per agent step over 33,600 pixels, so they are written for speed (a plain per-byte loop costs a third of an
    /// emulated frame).
    /// </summary>
    /// <remarks>64 pixels per step where AVX-512 VBMI byte permutes exist.</remarks>
    public static void ToGray(ReadOnlySpan<byte> indices, Span<byte> gray)
    {
        if (gray.Length < indices.Length) throw new ArgumentException("Need 1 byte per pixel.", nameof(gray));
        ReadOnlySpan<byte> table = GrayTable;
        ref byte src = ref MemoryMarshal.GetReference(indices);
        ref byte dst = ref MemoryMarshal.GetReference(gray);
        int n = indices.Length, i = 0;
        if (Avx512Vbmi.IsSupported && n >= 64)
        {
            // Two 128-entry lookups (pixel bit 7 clear / set), each a two-register byte permute on the low 7 bits.
            ref byte t = ref MemoryMarshal.GetReference(table);
            var low0 = Vector512.LoadUnsafe(ref t, 0);
            var low1 = Vector512.LoadUnsafe(ref t, 64);
            var high0 = Vector512.LoadUnsafe(ref t, 128);
            var high1 = Vector512.LoadUnsafe(ref t, 192);
            for (; i <= n - 64; i += 64)
            {
                var index = Vector512.LoadUnsafe(ref src, (nuint)i);
                var low = Avx512Vbmi.PermuteVar64x8x2(low0, index, low1);
                var high = Avx512Vbmi.PermuteVar64x8x2(high0, index, high1);
                var upper = Vector512.ShiftRightArithmetic(index.AsSByte(), 7).AsByte();
                Vector512.ConditionalSelect(upper, high, low).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) = table[Unsafe.Add(ref src, i)];
    }

    /// <summary>
    /// Interleaved RGB, three bytes per pixel, as <c>getScreenRGB()</c>. Each pixel is written as a 4-byte word whose fourth byte the next pixel overwrites, so one
    /// load and one store per pixel; the last pixel is written byte by byte to stay inside the buffer.
    /// </summary>
    public static void ToRgb(ReadOnlySpan<byte> indices, Span<byte> rgb)
    {
        if (rgb.Length < 3 * indices.Length) throw new ArgumentException("Need 3 bytes per pixel.", nameof(rgb));
        int n = indices.Length;
        if (n == 0) return;
        ref uint words = ref MemoryMarshal.GetArrayDataReference(RgbWords); // 256 entries: any byte indexes it
        ref byte src = ref MemoryMarshal.GetReference(indices);
        ref byte dst = ref MemoryMarshal.GetReference(rgb);
        int i = 0;
        for (; i < n - 4; i += 4)
        {
            ref byte d = ref Unsafe.Add(ref dst, 3 * i);
            Unsafe.WriteUnaligned(ref d, Unsafe.Add(ref words, Unsafe.Add(ref src, i)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 3), Unsafe.Add(ref words, Unsafe.Add(ref src, i + 1)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 6), Unsafe.Add(ref words, Unsafe.Add(ref src, i + 2)));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 9), Unsafe.Add(ref words, Unsafe.Add(ref src, i + 3)));
        }
        for (; i < n - 1; i++) Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, 3 * i), Unsafe.Add(ref words, Unsafe.Add(ref src, i)));
        uint last = Unsafe.Add(ref words, Unsafe.Add(ref src, n - 1));
        Unsafe.Add(ref dst, 3 * n - 3) = (byte)last;
        Unsafe.Add(ref dst, 3 * n - 2) = (byte)(last >> 8);
        Unsafe.Add(ref dst, 3 * n - 1) = (byte)(last >> 16);
    }

    private static uint[] BuildRgbWords()
    {
        ReadOnlySpan<byte> rgb = RgbTable;
        var words = new uint[256];
        for (int v = 0; v < 256; v++) words[v] = rgb[3 * v] | ((uint)rgb[3 * v + 1] << 8) | ((uint)rgb[3 * v + 2] << 16);
        return words;
    }

    private static byte[] BuildRgbTable()
    {
        var table = new byte[256 * 3];
        for (int v = 0; v < 256; v++)
        {
            if ((v & 1) == 0)
            {
                uint c = PackedRgb[v >> 1];
                table[3 * v] = (byte)(c >> 16);
                table[3 * v + 1] = (byte)(c >> 8);
                table[3 * v + 2] = (byte)c;
            }
            else
            {
                byte g = GrayValues[v >> 1];
                table[3 * v] = table[3 * v + 1] = table[3 * v + 2] = g;
            }
        }
        return table;
    }

    private static byte[] BuildGrayTable()
    {
        var table = new byte[256];
        for (int v = 0; v < 256; v++)
            table[v] = (v & 1) == 0 ? GrayValues[v >> 1] : (byte)PackedRgb[((v + 1) & 0xFF) >> 1];
        return table;
    }
}
