namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// F6 (Atari 16K): four 4K banks in the cartridge window. An access (read or write) to offsets $FF6..$FF9
/// selects bank 0..3; the switch happens before a read returns, so a hotspot read gives the new bank's byte.
/// Console reset selects bank 0, as ALE's old core does (not the bank holding a particular reset vector).
/// </summary>
public sealed class CartridgeF6 : Cartridge
{
    /// <summary>Start of the current bank in the image (bank * 4096).</summary>
    private int _bankOffset;

    /// <summary>Wraps a 16384-byte image (use <see cref="Cartridge.Create"/> for size checking). Starts in bank 0.</summary>
    public CartridgeF6(byte[] rom) : base(rom)
    {
        if (rom.Length != 16384) throw new ArgumentException($"Cartridge type F6 needs a 16384-byte image, but the image has {rom.Length} bytes.", nameof(rom));
    }

    /// <inheritdoc />
    public override string Type => "F6";

    /// <inheritdoc />
    public override int Bank => _bankOffset >> 12;

    /// <inheritdoc />
    public override byte Read(ushort address)
    {
        int offset = address & 0x0FFF;
        Switch(offset);
        return Rom[_bankOffset + offset];
    }

    /// <summary>ROM ignores the value; a hotspot still switches.</summary>
    public override void Write(ushort address, byte value) => Switch(address & 0x0FFF);

    private void Switch(int offset)
    {
        // One unsigned compare covers the four hotspots $FF6..$FF9.
        uint bank = (uint)(offset - 0x0FF6);
        if (bank < 4) _bankOffset = (int)bank << 12;
    }

    /// <summary>Bank 0.</summary>
    public override void Reset() => _bankOffset = 0;

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Bank);
    }

    /// <inheritdoc />
    public override void Load(BinaryReader reader) => _bankOffset = LoadBank(reader, 4) << 12;
}
