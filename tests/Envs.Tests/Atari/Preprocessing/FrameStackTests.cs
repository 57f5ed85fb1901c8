using Rims.Envs.Atari;
using Rims.Envs.Atari.Preprocessing;

namespace Rims.Envs.Tests.Atari.Preprocessing;

public class FrameStackTests
{
    private static byte[] Push(FrameStack stack, byte value, bool reset = false)
    {
        stack.NextSlot.Fill(value);
        if (reset) stack.Reset();
        else stack.Push();
        var obs = new byte[stack.Depth * stack.FrameSize];
        stack.CopyTo(obs);
        return [.. Enumerable.Range(0, stack.Depth).Select(i => obs[i * stack.FrameSize])];
    }

    [Fact]
    public void FramesComeOutOldestFirstAcrossTheRingsWrap()
    {
        var stack = new FrameStack(3, 5, FrameStackPadding.Zero);
        Assert.Equal(new byte[] { 0, 0, 1 }, Push(stack, 1, reset: true));
        Assert.Equal(new byte[] { 0, 1, 2 }, Push(stack, 2));
        Assert.Equal(new byte[] { 1, 2, 3 }, Push(stack, 3));
        Assert.Equal(new byte[] { 2, 3, 4 }, Push(stack, 4));
        Assert.Equal(new byte[] { 3, 4, 5 }, Push(stack, 5));
        Assert.Equal(new byte[] { 0, 0, 9 }, Push(stack, 9, reset: true));
    }

    [Fact]
    public void ResetPaddingRepeatsTheFirstFrame()
    {
        var stack = new FrameStack(4, 2, FrameStackPadding.Reset);
        Push(stack, 7, reset: true);
        Push(stack, 8);
        Assert.Equal(new byte[] { 3, 3, 3, 3 }, Push(stack, 3, reset: true));
        Assert.Equal(new byte[] { 3, 3, 3, 4 }, Push(stack, 4));
    }

    [Fact]
    public void ADepthOfOneIsTheLatestFrame()
    {
        var stack = new FrameStack(1, 3, FrameStackPadding.Zero);
        Assert.Equal(new byte[] { 5 }, Push(stack, 5, reset: true));
        Assert.Equal(new byte[] { 6 }, Push(stack, 6));
    }
}
