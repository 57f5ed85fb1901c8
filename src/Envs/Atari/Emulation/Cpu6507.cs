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
/// end-of-instruction value. The bus devices (TIA, RIOT) read <see cref="Cycles"/> to know the time. There are
/// no dummy reads or writes: a read-modify-write instruction does one read and one write of its target.
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

    private readonly IBus _bus;

    /// <summary>Extra cycles of the instruction in progress (kept apart from <see cref="Cycles"/>, which the bus may change, e.g. WSYNC).</summary>
    private int _extra;

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
        _bus = bus;
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

    // ---- bus access: every one goes through these so LastBusValue stays right ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Read(ushort address)
    {
        byte value = _bus.Read(address);
        LastBusValue = value;
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(ushort address, byte value)
    {
        LastBusValue = value;
        _bus.Write(address, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Fetch() => Read(PC++);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Fetch16()
    {
        byte lo = Fetch();
        return (ushort)(lo | (Fetch() << 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(byte value)
    {
        Write((ushort)(0x0100 | SP), value);
        SP--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Pull()
    {
        SP++;
        return Read((ushort)(0x0100 | SP));
    }

    // ---- addressing modes; the "R" variants are for read instructions, which pay for a page crossing ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Zp() => Fetch();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ZpX() => (byte)(Fetch() + X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ZpY() => (byte)(Fetch() + Y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Abs() => Fetch16();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsX() => (ushort)(Fetch16() + X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsY() => (ushort)(Fetch16() + Y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsXR() => PageCheck(Fetch16(), X);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort AbsYR() => PageCheck(Fetch16(), Y);

    /// <summary>(zp,X): the pointer wraps within the zero page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort IzX()
    {
        byte z = (byte)(Fetch() + X);
        return (ushort)(Read(z) | (Read((byte)(z + 1)) << 8));
    }

    /// <summary>Reads the (zp) pointer of (zp),Y, wrapping within the zero page.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ZpPointer()
    {
        byte z = Fetch();
        return (ushort)(Read(z) | (Read((byte)(z + 1)) << 8));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort IzY() => (ushort)(ZpPointer() + Y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort IzYR() => PageCheck(ZpPointer(), Y);

    /// <summary>Indexes a base address and charges the page-crossing cycle before the caller touches memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort PageCheck(ushort baseAddress, byte index)
    {
        ushort address = (ushort)(baseAddress + index);
        if (((address ^ baseAddress) & 0xFF00) != 0)
        {
            Cycles++;
            _extra++;
        }
        return address;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Branch(bool taken)
    {
        sbyte offset = (sbyte)Fetch();
        if (!taken) return;
        ushort target = (ushort)(PC + offset);
        int extra = ((target ^ PC) & 0xFF00) != 0 ? 2 : 1;
        Cycles += extra;
        _extra += extra;
        PC = target;
    }

    // ---- flags and ALU ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Nz(byte value) =>
        P = (byte)((P & ~(FlagN | FlagZ)) | (value & FlagN) | (value == 0 ? FlagZ : 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetFlag(byte mask, bool on) => P = on ? (byte)(P | mask) : (byte)(P & ~mask);

    private int Carry
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => P & FlagC;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ora(byte v) { A |= v; Nz(A); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void And(byte v) { A &= v; Nz(A); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Eor(byte v) { A ^= v; Nz(A); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Lda(byte v) { A = v; Nz(v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ldx(byte v) { X = v; Nz(v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ldy(byte v) { Y = v; Nz(v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Lax(byte v) { A = X = v; Nz(v); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Cmp(byte register, byte v)
    {
        int diff = register - v;
        P = (byte)((P & ~(FlagN | FlagZ | FlagC)) | (diff & FlagN) | ((diff & 0xFF) == 0 ? FlagZ : 0) | (diff >= 0 ? FlagC : 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Bit(byte v) =>
        P = (byte)((P & ~(FlagN | FlagV | FlagZ)) | (v & (FlagN | FlagV)) | ((A & v) == 0 ? FlagZ : 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Asl(byte v)
    {
        SetFlag(FlagC, (v & 0x80) != 0);
        v <<= 1;
        Nz(v);
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Lsr(byte v)
    {
        SetFlag(FlagC, (v & 0x01) != 0);
        v >>= 1;
        Nz(v);
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Rol(byte v)
    {
        int r = (v << 1) | Carry;
        SetFlag(FlagC, (v & 0x80) != 0);
        Nz((byte)r);
        return (byte)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Ror(byte v)
    {
        int r = (v >> 1) | (Carry << 7);
        SetFlag(FlagC, (v & 0x01) != 0);
        Nz((byte)r);
        return (byte)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Inc(byte v) { v++; Nz(v); return v; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Dec(byte v) { v--; Nz(v); return v; }

    /// <summary>ADC, binary or NMOS decimal.</summary>
    private void Adc(byte v)
    {
        int c = Carry;
        if ((P & FlagD) == 0)
        {
            int sum = A + v + c;
            byte r = (byte)sum;
            byte p = (byte)(P & ~(FlagN | FlagV | FlagZ | FlagC));
            p |= (byte)((r & FlagN) | (r == 0 ? FlagZ : 0) | (sum > 0xFF ? FlagC : 0) | ((~(A ^ v) & (A ^ r) & 0x80) != 0 ? FlagV : 0));
            P = p;
            A = r;
            return;
        }

        // NMOS decimal: Z comes from the plain binary sum; N and V from the sum after the low-nibble fix-up
        // but before the high-nibble fix-up (what the real chip's flag logic sees).
        int binary = (A + v + c) & 0xFF;
        int lo = (A & 0x0F) + (v & 0x0F) + c;
        if (lo >= 0x0A) lo = ((lo + 0x06) & 0x0F) + 0x10;
        int t = (A & 0xF0) + (v & 0xF0) + lo;
        bool overflow = (~(A ^ v) & (A ^ t) & 0x80) != 0;
        bool negative = (t & 0x80) != 0;
        if (t >= 0xA0) t += 0x60;
        P = (byte)((P & ~(FlagN | FlagV | FlagZ | FlagC))
            | (negative ? FlagN : 0) | (overflow ? FlagV : 0) | (binary == 0 ? FlagZ : 0) | (t >= 0x100 ? FlagC : 0));
        A = (byte)t;
    }

    /// <summary>SBC, binary or NMOS decimal (all flags come from the binary subtraction on NMOS).</summary>
    private void Sbc(byte v)
    {
        int borrow = 1 - Carry;
        int diff = A - v - borrow;
        byte r = (byte)diff;
        P = (byte)((P & ~(FlagN | FlagV | FlagZ | FlagC))
            | (r & FlagN) | (r == 0 ? FlagZ : 0) | (diff >= 0 ? FlagC : 0) | (((A ^ v) & (A ^ r) & 0x80) != 0 ? FlagV : 0));
        if ((P & FlagD) == 0)
        {
            A = r;
            return;
        }

        int lo = (A & 0x0F) - (v & 0x0F) - borrow;
        if (lo < 0) lo = ((lo - 0x06) & 0x0F) - 0x10;
        int t = (A & 0xF0) - (v & 0xF0) + lo;
        if (t < 0) t -= 0x60;
        A = (byte)t;
    }

    /// <summary>ARR ($6B): AND then ROR, with its own flag rules and a decimal-mode fix-up on NMOS.</summary>
    private void Arr(byte v)
    {
        int t = A & v;
        int r = (t >> 1) | (Carry << 7);
        if ((P & FlagD) == 0)
        {
            P = (byte)((P & ~(FlagN | FlagV | FlagZ | FlagC))
                | (r & FlagN) | (r == 0 ? FlagZ : 0) | ((r & 0x40) != 0 ? FlagC : 0) | ((((r >> 6) ^ (r >> 5)) & 1) != 0 ? FlagV : 0));
            A = (byte)r;
            return;
        }

        // Decimal: N and Z from the rotated value, V from bit 6 changing, then each nibble is BCD-adjusted
        // if the AND result's nibble (plus its low bit) is out of range; the high adjust decides carry.
        byte p = (byte)((P & ~(FlagN | FlagV | FlagZ | FlagC)) | (r & FlagN) | (r == 0 ? FlagZ : 0) | (((t ^ r) & 0x40) != 0 ? FlagV : 0));
        if ((t & 0x0F) + (t & 0x01) > 0x05) r = (r & 0xF0) | ((r + 0x06) & 0x0F);
        if ((t & 0xF0) + (t & 0x10) > 0x50)
        {
            r = (r + 0x60) & 0xFF;
            p |= FlagC;
        }
        P = p;
        A = (byte)r;
    }

    /// <summary>SBX/AXS ($CB): X = (A AND X) - imm, carry like CMP, no borrow in and no decimal mode.</summary>
    private void Sbx(byte v)
    {
        int ax = A & X;
        int diff = ax - v;
        X = (byte)diff;
        P = (byte)((P & ~(FlagN | FlagZ | FlagC)) | (X & FlagN) | (X == 0 ? FlagZ : 0) | (diff >= 0 ? FlagC : 0));
    }

    /// <summary>Base cycle count of every opcode (NMOS 6502, undocumented opcodes included).</summary>
    private static readonly byte[] BaseCycleTable =
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
