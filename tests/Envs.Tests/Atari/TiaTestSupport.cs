using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Tests.Atari;

/// <summary>TIA write/read register addresses used by the tests.</summary>
internal static class TiaReg
{
    public const byte VSYNC = 0x00, VBLANK = 0x01, WSYNC = 0x02, NUSIZ0 = 0x04, NUSIZ1 = 0x05;
    public const byte COLUP0 = 0x06, COLUP1 = 0x07, COLUPF = 0x08, COLUBK = 0x09, CTRLPF = 0x0A, REFP0 = 0x0B;
    public const byte PF0 = 0x0D, PF1 = 0x0E, PF2 = 0x0F, RESP0 = 0x10, RESP1 = 0x11, RESM0 = 0x12, RESBL = 0x14;
    public const byte GRP0 = 0x1B, GRP1 = 0x1C, ENAM0 = 0x1D, ENABL = 0x1F, HMP0 = 0x20, HMOVE = 0x2A, HMCLR = 0x2B, CXCLR = 0x2C;

    // read addresses
    public const byte CXPPMM = 0x07, CXP0FB = 0x02, INPT0 = 0x08, INPT4 = 0x0C;
}

/// <summary>
/// A very small 6502 assembler for test cartridges: code at $F000 of a 4K image whose reset vector points there.
/// The cycle counts in the comments are what the tests rely on.
/// </summary>
internal sealed class Asm
{
    public const ushort Origin = 0xF000;
    private readonly List<byte> code = [];

    public ushort Here => (ushort)(Origin + code.Count);

    public Asm Emit(params byte[] bytes)
    {
        code.AddRange(bytes);
        return this;
    }

    public Asm LdaImm(byte v) => Emit(0xA9, v);       // 2 cycles
    public Asm LdxImm(byte v) => Emit(0xA2, v);       // 2
    public Asm LdaZp(byte a) => Emit(0xA5, a);        // 3
    public Asm Sta(byte zp) => Emit(0x85, zp);        // 3
    public Asm Dex() => Emit(0xCA);                   // 2
    public Asm Jmp(ushort target) => Emit(0x4C, (byte)target, (byte)(target >> 8)); // 3

    /// <summary>Branch back to <paramref name="target"/> if Z = 0 (3 cycles taken, same page).</summary>
    public Asm Bne(ushort target) => Emit(0xD0, (byte)(target - (Here + 2)));

    /// <summary><paramref name="count"/> NOPs, 2 cycles each.</summary>
    public Asm Nops(int count)
    {
        for (int i = 0; i < count; i++) Emit(0xEA);
        return this;
    }

    /// <summary>LDA #value / STA register (5 cycles).</summary>
    public Asm Set(byte register, byte value) => LdaImm(value).Sta(register);

    /// <summary>STA WSYNC: the next instruction starts at cycle 0 of the next line.</summary>
    public Asm Wsync() => Sta(TiaReg.WSYNC);

    /// <summary>Waits for <paramref name="lines"/> line starts.</summary>
    public Asm Lines(int lines)
    {
        for (int i = 0; i < lines; i++) Wsync();
        return this;
    }

    /// <summary>Ends the frame the usual way (VSYNC on for two lines, then off) and jumps back to the start.</summary>
    public Asm EndFrameAndLoop()
    {
        Set(TiaReg.VSYNC, 2).Wsync().Wsync().Set(TiaReg.VSYNC, 0);
        return Jmp(Origin);
    }

    public byte[] Build()
    {
        var rom = new byte[4096];
        code.CopyTo(rom, 0);
        rom[0xFFC] = (byte)(Origin & 0xFF);
        rom[0xFFD] = (byte)(Origin >> 8);
        rom[0xFFE] = (byte)(Origin & 0xFF);
        rom[0xFFF] = (byte)(Origin >> 8);
        return rom;
    }
}

/// <summary>Builds a console around a test program, with the picture starting at scanline 0 so rows = lines.</summary>
internal static class TestMachine
{
    public static Atari2600 Create(Asm program, int yStart = 0)
    {
        var machine = new Atari2600(Cartridge.Create(program.Build(), "4K"), new Mt19937(4753849));
        machine.Tia.YStart = yStart;
        machine.PowerOn();
        machine.ConsoleReset();
        return machine;
    }

    /// <summary>Row <paramref name="row"/> of the last picture.</summary>
    public static byte[] Row(Atari2600 machine, int row) => machine.Tia.Screen.Slice(row * 160, 160).ToArray();

    /// <summary>The x positions in a row whose colour is <paramref name="colour"/>.</summary>
    public static int[] PixelsOf(byte[] row, byte colour) => Enumerable.Range(0, row.Length).Where(x => row[x] == colour).ToArray();
}
