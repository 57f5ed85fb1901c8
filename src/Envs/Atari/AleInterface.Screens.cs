using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Atari;

/// <summary>
/// The screen in ALE's three formats. Grayscale and RGB apply <see cref="Palette.GrayTable"/> and
/// <see cref="Palette.RgbTable"/> to every byte, as getScreenGrayscale/getScreenRGB do; they run once per agent step
/// for 33,600 pixels, so they are written for speed (a plain per-byte loop costs a third of an emulated frame).
/// </summary>
public sealed partial class AleInterface
{
    /// <summary><see cref="Palette.RgbTable"/> as one little-endian word per pixel value (R | G &lt;&lt; 8 | B &lt;&lt; 16).</summary>
    private static readonly uint[] RgbWords = BuildRgbWords();

    /// <inheritdoc />
    public void GetScreen(Span<byte> indices)
    {
        var screen = _machine.Tia.Screen;
        if (indices.Length < screen.Length) throw ScreenBufferTooSmall(nameof(indices), indices.Length, screen.Length);
        screen.CopyTo(indices);
    }

    /// <inheritdoc />
    public void GetScreenGrayscale(Span<byte> gray)
    {
        var screen = _machine.Tia.Screen;
        if (gray.Length < screen.Length) throw ScreenBufferTooSmall(nameof(gray), gray.Length, screen.Length);
        ToGray(screen, gray);
    }

    /// <inheritdoc />
    public void GetScreenRgb(Span<byte> rgb)
    {
        var screen = _machine.Tia.Screen;
        if (rgb.Length < 3 * screen.Length) throw ScreenBufferTooSmall(nameof(rgb), rgb.Length, 3 * screen.Length);
        ToRgb(screen, rgb);
    }

    /// <summary>gray[i] = GrayTable[indices[i]]; 64 pixels per step where AVX-512 VBMI byte permutes exist.</summary>
    internal static void ToGray(ReadOnlySpan<byte> indices, Span<byte> gray)
    {
        ReadOnlySpan<byte> table = Palette.GrayTable;
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
    /// Three bytes per pixel. Each pixel is written as a 4-byte word whose fourth byte the next pixel overwrites, so one
    /// load and one store per pixel; the last pixel is written byte by byte to stay inside the buffer.
    /// </summary>
    internal static void ToRgb(ReadOnlySpan<byte> indices, Span<byte> rgb)
    {
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
        ReadOnlySpan<byte> rgb = Palette.RgbTable;
        var words = new uint[256];
        for (int v = 0; v < 256; v++) words[v] = rgb[3 * v] | ((uint)rgb[3 * v + 1] << 8) | ((uint)rgb[3 * v + 2] << 16);
        return words;
    }

    private static ArgumentException ScreenBufferTooSmall(string name, int length, int needed) =>
        new($"The buffer holds {length} bytes but the screen needs {needed} ({Tia.ScreenHeight}x{Tia.ScreenWidth}" +
            (needed > Tia.ScreenHeight * Tia.ScreenWidth ? "x3" : "") + ").", name);
}
