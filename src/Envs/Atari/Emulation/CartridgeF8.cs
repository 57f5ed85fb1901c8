namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// F8 (Atari 8K): two 4K banks in the cartridge window. An access (read or write) to offset $FF8 selects bank 0
/// and $FF9 bank 1; the switch happens before a read returns, so a hotspot read gives the new bank's byte.
/// Console reset selects bank 1, the bank ALE's core starts in.
/// </summary>
public sealed class CartridgeF8 : Cartridge
{
    /// <summary>Start of the current bank in the image (bank * 4096), kept instead of the number to save a multiply per read.</summary>
    private int _bankOffset;

    /// <summary>Wraps an 8192-byte image (use <see cref="Cartridge.Create"/> for size checking). Starts in bank 1.</summary>
    public CartridgeF8(byte[] rom) : base(rom)
    {
        if (rom.Length != 8192) throw new ArgumentException($"Cartridge type F8 needs an 8192-byte image, but the image has {rom.Length} bytes.", nameof(rom));
        _bankOffset = 4096;
    }

    /// <inheritdoc />
    public override string Type => "F8";

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
        if (offset == 0x0FF8) _bankOffset = 0;
        else if (offset == 0x0FF9) _bankOffset = 4096;
    }

    /// <summary>Bank 1.</summary>
    public override void Reset() => _bankOffset = 4096;

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Bank);
    }

    /// <inheritdoc />
    public override void Load(BinaryReader reader) => _bankOffset = LoadBank(reader, 2) << 12;
}
