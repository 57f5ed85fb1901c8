namespace Rims.Envs.Atari.Emulation;

/// <summary>2K cartridge: the 2048-byte image appears twice in the 4K cartridge window ($1000-$17FF and $1800-$1FFF).</summary>
public sealed class Cartridge2K : Cartridge
{
    /// <summary>Wraps a 2048-byte image (use <see cref="Cartridge.Create"/> for size checking).</summary>
    public Cartridge2K(byte[] rom) : base(rom)
    {
        if (rom.Length != 2048) throw new ArgumentException($"Cartridge type 2K needs a 2048-byte image, but the image has {rom.Length} bytes.", nameof(rom));
    }

    /// <inheritdoc />
    public override string Type => "2K";

    /// <summary>Always 0: no bank switching.</summary>
    public override int Bank => 0;

    /// <inheritdoc />
    public override byte Read(ushort address) => Rom[address & 0x07FF];

    /// <summary>The whole window is plain ROM.</summary>
    public override DirectWindow Direct => new(0, 0x07FF, 0x1000);

    /// <summary>Ignored: ROM only, no hotspots.</summary>
    public override void Write(ushort address, byte value) { }

    /// <summary>Nothing to reset.</summary>
    public override void Reset() { }

    /// <summary>No state to save.</summary>
    public override void Save(BinaryWriter writer) => ArgumentNullException.ThrowIfNull(writer);

    /// <summary>No state to load.</summary>
    public override void Load(BinaryReader reader) => ArgumentNullException.ThrowIfNull(reader);
}
