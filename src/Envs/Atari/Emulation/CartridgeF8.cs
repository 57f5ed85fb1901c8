namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// F8 (Atari 8K): two 4K banks, hotspots $FF8 (bank 0) and $FF9 (bank 1). Console reset selects bank 1, the bank
/// ALE's core starts in.
/// </summary>
public sealed class CartridgeF8 : BankSwitchedCartridge
{
    /// <summary>Wraps an 8192-byte image (use <see cref="Cartridge.Create"/> for size checking). Starts in bank 1.</summary>
    public CartridgeF8(byte[] rom) : base(rom, "F8", banks: 2, resetBank: 1) { }

    /// <inheritdoc />
    public override string Type => "F8";
}
