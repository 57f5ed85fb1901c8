using System.Runtime.CompilerServices;

namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// The 6507 CPU of the Atari 2600 (an NMOS 6502 with 13 address lines and no interrupt pins), including the
/// undocumented opcodes and NMOS decimal mode.
/// </summary>
/// <remarks>
/// Timing follows the reference emulator (ALE): each instruction runs whole. Its base cycle count is added to
/// <see cref="Cycles"/> right after the opcode fetch, and any extra cycles (page crossings on indexed reads,
/// taken branches) are added before the operand access, so every data access sees <see cref="Cycles"/> at the
/// end-of-instruction value. The bus devices (TIA, RIOT) read <see cref="Cycles"/> to know the time. A
/// read-modify-write instruction does one read and one write of its target; the only extra accesses are the
/// reference's stack reads (JSR, RTS, RTI, PLA, PLP read the byte at the stack pointer first, RTS also reads the byte
/// it returns past, BRK its padding byte), whose values matter only as the data bus later TIA reads see.
/// </remarks>
public sealed partial class Cpu6507
{
    private const byte FlagC = 0x01;
    private const byte FlagZ = 0x02;
    private const byte FlagI = 0x04;
    private const byte FlagD = 0x08;
    private const byte FlagB = 0x10;
    private const byte FlagU = 0x20;
    private const byte FlagV = 0x40;
    private const byte FlagN = 0x80;

    private readonly IBus bus;

    /// <summary>Cycles of the instruction in progress, base plus extras (kept apart from <see cref="Cycles"/>, which the bus may change, e.g. WSYNC).</summary>
    private int instructionCycles;

    /// <summary>Accumulator.</summary>
    public byte A;

    /// <summary>X index register.</summary>
    public byte X;

    /// <summary>Y index register.</summary>
    public byte Y;

    /// <summary>Stack pointer; the stack lives at $0100 | SP (the bus mirrors that onto the RIOT RAM).</summary>
    public byte SP;

    /// <summary>Status register N V 1 B D I Z C (bit 7..0). Bit 5 is always kept set; B is only set in pushed copies.</summary>
    public byte P;

    /// <summary>Program counter.</summary>
    public ushort PC;

    /// <summary>
    /// System cycle counter. Public and settable because the TIA resets it at frame start and WSYNC adds to it.
    /// </summary>
    public long Cycles;

    /// <summary>Set by one of the 12 JAM opcodes; once set, <see cref="Step"/> never executes anything again.</summary>
    public bool Jammed;

    /// <summary>The last byte read or written on the data bus (the TIA fills undefined read bits from it).</summary>
    public byte LastBusValue;

    /// <summary>Creates a CPU attached to a bus. Call <see cref="Reset"/> before stepping.</summary>
    public Cpu6507(IBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        this.bus = bus;
        SP = 0xFD;
        P = FlagU | FlagI;
    }

    /// <summary>
    /// Power-on/reset: A = X = Y = 0, SP = $FD, P = $24 (I and bit 5), PC from the reset vector at $FFFC/$FFFD.
    /// Clears <see cref="Jammed"/>; leaves <see cref="Cycles"/> alone. The ALE layer may override registers
    /// afterwards if it needs different power-on values.
    /// </summary>
    public void Reset()
    {
        A = X = Y = 0;
        SP = 0xFD;
        P = FlagU | FlagI;
        Jammed = false;
        PC = (ushort)(Read(0xFFFC) | (Read(0xFFFD) << 8));
    }

    // ---- direct-mapped memory: plain ROM and RAM the machine lets the CPU access without the bus ----
    // Most accesses are instruction fetches from ROM and zero-page RAM; reading those arrays directly instead of going
    // through the bus and the device objects shortens the chain of dependent loads on every instruction. Both windows
    // are off until the machine maps them, and hold only memory whose accesses have no side effects.

    private byte[] rom = [];
    private int romBase;
    private int romMask;

    /// <summary>Cartridge window offsets below this read <see cref="rom"/> directly; 0 = no ROM window.</summary>
    private uint romLimit;

    private byte[] ram = [];
    private int ramIndexMask;
    private int ramSelectMask;

    /// <summary>Addresses with (address &amp; <see cref="ramSelectMask"/>) == this are RAM; -1 = no RAM window.</summary>
    private int ramSelectValue = -1;

    /// <summary>
    /// Maps a plain-ROM window: an address with A12 set and window offset o = address &amp; $FFF below
    /// <paramref name="limit"/> reads <paramref name="image"/>[<paramref name="baseOffset"/> + (o &amp; <paramref name="mask"/>)]
    /// without a bus access. Writes still go to the bus. Call again whenever the mapping changes (bank switch);
    /// <paramref name="limit"/> 0 turns the window off.
    /// </summary>
    public void MapRom(byte[] image, int baseOffset, int mask, int limit)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (limit < 0 || limit > 0x1000) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The window is at most 4K.");
        if (limit > 0 && (baseOffset < 0 || mask < 0 || baseOffset + Math.Min(mask, limit - 1) >= image.Length))
            throw new ArgumentOutOfRangeException(nameof(baseOffset), baseOffset, "The window reaches past the image.");
        rom = image;
        romBase = baseOffset;
        romMask = mask;
        romLimit = (uint)limit;
    }

    /// <summary>
    /// Maps RAM: an address with (address &amp; <paramref name="selectMask"/>) == <paramref name="selectValue"/> reads and
    /// writes <paramref name="ram"/>[address &amp; (length - 1)] without a bus access. The length must be a power of two.
    /// </summary>
    public void MapRam(byte[] ram, int selectMask, int selectValue)
    {
        ArgumentNullException.ThrowIfNull(ram);
        if (ram.Length == 0 || (ram.Length & (ram.Length - 1)) != 0)
            throw new ArgumentException($"RAM of {ram.Length} bytes: the length must be a power of two.", nameof(ram));
        this.ram = ram;
        ramIndexMask = ram.Length - 1;
        ramSelectMask = selectMask;
        ramSelectValue = selectValue & selectMask;
    }

    // ---- bus access: every one goes through these so LastBusValue stays right ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Read(ushort address)
    {
        byte value;
        uint offset = (uint)((address & 0x1FFF) - 0x1000);
        if (offset < romLimit) value = rom[romBase + (int)(offset & (uint)romMask)];
        else if ((address & ramSelectMask) == ramSelectValue) value = ram[address & ramIndexMask];
        else value = ReadBus(address);
        LastBusValue = value;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(ushort address, byte value)
    {
        LastBusValue = value;
        if ((address & ramSelectMask) == ramSelectValue) ram[address & ramIndexMask] = value;
        else WriteBus(address, value);
    }

    // The bus paths (TIA, RIOT I/O, hotspots) stay out of line so the many inlined access sites stay small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private byte ReadBus(ushort address) => bus.Read(address);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteBus(ushort address, byte value) => bus.Write(address, value);

    // ---- operand fetches and the stack. The registers are passed by reference: Run and Execute keep them in locals ----

    /// <summary>Reads the byte at the program counter and advances it; code almost always runs from the ROM window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Fetch(ref ushort pc)
    {
        ushort address = pc;
        pc = (ushort)(address + 1);
        uint offset = (uint)((address & 0x1FFF) - 0x1000);
        byte value = offset < romLimit ? rom[romBase + (int)(offset & (uint)romMask)] : ReadBus(address);
        LastBusValue = value;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Fetch16(ref ushort pc)
    {
        byte lo = Fetch(ref pc);
        return (ushort)(lo | (Fetch(ref pc) << 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ref byte sp, byte value)
    {
        Write((ushort)(0x0100 | sp), value);
        sp--;
    }

    /// <summary>
    /// The reference CPU's extra stack access: JSR, RTS, RTI, PLA and PLP first read the byte at the current stack
    /// pointer (page 1) and discard it. Only its trace on the data bus is observable: the stack page is mirrored onto the
    /// TIA below $0180, so when the stack pointer has wrapped there (games use PLA/PHA on $0100 to read and write TIA
    /// registers) the undefined bits of the TIA read that follows come from this byte, not from the opcode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadStack(byte sp) => Read((ushort)(0x0100 | sp));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Pull(ref byte sp)
    {
        sp++;
        return Read((ushort)(0x0100 | sp));
    }

    // ---- addressing modes; the "R" variants are for read instructions, which pay for a page crossing ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Zp(ref ushort pc) => Fetch(ref pc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ZpX(ref ushort pc, byte x) => (byte)(Fetch(ref pc) + x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ZpY(ref ushort pc, byte y) => (byte)(Fetch(ref pc) + y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Abs(ref ushort pc) => Fetch16(ref pc);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsX(ref ushort pc, byte x) => (ushort)(Fetch16(ref pc) + x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsY(ref ushort pc, byte y) => (ushort)(Fetch16(ref pc) + y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsXR(ref ushort pc, byte x) => PageCheck(Fetch16(ref pc), x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsYR(ref ushort pc, byte y) => PageCheck(Fetch16(ref pc), y);

    /// <summary>(zp,X): the pointer wraps within the zero page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort IzX(ref ushort pc, byte x)
    {
        byte z = (byte)(Fetch(ref pc) + x);
        return (ushort)(Read(z) | (Read((byte)(z + 1)) << 8));
    }

    /// <summary>Reads the (zp) pointer of (zp),Y, wrapping within the zero page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ZpPointer(ref ushort pc)
    {
        byte z = Fetch(ref pc);
        return (ushort)(Read(z) | (Read((byte)(z + 1)) << 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort IzY(ref ushort pc, byte y) => (ushort)(ZpPointer(ref pc) + y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort IzYR(ref ushort pc, byte y) => PageCheck(ZpPointer(ref pc), y);

    /// <summary>Indexes a base address and charges the page-crossing cycle before the caller touches memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort PageCheck(ushort baseAddress, byte index)
    {
        ushort address = (ushort)(baseAddress + index);
        if (((address ^ baseAddress) & 0xFF00) != 0)
        {
            Cycles++;
            instructionCycles++;
        }
        return address;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Branch(ref ushort pc, bool taken)
    {
        sbyte offset = (sbyte)Fetch(ref pc);
        if (!taken) return;
        ushort target = (ushort)(pc + offset);
        int extra = ((target ^ pc) & 0xFF00) != 0 ? 2 : 1;
        Cycles += extra;
        instructionCycles += extra;
        pc = target;
    }

    /// <summary>Whether branch opcode <paramref name="op"/> is taken: bits 7-6 pick the flag (N, V, C, Z), bit 5 the value that takes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BranchTaken(byte p, byte op)
    {
        int shift = (0x01000607 >> ((op >> 6) << 3)) & 0xFF; // N, V, C, Z are bits 7, 6, 0, 1 of P
        return ((p >> shift) & 1) == ((op >> 5) & 1);
    }

    // ---- flags and ALU (p is the status register) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Nz(ref byte p, byte value) =>
        p = (byte)((p & ~(FlagN | FlagZ)) | (value & FlagN) | (value == 0 ? FlagZ : 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetFlag(ref byte p, byte mask, bool on) => p = on ? (byte)(p | mask) : (byte)(p & ~mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Ora(ref byte a, ref byte p, byte v) { a |= v; Nz(ref p, a); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void And(ref byte a, ref byte p, byte v) { a &= v; Nz(ref p, a); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Eor(ref byte a, ref byte p, byte v) { a ^= v; Nz(ref p, a); }

    /// <summary>LDA, LDX, LDY: load a register and set N and Z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(ref byte register, ref byte p, byte v) { register = v; Nz(ref p, v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lax(ref byte a, ref byte x, ref byte p, byte v) { a = x = v; Nz(ref p, v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Cmp(ref byte p, byte register, byte v)
    {
        int diff = register - v;
        p = (byte)((p & ~(FlagN | FlagZ | FlagC)) | (diff & FlagN) | ((diff & 0xFF) == 0 ? FlagZ : 0) | (diff >= 0 ? FlagC : 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Bit(ref byte p, byte a, byte v) =>
        p = (byte)((p & ~(FlagN | FlagV | FlagZ)) | (v & (FlagN | FlagV)) | ((a & v) == 0 ? FlagZ : 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Asl(ref byte p, byte v)
    {
        SetFlag(ref p, FlagC, (v & 0x80) != 0);
        v <<= 1;
        Nz(ref p, v);
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Lsr(ref byte p, byte v)
    {
        SetFlag(ref p, FlagC, (v & 0x01) != 0);
        v >>= 1;
        Nz(ref p, v);
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Rol(ref byte p, byte v)
    {
        int r = (v << 1) | (p & FlagC);
        SetFlag(ref p, FlagC, (v & 0x80) != 0);
        Nz(ref p, (byte)r);
        return (byte)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Ror(ref byte p, byte v)
    {
        int r = (v >> 1) | ((p & FlagC) << 7);
        SetFlag(ref p, FlagC, (v & 0x01) != 0);
        Nz(ref p, (byte)r);
        return (byte)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Inc(ref byte p, byte v) { v++; Nz(ref p, v); return v; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Dec(ref byte p, byte v) { v--; Nz(ref p, v); return v; }

    /// <summary>ADC, binary or NMOS decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Adc(ref byte a, ref byte p, byte v)
    {
        if ((p & FlagD) != 0)
        {
            // Out of line, and by value: a call taking the registers by reference would keep them out of machine registers.
            int packed = AdcDecimal(a, p, v);
            a = (byte)packed;
            p = (byte)(packed >> 8);
            return;
        }
        int sum = a + v + (p & FlagC);
        byte r = (byte)sum;
        p = (byte)((p & ~(FlagN | FlagV | FlagZ | FlagC))
            | (r & FlagN) | (r == 0 ? FlagZ : 0) | (sum > 0xFF ? FlagC : 0) | ((~(a ^ v) & (a ^ r) & 0x80) != 0 ? FlagV : 0));
        a = r;
    }

    /// <summary>
    /// NMOS decimal ADC, returning A | P &lt;&lt; 8. Z comes from the plain binary sum; N and V from the sum after the
    /// low-nibble fix-up but before the high-nibble fix-up (what the real chip's flag logic sees).
    /// </summary>
    private static int AdcDecimal(byte a, byte p, byte v)
    {
        int c = p & FlagC;
        int binary = (a + v + c) & 0xFF;
        int lo = (a & 0x0F) + (v & 0x0F) + c;
        if (lo >= 0x0A) lo = ((lo + 0x06) & 0x0F) + 0x10;
        int t = (a & 0xF0) + (v & 0xF0) + lo;
        bool overflow = (~(a ^ v) & (a ^ t) & 0x80) != 0;
        bool negative = (t & 0x80) != 0;
        if (t >= 0xA0) t += 0x60;
        p = (byte)((p & ~(FlagN | FlagV | FlagZ | FlagC))
            | (negative ? FlagN : 0) | (overflow ? FlagV : 0) | (binary == 0 ? FlagZ : 0) | (t >= 0x100 ? FlagC : 0));
        return (byte)t | (p << 8);
    }

    /// <summary>SBC, binary or NMOS decimal (all flags come from the binary subtraction on NMOS).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sbc(ref byte a, ref byte p, byte v)
    {
        int borrow = 1 - (p & FlagC);
        int diff = a - v - borrow;
        byte r = (byte)diff;
        p = (byte)((p & ~(FlagN | FlagV | FlagZ | FlagC))
            | (r & FlagN) | (r == 0 ? FlagZ : 0) | (diff >= 0 ? FlagC : 0) | (((a ^ v) & (a ^ r) & 0x80) != 0 ? FlagV : 0));
        a = (p & FlagD) == 0 ? r : SbcDecimal(a, v, borrow);
    }

    /// <summary>The NMOS decimal SBC result (the flags are the binary ones, set by <see cref="Sbc"/>).</summary>
    private static byte SbcDecimal(byte a, byte v, int borrow)
    {
        int lo = (a & 0x0F) - (v & 0x0F) - borrow;
        if (lo < 0) lo = ((lo - 0x06) & 0x0F) - 0x10;
        int t = (a & 0xF0) - (v & 0xF0) + lo;
        if (t < 0) t -= 0x60;
        return (byte)t;
    }

    /// <summary>ARR ($6B): AND then ROR, with its own flag rules and a decimal-mode fix-up on NMOS.</summary>
    private static void Arr(ref byte a, ref byte p, byte v)
    {
        int t = a & v;
        int r = (t >> 1) | ((p & FlagC) << 7);
        if ((p & FlagD) == 0)
        {
            p = (byte)((p & ~(FlagN | FlagV | FlagZ | FlagC))
                | (r & FlagN) | (r == 0 ? FlagZ : 0) | ((r & 0x40) != 0 ? FlagC : 0) | ((((r >> 6) ^ (r >> 5)) & 1) != 0 ? FlagV : 0));
            a = (byte)r;
            return;
        }

        // Decimal: N and Z from the rotated value, V from bit 6 changing, then each nibble is BCD-adjusted
        // if the AND result's nibble (plus its low bit) is out of range; the high adjust decides carry.
        byte flags = (byte)((p & ~(FlagN | FlagV | FlagZ | FlagC)) | (r & FlagN) | (r == 0 ? FlagZ : 0) | (((t ^ r) & 0x40) != 0 ? FlagV : 0));
        if ((t & 0x0F) + (t & 0x01) > 0x05) r = (r & 0xF0) | ((r + 0x06) & 0x0F);
        if ((t & 0xF0) + (t & 0x10) > 0x50)
        {
            r = (r + 0x60) & 0xFF;
            flags |= FlagC;
        }
        p = flags;
        a = (byte)r;
    }

    /// <summary>SBX/AXS ($CB): X = (A AND X) - imm, carry like CMP, no borrow in and no decimal mode.</summary>
    private static void Sbx(ref byte x, ref byte p, byte a, byte v)
    {
        int diff = (a & x) - v;
        x = (byte)diff;
        p = (byte)((p & ~(FlagN | FlagZ | FlagC)) | (x & FlagN) | (x == 0 ? FlagZ : 0) | (diff >= 0 ? FlagC : 0));
    }

    /// <summary>Base cycle count of every opcode (NMOS 6502, undocumented opcodes included).</summary>
    /// <remarks>A span over constant data: the JIT reads it straight from the image, with no bounds check for a byte index.</remarks>
    private static ReadOnlySpan<byte> BaseCycleTable =>
    [
        // 0  1  2  3  4  5  6  7  8  9  A  B  C  D  E  F
        7, 6, 2, 8, 3, 3, 5, 5, 3, 2, 2, 2, 4, 4, 6, 6, // 0
        2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7, // 1
        6, 6, 2, 8, 3, 3, 5, 5, 4, 2, 2, 2, 4, 4, 6, 6, // 2
        2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7, // 3
        6, 6, 2, 8, 3, 3, 5, 5, 3, 2, 2, 2, 3, 4, 6, 6, // 4
        2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7, // 5
        6, 6, 2, 8, 3, 3, 5, 5, 4, 2, 2, 2, 5, 4, 6, 6, // 6
        2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7, // 7
        2, 6, 2, 6, 3, 3, 3, 3, 2, 2, 2, 2, 4, 4, 4, 4, // 8
        2, 6, 2, 6, 4, 4, 4, 4, 2, 5, 2, 5, 5, 5, 5, 5, // 9
        2, 6, 2, 6, 3, 3, 3, 3, 2, 2, 2, 2, 4, 4, 4, 4, // A
        2, 5, 2, 5, 4, 4, 4, 4, 2, 4, 2, 4, 4, 4, 4, 4, // B
        2, 6, 2, 8, 3, 3, 5, 5, 2, 2, 2, 2, 4, 4, 6, 6, // C
        2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7, // D
        2, 6, 2, 8, 3, 3, 5, 5, 2, 2, 2, 2, 4, 4, 6, 6, // E
        2, 5, 2, 8, 4, 4, 6, 6, 2, 4, 2, 7, 4, 4, 7, 7, // F
    ];

    /// <summary>The base cycle count of an opcode (before page-crossing and branch extras).</summary>
    public static int BaseCycles(byte opcode) => BaseCycleTable[opcode];
}
