namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// A cartridge: the ROM image plus its bank-switching logic, for the schemes the ALE games need (2K, 4K, F8,
/// F6, E0, FE; see shared/roms/README.md). Bank switching follows ALE's old Stella core.
/// </summary>
/// <remarks>
/// <see cref="Read"/> and <see cref="Write"/> receive the full 16-bit CPU address of an access the machine
/// has decoded as cartridge space (A12 = 1). Most schemes look only at the low 12 bits; FE also looks at A13.
/// Hotspots react to reads and writes alike, and a read of a hotspot returns the byte from the new bank.
/// </remarks>
public abstract class Cartridge
{
    /// <summary>The ROM image as loaded (not copied; callers must not change it afterwards).</summary>
    protected byte[] Rom { get; }

    /// <summary>Keeps the image; <see cref="Create"/> has already checked its size.</summary>
    protected Cartridge(byte[] rom)
    {
        ArgumentNullException.ThrowIfNull(rom);
        Rom = rom;
    }

    /// <summary>The ROM image, for the machine's direct-read window (see <see cref="Direct"/>).</summary>
    internal byte[] Image => Rom;

    /// <summary>
    /// The part of the cartridge window that currently reads as plain ROM (no hotspot, no state change), so the CPU may
    /// read it without calling <see cref="Read"/>; none by default. Schemes whose mapping changes report it through
    /// <see cref="OnDirectWindowChanged"/>.
    /// </summary>
    public virtual DirectWindow Direct => default;

    /// <summary>Called whenever <see cref="Direct"/> changes (bank switch, reset, state load); the machine remaps the CPU.</summary>
    internal Action? DirectWindowChanged { get; set; }

    /// <summary>Tells the machine that <see cref="Direct"/> has changed.</summary>
    protected void OnDirectWindowChanged() => DirectWindowChanged?.Invoke();

    /// <summary>The scheme name as used by <see cref="Create"/> ("2K", "4K", "F8", "F6", "E0" or "FE").</summary>
    public abstract string Type { get; }

    /// <summary>The current bank number, for traces and debugging (E0: the slice in the first window; FE: the bank of the last access).</summary>
    public abstract int Bank { get; }

    /// <summary>Reads the byte at a cartridge address (A12 = 1), switching banks first if it is a hotspot.</summary>
    public abstract byte Read(ushort address);

    /// <summary>A write to cartridge space: ROM ignores the value, but hotspots still switch banks.</summary>
    public abstract void Write(ushort address, byte value);

    /// <summary>Console reset: puts the banks where ALE's core puts them (F8: bank 1; F6: bank 0; E0: slices 4, 5, 6).</summary>
    public abstract void Reset();

    /// <summary>Writes the bank-switching state (not the ROM).</summary>
    public abstract void Save(BinaryWriter writer);

    /// <summary>Restores a state written by <see cref="Save"/> of a cartridge of the same type.</summary>
    public abstract void Load(BinaryReader reader);

    /// <summary>
    /// Builds the cartridge for a scheme name (case-insensitive: "2K", "4K", "F8", "F6", "E0", "FE") and puts it
    /// in its reset state.
    /// </summary>
    /// <exception cref="ArgumentException">The type is unknown, or the image size is not the one the type needs.</exception>
    public static Cartridge Create(byte[] rom, string type)
    {
        ArgumentNullException.ThrowIfNull(rom);
        ArgumentNullException.ThrowIfNull(type);
        string normal = type.Trim().ToUpperInvariant();
        int expected = normal switch
        {
            "2K" => 2048,
            "4K" => 4096,
            "F8" or "E0" or "FE" => 8192,
            "F6" => 16384,
            _ => throw new ArgumentException(
                $"Unknown cartridge type \"{type}\" (image of {rom.Length} bytes); supported: 2K, 4K, F8, F6, E0, FE.", nameof(type)),
        };
        if (rom.Length != expected)
        {
            throw new ArgumentException(
                $"Cartridge type {normal} needs a {expected}-byte image, but the image has {rom.Length} bytes.", nameof(rom));
        }

        Cartridge cart = normal switch
        {
            "2K" => new Cartridge2K(rom),
            "4K" => new Cartridge4K(rom),
            "F8" => new CartridgeF8(rom),
            "F6" => new CartridgeF6(rom),
            "E0" => new CartridgeE0(rom),
            _ => new CartridgeFE(rom),
        };
        cart.Reset();
        return cart;
    }

    /// <summary>Reads a bank number written by <see cref="Save"/> and checks it is in range.</summary>
    protected int LoadBank(BinaryReader reader, int count)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int bank = reader.ReadInt32();
        if (bank < 0 || bank >= count) throw new InvalidDataException($"{Type} cartridge state: bank {bank} is outside 0..{count - 1}.");
        return bank;
    }
}

