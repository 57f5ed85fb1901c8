using System.Globalization;
using Rims.Envs.Atari;
using Rims.Envs.Tests.Atari.Games;

namespace Rims.Envs.Tests.Atari;

/// <summary>ALE's NTSC palette and grayscale values (ALE-NOTES part b).</summary>
public class PaletteTests
{
    [Theory]
    [InlineData(0x00, 0, 0, 0, 0)]
    [InlineData(0x02, 74, 74, 74, 74)]
    [InlineData(0x04, 111, 111, 111, 111)]
    [InlineData(0x0E, 236, 236, 236, 236)]
    [InlineData(0x1E, 252, 252, 84, 233)]
    [InlineData(0x40, 148, 0, 0, 44)]
    [InlineData(0xFA, 210, 182, 86, 179)]
    [InlineData(0xFC, 232, 204, 99, 200)]
    [InlineData(0xFE, 252, 224, 112, 220)]
    public void SpotValues(int value, int r, int g, int b, int gray)
    {
        Assert.Equal(((byte)r, (byte)g, (byte)b), Palette.Rgb((byte)value));
        Assert.Equal(gray, Palette.Gray((byte)value));
        Assert.Equal((uint)((r << 16) | (g << 8) | b), Palette.Colors[value >> 1]);
        Assert.Equal(gray, Palette.GrayTable[value]);
        Assert.Equal([(byte)r, (byte)g, (byte)b], Palette.RgbTable.Slice(3 * value, 3).ToArray());
    }

    [Fact]
    public void MatchesAlesDumpForAllColours()
    {
        int rows = 0;
        foreach (var line in File.ReadLines(TestData.File(TestData.TracesDirectory, "ntsc_palette.txt")))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int v = int.Parse(f[0], CultureInfo.InvariantCulture);
            var (r, g, b) = Palette.Rgb((byte)v);
            Assert.Equal(int.Parse(f[2], CultureInfo.InvariantCulture), r);
            Assert.Equal(int.Parse(f[3], CultureInfo.InvariantCulture), g);
            Assert.Equal(int.Parse(f[4], CultureInfo.InvariantCulture), b);
            Assert.Equal(int.Parse(f[5], CultureInfo.InvariantCulture), Palette.Gray((byte)v));
            rows++;
        }
        Assert.Equal(Palette.ColorCount, rows);
    }

    [Fact]
    public void GrayIsAlesRoundedLuminance()
    {
        for (int i = 0; i < Palette.ColorCount; i++)
        {
            var (r, g, b) = Palette.Rgb((byte)(2 * i));
            Assert.Equal(Palette.Grays[i], Palette.Luminance(r, g, b));
        }
    }

    [Fact]
    public void OddValuesFollowAlesTableLayout()
    {
        // Odd value v: RGB = gray triple of v-1; grayscale = blue of colour v+1.
        Assert.Equal([74, 74, 74], Palette.RgbTable.Slice(3 * 3, 3).ToArray());
        Assert.Equal(111, Palette.GrayTable[3]);
        Assert.Equal(74, Palette.GrayTable[1]);
        Assert.Equal(Palette.Colors[0x20 >> 1] & 0xFF, Palette.GrayTable[0x1F]);
    }

    [Fact]
    public void ScreenConversions()
    {
        byte[] screen = [0x00, 0x1E, 0xFE];
        var rgb = new byte[9];
        var gray = new byte[3];
        Palette.ToRgb(screen, rgb);
        Palette.ToGray(screen, gray);
        Assert.Equal([0, 0, 0, 252, 252, 84, 252, 224, 112], rgb);
        Assert.Equal([0, 233, 220], gray);
    }
}
