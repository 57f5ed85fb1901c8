using Rims.Envs.Atari.Preprocessing;

namespace Rims.Envs.Tests.Atari.Preprocessing;

public class MaxPoolFramesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(210 * 160)]
    public void TheMaxIsPixelWiseForAnyLength(int length)
    {
        var random = new Random(length);
        var a = new byte[length];
        var b = new byte[length];
        random.NextBytes(a);
        random.NextBytes(b);
        var result = new byte[length];
        MaxPoolFrames.Max(a, b, result);
        for (int i = 0; i < length; i++) Assert.Equal(Math.Max(a[i], b[i]), result[i]);
    }

    [Fact]
    public void WithoutASecondToLastFrameTheLastFrameIsShownAlone()
    {
        var frames = new MaxPoolFrames(210, 160, 84);
        frames.PreviousScreen.Fill(250);
        frames.LastScreen.Fill(40);
        var output = new byte[84 * 84];
        frames.WriteFrame(output);
        Assert.All(output, v => Assert.Equal(40, v));
        frames.MarkPrevious();
        frames.WriteFrame(output);
        Assert.All(output, v => Assert.Equal(250, v));
        frames.Clear();
        frames.WriteFrame(output);
        Assert.All(output, v => Assert.Equal(40, v));
    }
}
