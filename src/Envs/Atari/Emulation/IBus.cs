namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// The 6507's view of the system: everything the CPU reads or writes goes through here. The CPU does no
/// address decoding; devices decode A0-A12 themselves.
/// </summary>
public interface IBus
{
    /// <summary>
    /// Reads the byte at a 16-bit address. The full address is passed (not masked to 13 bits) because one
    /// cartridge bank-switching scheme looks at bit 13.
    /// </summary>
    byte Read(ushort address);

    /// <summary>Writes a byte at a 16-bit address (the full address, as for <see cref="Read"/>).</summary>
    void Write(ushort address, byte value);
}
