using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Atari;

/// <summary>
/// The screen in ALE's three formats: palette indices, and through <see cref="Palette.ToGray"/> and
/// <see cref="Palette.ToRgb"/> grayscale and RGB, as getScreenGrayscale/getScreenRGB.
/// </summary>
public sealed partial class AleInterface
{
    /// <inheritdoc />
    public void GetScreen(Span<byte> indices)
    {
        var screen = machine.Tia.Screen;
        if (indices.Length < screen.Length) throw ScreenBufferTooSmall(nameof(indices), indices.Length, screen.Length);
        screen.CopyTo(indices);
    }

    /// <inheritdoc />
    public void GetScreenGrayscale(Span<byte> gray)
    {
        var screen = machine.Tia.Screen;
        if (gray.Length < screen.Length) throw ScreenBufferTooSmall(nameof(gray), gray.Length, screen.Length);
        Palette.ToGray(screen, gray);
    }

    /// <inheritdoc />
    public void GetScreenRgb(Span<byte> rgb)
    {
        var screen = machine.Tia.Screen;
        if (rgb.Length < 3 * screen.Length) throw ScreenBufferTooSmall(nameof(rgb), rgb.Length, 3 * screen.Length);
        Palette.ToRgb(screen, rgb);
    }

    private static ArgumentException ScreenBufferTooSmall(string name, int length, int needed) =>
        new($"The buffer holds {length} bytes but the screen needs {needed} ({Tia.ScreenHeight}x{Tia.ScreenWidth}" +
            (needed > Tia.ScreenHeight * Tia.ScreenWidth ? "x3" : "") + ").", name);
}
