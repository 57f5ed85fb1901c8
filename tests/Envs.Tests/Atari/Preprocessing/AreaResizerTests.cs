using Rims.Envs.Atari.Preprocessing;

namespace Rims.Envs.Tests.Atari.Preprocessing;

/// <summary>
/// 210x160 -> 84x84 area resizing. Rows: each output row covers 2.5 source rows, so output row 0 takes rows 0
/// and 1 at 1/2.5 = 0.4 each and row 2 at 0.5/2.5 = 0.2; output row 1 takes row 2 at 0.2 and rows 3, 4 at 0.4.
/// Columns: each output column covers 160/84 = 1.9048 source columns, so output column 0 takes column 0 at
/// 1/1.9048 = 0.525 and column 1 at 0.9048/1.9048 = 0.475; output column 1 takes column 1 at 0.0952/1.9048 = 0.05,
/// column 2 at 0.525 and column 3 at 0.425.
/// </summary>
public class AreaResizerTests
{
    private static byte[] Resize(byte[] screen, int h = 210, int w = 160, int size = 84)
    {
        var output = new byte[size * size];
        new AreaResizer(h, w, size, size).Resize(screen, output);
        return output;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(87)]
    [InlineData(254)]
    [InlineData(255)]
    public void AUniformScreenStaysUniform(byte value)
    {
        var screen = new byte[210 * 160];
        Array.Fill(screen, value);
        Assert.All(Resize(screen), b => Assert.Equal(value, b));
    }

    [Fact]
    public void ASourceRowIsSharedByTheTwoOutputRowsItStraddles()
    {
        var screen = new byte[210 * 160];
        screen.AsSpan(2 * 160, 160).Fill(100);
        var output = Resize(screen);
        for (int y = 0; y < 84; y++)
            for (int x = 0; x < 84; x++)
                Assert.Equal(y <= 1 ? 20 : 0, output[y * 84 + x]); // 100 * 0.2 in rows 0 and 1
    }

    [Fact]
    public void AWholeSourceRowInsideACellWeighsTwoFifths()
    {
        var screen = new byte[210 * 160];
        screen.AsSpan(4 * 160, 160).Fill(200);
        var output = Resize(screen);
        Assert.Equal(80, output[1 * 84]); // 200 * 0.4
        Assert.Equal(0, output[0]);
        Assert.Equal(0, output[2 * 84]);
    }

    [Fact]
    public void ASourceColumnIsSplitByTheFractionEachOutputColumnCovers()
    {
        var screen = new byte[210 * 160];
        for (int y = 0; y < 210; y++) screen[y * 160 + 1] = 200;
        var output = Resize(screen);
        for (int y = 0; y < 84; y++)
        {
            Assert.Equal(95, output[y * 84 + 0]); // 200 * 0.475
            Assert.Equal(10, output[y * 84 + 1]); // 200 * 0.05
            Assert.Equal(0, output[y * 84 + 2]);
        }
    }

    [Fact]
    public void ASinglePixelSpreadsByTheProductOfItsRowAndColumnWeights()
    {
        var screen = new byte[210 * 160];
        screen[2 * 160 + 1] = 200;
        var output = Resize(screen);
        Assert.Equal(19, output[0 * 84 + 0]); // 200 * 0.2 * 0.475
        Assert.Equal(2, output[0 * 84 + 1]);  // 200 * 0.2 * 0.05
        Assert.Equal(19, output[1 * 84 + 0]);
        Assert.Equal(2, output[1 * 84 + 1]);
        Assert.Equal(19 + 2 + 19 + 2, output.Sum(b => b)); // nothing anywhere else
    }

    [Fact]
    public void TheLastOutputPixelCoversTheBottomRightCorner()
    {
        // Output column 83 covers source columns [158.095, 160): column 158 at 0.905/1.905 = 0.475, column 159 at 0.525;
        // output row 83 covers rows [207.5, 210): row 207 at 0.2, rows 208 and 209 at 0.4.
        var screen = new byte[210 * 160];
        screen[209 * 160 + 159] = 250;
        screen[207 * 160 + 158] = 100;
        var output = Resize(screen);
        Assert.Equal(62, output[83 * 84 + 83]); // 250 * 0.4 * 0.525 + 100 * 0.2 * 0.475 = 52.5 + 9.5
    }

    [Fact]
    public void AFiveByFiveRampShrinksToHandComputedMeans()
    {
        // value(r, c) = 5r + c; both axes have scale 2.5 and weights [0.4, 0.4, 0.2] / [0.2, 0.4, 0.4], so each output
        // is 5 * (mean row) + (mean column) with mean index 0.8 for the first cell and 3.2 for the second.
        var screen = new byte[25];
        for (int i = 0; i < 25; i++) screen[i] = (byte)i;
        var output = Resize(screen, 5, 5, 2);
        Assert.Equal([5, 7, 17, 19], output); // 4.8, 7.2, 16.8, 19.2
    }

    [Fact]
    public void RandomScreensAgreeWithTheExactAreaIntegralToWithinRounding()
    {
        var random = new Random(7);
        var screen = new byte[210 * 160];
        var output = new byte[84 * 84];
        var resizer = new AreaResizer(210, 160, 84, 84);
        for (int trial = 0; trial < 3; trial++)
        {
            random.NextBytes(screen);
            resizer.Resize(screen, output);
            for (int y = 0; y < 84; y++)
                for (int x = 0; x < 84; x++)
                {
                    double exact = ExactArea(screen, 210, 160, y, x, 2.5, 160.0 / 84);
                    Assert.True(Math.Abs(output[y * 84 + x] - exact) <= 0.5 + 1e-3, $"({y},{x}): {output[y * 84 + x]} vs exact {exact}");
                }
        }
    }

    [Fact]
    public void EnlargingIsRejected() =>
        Assert.Throws<ArgumentException>(() => new AreaResizer(84, 84, 210, 160));

    [Fact]
    public void ResizingAllocatesNothing()
    {
        var screen = new byte[210 * 160];
        var output = new byte[84 * 84];
        var resizer = new AreaResizer(210, 160, 84, 84);
        resizer.Resize(screen, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) resizer.Resize(screen, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Mean of the source over the output cell, with pixels weighted by their exact overlap.</summary>
    private static double ExactArea(byte[] src, int h, int w, int y, int x, double sy, double sx)
    {
        double y0 = y * sy, y1 = Math.Min(h, y0 + sy), x0 = x * sx, x1 = Math.Min(w, x0 + sx);
        double total = 0;
        for (int r = (int)y0; r < Math.Ceiling(y1); r++)
        {
            double wr = Math.Min(r + 1, y1) - Math.Max(r, y0);
            for (int c = (int)x0; c < Math.Ceiling(x1); c++)
            {
                double wc = Math.Min(c + 1, x1) - Math.Max(c, x0);
                total += wr * wc * src[r * w + c];
            }
        }
        return total / ((y1 - y0) * (x1 - x0));
    }
}
