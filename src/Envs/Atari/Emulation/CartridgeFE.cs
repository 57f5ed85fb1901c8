namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// FE (Activision 8K) as ALE's old Stella core models it: instead of snooping JSR/RTS on the stack, every
/// access picks its 4K bank from A13 of the full 16-bit CPU address. A13 = 0 (e.g. $Dxxx) reads the second 4K of
/// the image (bank 1), A13 = 1 (e.g. $Fxxx) the first 4K (bank 0). The program works because its code in each
/// bank runs at addresses with the matching A13, which is why the CPU keeps a 16-bit program counter.
/// </summary>
public sealed class CartridgeFE : Cartridge
{
    /// <summary>Bank of the last access; only for <see cref="Bank"/> (reads do not depend on it).</summary>
    private int lastBank;

    /// <summary>Wraps an 8192-byte image (use <see cref="Cartridge.Create"/> for size checking).</summary>
    public CartridgeFE(byte[] rom) : base(rom)
    {
        if (rom.Length != 8192) throw new ArgumentException($"Cartridge type FE needs an 8192-byte image, but the image has {rom.Length} bytes.", nameof(rom));
    }

    /// <inheritdoc />
    public override string Type => "FE";

    /// <summary>The bank the last access went to (0 = first 4K of the image, 1 = second).</summary>
    public override int Bank => lastBank;

    /// <inheritdoc />
    public override byte Read(ushort address)
    {
        // A13 = 0 -> bank 1: invert bit 13 and move it to bit 12 of the image offset.
        int bank = ((address >> 13) & 1) ^ 1;
        lastBank = bank;
        return Rom[(bank << 12) | (address & 0x0FFF)];
    }

    /// <summary>Ignored: the bank is chosen per access, so a write changes nothing that matters.</summary>
    public override void Write(ushort address, byte value) => lastBank = ((address >> 13) & 1) ^ 1;

    /// <summary>No switching state; the trace bank goes back to 0 (the reset vector is read at $FFFC, A13 = 1).</summary>
    public override void Reset() => lastBank = 0;

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(lastBank);
    }

    /// <inheritdoc />
    public override void Load(BinaryReader reader) => lastBank = LoadBank(reader, 2);
}
