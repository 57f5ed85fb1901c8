namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// Atari's standard bank switching (F8, F6): N 4K banks in the cartridge window, selected by touching one of N
/// consecutive hotspot offsets that end at $FF9. Any access (read or write) switches, and the switch happens
/// before a read returns, so a hotspot read gives the new bank's byte.
/// </summary>
public abstract class BankSwitchedCartridge : Cartridge
{
    private readonly int banks;
    private readonly int firstHotspot;
    private readonly int resetBank;

    /// <summary>Start of the current bank in the image (bank * 4096), kept instead of the number to save a multiply per read.</summary>
    private int bankOffset;

    /// <summary>Wraps an image of <paramref name="banks"/> 4K banks that starts (and resets) in <paramref name="resetBank"/>.</summary>
    protected BankSwitchedCartridge(byte[] rom, string type, int banks, int resetBank) : base(rom)
    {
        if (rom.Length != banks * 4096)
            throw new ArgumentException($"Cartridge type {type} needs a {banks * 4096}-byte image, but the image has {rom.Length} bytes.", nameof(rom));
        this.banks = banks;
        this.resetBank = resetBank;
        firstHotspot = 0x0FFA - banks;
        bankOffset = resetBank << 12;
    }

    /// <inheritdoc />
    public override int Bank => bankOffset >> 12;

    /// <summary>The current bank below the first hotspot is plain ROM.</summary>
    public override DirectWindow Direct => new(bankOffset, 0x0FFF, firstHotspot);

    /// <inheritdoc />
    public override byte Read(ushort address)
    {
        int offset = address & 0x0FFF;
        Switch(offset);
        return Rom[bankOffset + offset];
    }

    /// <summary>ROM ignores the value; a hotspot still switches.</summary>
    public override void Write(ushort address, byte value) => Switch(address & 0x0FFF);

    private void Switch(int offset)
    {
        // One unsigned compare covers every hotspot.
        uint bank = (uint)(offset - firstHotspot);
        if (bank < (uint)banks) SelectBank((int)bank);
    }

    private void SelectBank(int bank)
    {
        if (bankOffset == bank << 12) return;
        bankOffset = bank << 12;
        OnDirectWindowChanged();
    }

    /// <inheritdoc />
    public override void Reset() => SelectBank(resetBank);

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Bank);
    }

    /// <inheritdoc />
    public override void Load(BinaryReader reader) => SelectBank(LoadBank(reader, banks));
}
