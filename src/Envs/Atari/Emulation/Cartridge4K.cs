namespace Rims.Envs.Atari.Emulation;

/// <summary>4K cartridge: the 4096-byte image fills the cartridge window ($1000-$1FFF); no bank switching.</summary>
public sealed class Cartridge4K : Cartridge
{
    /// <summary>Wraps a 4096-byte image (use <see cref="Cartridge.Create"/> for size checking).</summary>
    public Cartridge4K(byte[] rom) : base(rom)
    {
        if (rom.Length != 4096) throw new ArgumentException($"Cartridge type 4K needs a 4096-byte image, but the image has {rom.Length} bytes.", nameof(rom));
    }

    /// <inheritdoc />
    public override string Type => "4K";

    /// <summary>Always 0: no bank switching.</summary>
    public override int Bank => 0;

    /// <inheritdoc />
    public override byte Read(ushort address) => Rom[address & 0x0FFF];

    /// <summary>The whole window is plain ROM.</summary>
    public override DirectWindow Direct => new(0, 0x0FFF, 0x1000);

    /// <summary>Ignored: ROM only, no hotspots.</summary>
    public override void Write(ushort address, byte value) { }

    /// <summary>Nothing to reset.</summary>
    public override void Reset() { }

    /// <summary>No state to save.</summary>
    public override void Save(BinaryWriter writer) => ArgumentNullException.ThrowIfNull(writer);

    /// <summary>No state to load.</summary>
    public override void Load(BinaryReader reader) => ArgumentNullException.ThrowIfNull(reader);
}
