namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// F6 (Atari 16K): four 4K banks, hotspots $FF6..$FF9 for banks 0..3. Console reset selects bank 0, as ALE's old
/// core does (not the bank holding a particular reset vector).
/// </summary>
public sealed class CartridgeF6 : BankSwitchedCartridge
{
    /// <summary>Wraps a 16384-byte image (use <see cref="Cartridge.Create"/> for size checking). Starts in bank 0.</summary>
    public CartridgeF6(byte[] rom) : base(rom, "F6", banks: 4, resetBank: 0) { }

    /// <inheritdoc />
    public override string Type => "F6";
}
