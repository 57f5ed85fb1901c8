using System.Numerics;
using SimdVector = System.Numerics.Vector;

namespace Rims.Envs.Atari.Preprocessing;

/// <summary>
/// The two grayscale screens of a skipped step that the observation is made of (the frames after steps
/// skip-2 and skip-1, as MaxAndSkipEnv / AtariPreprocessing keep them), their pixel-wise maximum (Atari games
/// draw some sprites on alternate frames only) and the area resize to the learner's frame. Nothing is allocated
/// per frame.
/// </summary>
public sealed class MaxPoolFrames
{
    private readonly byte[] previous;
    private readonly byte[] last;
    private readonly byte[] pooled;
    private readonly AreaResizer resizer;
    private bool havePrevious;

    /// <summary>Buffers for <paramref name="height"/> x <paramref name="width"/> screens resized to <paramref name="size"/> x <paramref name="size"/>.</summary>
    public MaxPoolFrames(int height, int width, int size)
    {
        previous = new byte[height * width];
        last = new byte[height * width];
        pooled = new byte[height * width];
        resizer = new AreaResizer(height, width, size, size);
    }

    /// <summary>Where the second-to-last frame of a step is captured; call <see cref="MarkPrevious"/> after writing it.</summary>
    public Span<byte> PreviousScreen => previous;

    /// <summary>Where the last frame of a step is captured.</summary>
    public Span<byte> LastScreen => last;

    /// <summary>Forgets the second-to-last frame (a new step or a reset begins).</summary>
    public void Clear() => havePrevious = false;

    /// <summary>The second-to-last frame was written into <see cref="PreviousScreen"/>.</summary>
    public void MarkPrevious() => havePrevious = true;

    /// <summary>Writes both screens and whether the second-to-last one is set.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(last.Length);
        writer.Write(havePrevious);
        writer.Write(previous);
        writer.Write(last);
    }

    /// <summary>Reads what <see cref="Save"/> wrote for buffers of the same screen size.</summary>
    /// <exception cref="InvalidDataException">The saved screens have another size.</exception>
    public void Load(BinaryReader reader)
    {
        int size = reader.ReadInt32();
        if (size != last.Length) throw new InvalidDataException($"the saved screens have {size} pixels, these {last.Length}");
        havePrevious = reader.ReadBoolean();
        reader.ReadExactly(previous);
        reader.ReadExactly(last);
    }

    /// <summary>
    /// Writes the resized maximum of the two screens (or the last screen alone when there is no second-to-last
    /// frame: frame skip 1, a reset, a step cut short by the game's end) into <paramref name="frame"/>.
    /// </summary>
    public void WriteFrame(Span<byte> frame)
    {
        if (!havePrevious)
        {
            resizer.Resize(last, frame);
            return;
        }
        Max(previous, last, pooled);
        resizer.Resize(pooled, frame);
    }

    /// <summary>Pixel-wise maximum, vectorised.</summary>
    internal static void Max(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        int i = 0;
        if (SimdVector.IsHardwareAccelerated)
        {
            int width = Vector<byte>.Count;
            for (; i <= a.Length - width; i += width)
                SimdVector.Max(new Vector<byte>(a[i..]), new Vector<byte>(b[i..])).CopyTo(result[i..]);
        }
        for (; i < a.Length; i++) result[i] = Math.Max(a[i], b[i]);
    }
}
