namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// E0 (Parker Brothers 8K): eight 1K slices. The windows $1000, $1400 and $1800 each show a selectable slice;
/// $1C00 always shows slice 7. An access (read or write) to offset $FE0-$FE7 puts slice 0-7 in the first
/// window, $FE8-$FEF in the second and $FF0-$FF7 in the third. Console reset: slices 4, 5, 6.
/// </summary>
public sealed class CartridgeE0 : Cartridge
{
    /// <summary>Image offset (slice * 1024) shown in each of the four 1K windows; the last one never changes.</summary>
    private readonly int[] windowOffset = new int[4];

    /// <summary>Wraps an 8192-byte image (use <see cref="Cartridge.Create"/> for size checking). Starts with slices 4, 5, 6, 7.</summary>
    public CartridgeE0(byte[] rom) : base(rom)
    {
        if (rom.Length != 8192) throw new ArgumentException($"Cartridge type E0 needs an 8192-byte image, but the image has {rom.Length} bytes.", nameof(rom));
        Reset();
    }

    /// <inheritdoc />
    public override string Type => "E0";

    /// <summary>The slice in the first window ($1000-$13FF).</summary>
    public override int Bank => windowOffset[0] >> 10;

    /// <summary>The slice shown in window 0..3 (window 3 is always slice 7).</summary>
    public int Slice(int window) => windowOffset[window] >> 10;

    /// <inheritdoc />
    public override byte Read(ushort address)
    {
        int offset = address & 0x0FFF;
        Switch(offset);
        return Rom[windowOffset[offset >> 10] + (offset & 0x03FF)];
    }

    /// <summary>ROM ignores the value; a hotspot still switches.</summary>
    public override void Write(ushort address, byte value) => Switch(address & 0x0FFF);

    private void Switch(int offset)
    {
        // Hotspots $FE0..$FF7: bits 3..4 pick the window (0, 1, 2), bits 0..2 the slice.
        uint hot = (uint)(offset - 0x0FE0);
        if (hot < 0x18) windowOffset[hot >> 3] = (int)(hot & 7) << 10;
    }

    /// <summary>Slices 4, 5, 6 in the switchable windows, 7 in the fixed one.</summary>
    public override void Reset()
    {
        windowOffset[0] = 4 << 10;
        windowOffset[1] = 5 << 10;
        windowOffset[2] = 6 << 10;
        windowOffset[3] = 7 << 10;
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (int w = 0; w < 3; w++) writer.Write(Slice(w));
    }

    /// <inheritdoc />
    public override void Load(BinaryReader reader)
    {
        int s0 = LoadBank(reader, 8), s1 = LoadBank(reader, 8), s2 = LoadBank(reader, 8);
        windowOffset[0] = s0 << 10;
        windowOffset[1] = s1 << 10;
        windowOffset[2] = s2 << 10;
        windowOffset[3] = 7 << 10;
    }
}
