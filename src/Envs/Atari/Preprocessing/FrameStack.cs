namespace Rims.Envs.Atari.Preprocessing;

/// <summary>
/// The last N frames, written out oldest first as one [N, frame] observation. Frames live in a ring so a push
/// copies one frame in and N frames out, whatever N; nothing is allocated after construction.
/// </summary>
public sealed class FrameStack
{
    private readonly byte[] ring;
    private int newest;

    /// <summary>A stack of <paramref name="depth"/> frames of <paramref name="frameSize"/> bytes.</summary>
    public FrameStack(int depth, int frameSize, FrameStackPadding padding)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "a frame stack holds at least one frame");
        if (frameSize < 1) throw new ArgumentOutOfRangeException(nameof(frameSize), frameSize, "frames have at least one byte");
        Depth = depth;
        FrameSize = frameSize;
        Padding = padding;
        ring = new byte[depth * frameSize];
        newest = depth - 1;
    }

    /// <summary>Frames in the stack.</summary>
    public int Depth { get; }

    /// <summary>Bytes per frame.</summary>
    public int FrameSize { get; }

    /// <summary>How <see cref="Reset"/> fills the older slots.</summary>
    public FrameStackPadding Padding { get; }

    /// <summary>The slot the next frame goes into; write it there, then call <see cref="Push"/> or <see cref="Reset"/>.</summary>
    public Span<byte> NextSlot => ring.AsSpan(((newest + 1) % Depth) * FrameSize, FrameSize);

    /// <summary>Makes the frame written into <see cref="NextSlot"/> the newest.</summary>
    public void Push() => newest = (newest + 1) % Depth;

    /// <summary>
    /// Starts a new episode with the frame written into <see cref="NextSlot"/>: the older slots become zeros or
    /// copies of it, as <see cref="Padding"/> says.
    /// </summary>
    public void Reset()
    {
        Push();
        var first = ring.AsSpan(newest * FrameSize, FrameSize);
        for (int i = 0; i < Depth; i++)
        {
            if (i == newest) continue;
            var slot = ring.AsSpan(i * FrameSize, FrameSize);
            if (Padding == FrameStackPadding.Zero) slot.Clear();
            else first.CopyTo(slot);
        }
    }

    /// <summary>Writes the frames and which slot is the newest.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Depth);
        writer.Write(FrameSize);
        writer.Write(newest);
        writer.Write(ring);
    }

    /// <summary>Reads what <see cref="Save"/> wrote for a stack of the same depth and frame size.</summary>
    /// <exception cref="InvalidDataException">The saved stack has another shape.</exception>
    public void Load(BinaryReader reader)
    {
        int depth = reader.ReadInt32(), frameSize = reader.ReadInt32();
        if (depth != Depth || frameSize != FrameSize)
            throw new InvalidDataException($"the saved frame stack holds {depth} frames of {frameSize} bytes, this one {Depth} of {FrameSize}");
        newest = reader.ReadInt32();
        reader.ReadExactly(ring);
    }

    /// <summary>Writes the stack, oldest frame first, into <paramref name="observation"/> (Depth * FrameSize bytes).</summary>
    public void CopyTo(Span<byte> observation)
    {
        for (int i = 0; i < Depth; i++)
        {
            int slot = (newest + 1 + i) % Depth;
            ring.AsSpan(slot * FrameSize, FrameSize).CopyTo(observation.Slice(i * FrameSize, FrameSize));
        }
    }
}
