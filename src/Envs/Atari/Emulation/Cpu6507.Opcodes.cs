using System.Runtime.CompilerServices;

namespace Rims.Envs.Atari.Emulation;

public sealed partial class Cpu6507
{
    /// <summary>
    /// Set by a device to stop <see cref="Run"/> after the instruction in progress (the TIA sets it when a frame ends);
    /// whoever starts a run clears it first.
    /// </summary>
    internal bool StopRequested;

    /// <summary>
    /// Executes one instruction and returns the cycles it took (base plus page-crossing/branch extras; cycles
    /// the bus adds on its own, such as a WSYNC stall, are not included). Returns 0 and does nothing once
    /// <see cref="Jammed"/> is set.
    /// </summary>
    public int Step() => Run(1) == 0 ? 0 : instructionCycles;

    /// <summary>
    /// Executes up to <paramref name="maxInstructions"/> instructions, stopping early after an instruction that jams the
    /// CPU or leaves <see cref="StopRequested"/> set. Returns the number executed (0 when already jammed).
    /// </summary>
    /// <remarks>
    /// This is the emulator's hot loop, written for the JIT: the loop lives here rather than in a call per instruction;
    /// the registers live in locals (written back at the end and around <see cref="Execute"/>), so they stay in machine
    /// registers (nothing outside the CPU looks at them meanwhile: the devices read only <see cref="Cycles"/> and
    /// <see cref="LastBusValue"/>); the switch over the opcode compiles to one jump table; and its cases, the most
    /// frequent opcodes, are few enough for the JIT to inline every helper into them (a switch over all 256 opcodes
    /// exceeds the JIT's inlining budget). The other opcodes are run by <see cref="Execute"/>.
    /// </remarks>
    public int Run(int maxInstructions)
    {
        if (Jammed) return 0;
        ushort pc = PC;
        byte a = A, x = X, y = Y, sp = SP, p = P;
        int executed = 0;
        while (executed < maxInstructions)
        {
            executed++;
            byte op = Fetch(ref pc);
            int baseCycles = BaseCycleTable[op];
            // Charge the whole instruction up front so that the operand access sees the end-of-instruction time.
            Cycles += baseCycles;
            instructionCycles = baseCycles;
            ushort ad;
            byte v;
            switch (op)
            {
                // The most frequent opcodes, measured over ten games (STA zp alone is 16% of all instructions, the
                // branches 20%). Execute has them too: it is the whole instruction set.
                case 0x85: Write(Zp(ref pc), a); break;
                case 0xAD: Load(ref a, ref p, Read(Abs(ref pc))); break;
                case 0xB1: Load(ref a, ref p, Read(IzYR(ref pc, y))); break;
                case 0xA5: Load(ref a, ref p, Read(Zp(ref pc))); break;
                case 0xCA: x = Dec(ref p, x); break;
                case 0x29: And(ref a, ref p, Fetch(ref pc)); break;
                case 0x8A: a = x; Nz(ref p, a); break;
                case 0x84: Write(Zp(ref pc), y); break;
                case 0x86: Write(Zp(ref pc), x); break;
                case 0x88: y = Dec(ref p, y); break;
                case 0xA9: Load(ref a, ref p, Fetch(ref pc)); break;
                case 0x4A: a = Lsr(ref p, a); break;
                case 0xA4: Load(ref y, ref p, Read(Zp(ref pc))); break;
                case 0x38: p |= FlagC; break;
                case 0xB9: Load(ref a, ref p, Read(AbsYR(ref pc, y))); break;
                case 0xE5: Sbc(ref a, ref p, Read(Zp(ref pc))); break;
                case 0xB5: Load(ref a, ref p, Read(ZpX(ref pc, x))); break;
                case 0x25: And(ref a, ref p, Read(Zp(ref pc))); break;
                case 0xA0: Load(ref y, ref p, Fetch(ref pc)); break;
                case 0xA6: Load(ref x, ref p, Read(Zp(ref pc))); break;
                case 0xC6: ad = Zp(ref pc); Write(ad, Dec(ref p, Read(ad))); break;
                case 0xA8: y = a; Nz(ref p, y); break;
                case 0xBD: Load(ref a, ref p, Read(AbsXR(ref pc, x))); break;
                case 0xC8: y = Inc(ref p, y); break;
                case 0xE8: x = Inc(ref p, x); break;
                case 0x0A: a = Asl(ref p, a); break;
                case 0xA2: Load(ref x, ref p, Fetch(ref pc)); break;
                case 0xC9: Cmp(ref p, a, Fetch(ref pc)); break;
                case 0xAA: x = a; Nz(ref p, x); break;
                case 0xC0: Cmp(ref p, y, Fetch(ref pc)); break;
                case 0x24: Bit(ref p, a, Read(Zp(ref pc))); break;
                case 0x4C: pc = Fetch16(ref pc); break;
                case 0x95: Write(ZpX(ref pc, x), a); break;
                case 0x08: Push(ref sp, (byte)(p | FlagB | FlagU)); break;
                case 0xAE: Load(ref x, ref p, Read(Abs(ref pc))); break;
                case 0xAC: Load(ref y, ref p, Read(Abs(ref pc))); break;
                case 0x18: p &= unchecked((byte)~FlagC); break;
                case 0x98: a = y; Nz(ref p, a); break;
                case 0xC4: Cmp(ref p, y, Read(Zp(ref pc))); break;
                case 0xC5: Cmp(ref p, a, Read(Zp(ref pc))); break;
                case 0xE0: Cmp(ref p, x, Fetch(ref pc)); break;
                case 0x45: Eor(ref a, ref p, Read(Zp(ref pc))); break;
                case 0x65: Adc(ref a, ref p, Read(Zp(ref pc))); break;
                case 0x75: Adc(ref a, ref p, Read(ZpX(ref pc, x))); break;
                case 0x68: ReadStack(sp); a = Pull(ref sp); Nz(ref p, a); break;
                case 0x8D: Write(Abs(ref pc), a); break;
                case 0xBE: Load(ref x, ref p, Read(AbsYR(ref pc, y))); break;
                case 0x05: Ora(ref a, ref p, Read(Zp(ref pc))); break;
                case 0x69: Adc(ref a, ref p, Fetch(ref pc)); break;
                case 0x09: Ora(ref a, ref p, Fetch(ref pc)); break;
                case 0x1D: Ora(ref a, ref p, Read(AbsXR(ref pc, x))); break;
                case 0x2D: And(ref a, ref p, Read(Abs(ref pc))); break;
                case 0x3D: And(ref a, ref p, Read(AbsXR(ref pc, x))); break;
                case 0x49: Eor(ref a, ref p, Fetch(ref pc)); break;
                case 0xD5: Cmp(ref p, a, Read(ZpX(ref pc, x))); break;
                case 0xE4: Cmp(ref p, x, Read(Zp(ref pc))); break;
                case 0xB4: Load(ref y, ref p, Read(ZpX(ref pc, x))); break;
                case 0xBC: Load(ref y, ref p, Read(AbsXR(ref pc, x))); break;
                case 0x99: Write(AbsY(ref pc, y), a); break;
                case 0x46: ad = Zp(ref pc); Write(ad, Lsr(ref p, Read(ad))); break;
                case 0xE6: ad = Zp(ref pc); Write(ad, Inc(ref p, Read(ad))); break;
                case 0x9A: sp = x; break;
                case 0x48: Push(ref sp, a); break;
                case 0xE9: Sbc(ref a, ref p, Fetch(ref pc)); break;
                case 0x20:
                    // JSR: low operand byte, push the return address (the high operand byte's address), then the high byte.
                    v = Fetch(ref pc);
                    ReadStack(sp);
                    Push(ref sp, (byte)(pc >> 8));
                    Push(ref sp, (byte)pc);
                    pc = (ushort)(v | (Read(pc) << 8));
                    break;
                case 0x60:
                    ReadStack(sp);
                    v = Pull(ref sp);
                    pc = (ushort)(v | (Pull(ref sp) << 8));
                    Fetch(ref pc); // the reference reads the byte at the pulled address while stepping past it
                    break;
                case 0x10:
                case 0x30:
                case 0x50:
                case 0x70:
                case 0x90:
                case 0xB0:
                case 0xD0:
                case 0xF0:
                    Branch(ref pc, BranchTaken(p, op));
                    break;
                case 0xEA: break;
                // Every other opcode is listed too, so that the switch is dense and compiles to a single jump table.
#pragma warning disable format
                case 0x00: case 0x01: case 0x02: case 0x03: case 0x04: case 0x06: case 0x07: case 0x0B: case 0x0C: case 0x0D: case 0x0E: case 0x0F:
                case 0x11: case 0x12: case 0x13: case 0x14: case 0x15: case 0x16: case 0x17: case 0x19: case 0x1A: case 0x1B: case 0x1C: case 0x1E:
                case 0x1F: case 0x21: case 0x22: case 0x23: case 0x26: case 0x27: case 0x28: case 0x2A: case 0x2B: case 0x2C: case 0x2E: case 0x2F:
                case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: case 0x39: case 0x3A: case 0x3B: case 0x3C: case 0x3E:
                case 0x3F: case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x47: case 0x4B: case 0x4D: case 0x4E: case 0x4F: case 0x51:
                case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57: case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D:
                case 0x5E: case 0x5F: case 0x61: case 0x62: case 0x63: case 0x64: case 0x66: case 0x67: case 0x6A: case 0x6B: case 0x6C: case 0x6D:
                case 0x6E: case 0x6F: case 0x71: case 0x72: case 0x73: case 0x74: case 0x76: case 0x77: case 0x78: case 0x79: case 0x7A: case 0x7B:
                case 0x7C: case 0x7D: case 0x7E: case 0x7F: case 0x80: case 0x81: case 0x82: case 0x83: case 0x87: case 0x89: case 0x8B: case 0x8C:
                case 0x8E: case 0x8F: case 0x91: case 0x92: case 0x93: case 0x94: case 0x96: case 0x97: case 0x9B: case 0x9C: case 0x9D: case 0x9E:
                case 0x9F: case 0xA1: case 0xA3: case 0xA7: case 0xAB: case 0xAF: case 0xB2: case 0xB3: case 0xB6: case 0xB7: case 0xB8: case 0xBA:
                case 0xBB: case 0xBF: case 0xC1: case 0xC2: case 0xC3: case 0xC7: case 0xCB: case 0xCC: case 0xCD: case 0xCE: case 0xCF: case 0xD1:
                case 0xD2: case 0xD3: case 0xD4: case 0xD6: case 0xD7: case 0xD8: case 0xD9: case 0xDA: case 0xDB: case 0xDC: case 0xDD: case 0xDE:
                case 0xDF: case 0xE1: case 0xE2: case 0xE3: case 0xE7: case 0xEB: case 0xEC: case 0xED: case 0xEE: case 0xEF: case 0xF1: case 0xF2:
                case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF7: case 0xF8: case 0xF9: case 0xFA: case 0xFB: case 0xFC: case 0xFD: case 0xFE:
                case 0xFF:
#pragma warning restore format
                    (PC, A, X, Y, SP, P) = (pc, a, x, y, sp, p);
                    Execute(op);
                    (pc, a, x, y, sp, p) = (PC, A, X, Y, SP, P);
                    if (Jammed) goto stop; // only Execute runs the JAM opcodes
                    break;
            }

            if (StopRequested) break;
        }
    stop:
        (PC, A, X, Y, SP, P) = (pc, a, x, y, sp, p);
        return executed;
    }

    /// <summary>
    /// Executes the rest of instruction <paramref name="op"/> (its opcode fetched and its base cycles charged) on the
    /// register fields: the whole instruction set, for the opcodes <see cref="Run"/> does not handle itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Execute(byte op)
    {
        ushort pc = PC;
        byte a = A, x = X, y = Y, sp = SP, p = P;

        ushort ad;
        ushort b;
        byte v;
        switch (op)
        {
            // ---------------- ORA ----------------
            case 0x09: Ora(ref a, ref p, Fetch(ref pc)); break;
            case 0x05: Ora(ref a, ref p, Read(Zp(ref pc))); break;
            case 0x15: Ora(ref a, ref p, Read(ZpX(ref pc, x))); break;
            case 0x0D: Ora(ref a, ref p, Read(Abs(ref pc))); break;
            case 0x1D: Ora(ref a, ref p, Read(AbsXR(ref pc, x))); break;
            case 0x19: Ora(ref a, ref p, Read(AbsYR(ref pc, y))); break;
            case 0x01: Ora(ref a, ref p, Read(IzX(ref pc, x))); break;
            case 0x11: Ora(ref a, ref p, Read(IzYR(ref pc, y))); break;

            // ---------------- AND ----------------
            case 0x29: And(ref a, ref p, Fetch(ref pc)); break;
            case 0x25: And(ref a, ref p, Read(Zp(ref pc))); break;
            case 0x35: And(ref a, ref p, Read(ZpX(ref pc, x))); break;
            case 0x2D: And(ref a, ref p, Read(Abs(ref pc))); break;
            case 0x3D: And(ref a, ref p, Read(AbsXR(ref pc, x))); break;
            case 0x39: And(ref a, ref p, Read(AbsYR(ref pc, y))); break;
            case 0x21: And(ref a, ref p, Read(IzX(ref pc, x))); break;
            case 0x31: And(ref a, ref p, Read(IzYR(ref pc, y))); break;

            // ---------------- EOR ----------------
            case 0x49: Eor(ref a, ref p, Fetch(ref pc)); break;
            case 0x45: Eor(ref a, ref p, Read(Zp(ref pc))); break;
            case 0x55: Eor(ref a, ref p, Read(ZpX(ref pc, x))); break;
            case 0x4D: Eor(ref a, ref p, Read(Abs(ref pc))); break;
            case 0x5D: Eor(ref a, ref p, Read(AbsXR(ref pc, x))); break;
            case 0x59: Eor(ref a, ref p, Read(AbsYR(ref pc, y))); break;
            case 0x41: Eor(ref a, ref p, Read(IzX(ref pc, x))); break;
            case 0x51: Eor(ref a, ref p, Read(IzYR(ref pc, y))); break;

            // ---------------- ADC ----------------
            case 0x69: Adc(ref a, ref p, Fetch(ref pc)); break;
            case 0x65: Adc(ref a, ref p, Read(Zp(ref pc))); break;
            case 0x75: Adc(ref a, ref p, Read(ZpX(ref pc, x))); break;
            case 0x6D: Adc(ref a, ref p, Read(Abs(ref pc))); break;
            case 0x7D: Adc(ref a, ref p, Read(AbsXR(ref pc, x))); break;
            case 0x79: Adc(ref a, ref p, Read(AbsYR(ref pc, y))); break;
            case 0x61: Adc(ref a, ref p, Read(IzX(ref pc, x))); break;
            case 0x71: Adc(ref a, ref p, Read(IzYR(ref pc, y))); break;

            // ---------------- SBC ($EB is the undocumented copy) ----------------
            case 0xE9:
            case 0xEB: Sbc(ref a, ref p, Fetch(ref pc)); break;
            case 0xE5: Sbc(ref a, ref p, Read(Zp(ref pc))); break;
            case 0xF5: Sbc(ref a, ref p, Read(ZpX(ref pc, x))); break;
            case 0xED: Sbc(ref a, ref p, Read(Abs(ref pc))); break;
            case 0xFD: Sbc(ref a, ref p, Read(AbsXR(ref pc, x))); break;
            case 0xF9: Sbc(ref a, ref p, Read(AbsYR(ref pc, y))); break;
            case 0xE1: Sbc(ref a, ref p, Read(IzX(ref pc, x))); break;
            case 0xF1: Sbc(ref a, ref p, Read(IzYR(ref pc, y))); break;

            // ---------------- CMP / CPX / CPY ----------------
            case 0xC9: Cmp(ref p, a, Fetch(ref pc)); break;
            case 0xC5: Cmp(ref p, a, Read(Zp(ref pc))); break;
            case 0xD5: Cmp(ref p, a, Read(ZpX(ref pc, x))); break;
            case 0xCD: Cmp(ref p, a, Read(Abs(ref pc))); break;
            case 0xDD: Cmp(ref p, a, Read(AbsXR(ref pc, x))); break;
            case 0xD9: Cmp(ref p, a, Read(AbsYR(ref pc, y))); break;
            case 0xC1: Cmp(ref p, a, Read(IzX(ref pc, x))); break;
            case 0xD1: Cmp(ref p, a, Read(IzYR(ref pc, y))); break;
            case 0xE0: Cmp(ref p, x, Fetch(ref pc)); break;
            case 0xE4: Cmp(ref p, x, Read(Zp(ref pc))); break;
            case 0xEC: Cmp(ref p, x, Read(Abs(ref pc))); break;
            case 0xC0: Cmp(ref p, y, Fetch(ref pc)); break;
            case 0xC4: Cmp(ref p, y, Read(Zp(ref pc))); break;
            case 0xCC: Cmp(ref p, y, Read(Abs(ref pc))); break;

            // ---------------- BIT ----------------
            case 0x24: Bit(ref p, a, Read(Zp(ref pc))); break;
            case 0x2C: Bit(ref p, a, Read(Abs(ref pc))); break;

            // ---------------- LDA / LDX / LDY ----------------
            case 0xA9: Load(ref a, ref p, Fetch(ref pc)); break;
            case 0xA5: Load(ref a, ref p, Read(Zp(ref pc))); break;
            case 0xB5: Load(ref a, ref p, Read(ZpX(ref pc, x))); break;
            case 0xAD: Load(ref a, ref p, Read(Abs(ref pc))); break;
            case 0xBD: Load(ref a, ref p, Read(AbsXR(ref pc, x))); break;
            case 0xB9: Load(ref a, ref p, Read(AbsYR(ref pc, y))); break;
            case 0xA1: Load(ref a, ref p, Read(IzX(ref pc, x))); break;
            case 0xB1: Load(ref a, ref p, Read(IzYR(ref pc, y))); break;
            case 0xA2: Load(ref x, ref p, Fetch(ref pc)); break;
            case 0xA6: Load(ref x, ref p, Read(Zp(ref pc))); break;
            case 0xB6: Load(ref x, ref p, Read(ZpY(ref pc, y))); break;
            case 0xAE: Load(ref x, ref p, Read(Abs(ref pc))); break;
            case 0xBE: Load(ref x, ref p, Read(AbsYR(ref pc, y))); break;
            case 0xA0: Load(ref y, ref p, Fetch(ref pc)); break;
            case 0xA4: Load(ref y, ref p, Read(Zp(ref pc))); break;
            case 0xB4: Load(ref y, ref p, Read(ZpX(ref pc, x))); break;
            case 0xAC: Load(ref y, ref p, Read(Abs(ref pc))); break;
            case 0xBC: Load(ref y, ref p, Read(AbsXR(ref pc, x))); break;

            // ---------------- STA / STX / STY (stores never pay for page crossing) ----------------
            case 0x85: Write(Zp(ref pc), a); break;
            case 0x95: Write(ZpX(ref pc, x), a); break;
            case 0x8D: Write(Abs(ref pc), a); break;
            case 0x9D: Write(AbsX(ref pc, x), a); break;
            case 0x99: Write(AbsY(ref pc, y), a); break;
            case 0x81: Write(IzX(ref pc, x), a); break;
            case 0x91: Write(IzY(ref pc, y), a); break;
            case 0x86: Write(Zp(ref pc), x); break;
            case 0x96: Write(ZpY(ref pc, y), x); break;
            case 0x8E: Write(Abs(ref pc), x); break;
            case 0x84: Write(Zp(ref pc), y); break;
            case 0x94: Write(ZpX(ref pc, x), y); break;
            case 0x8C: Write(Abs(ref pc), y); break;

            // ---------------- shifts and rotates ----------------
            case 0x0A: a = Asl(ref p, a); break;
            case 0x06: ad = Zp(ref pc); Write(ad, Asl(ref p, Read(ad))); break;
            case 0x16: ad = ZpX(ref pc, x); Write(ad, Asl(ref p, Read(ad))); break;
            case 0x0E: ad = Abs(ref pc); Write(ad, Asl(ref p, Read(ad))); break;
            case 0x1E: ad = AbsX(ref pc, x); Write(ad, Asl(ref p, Read(ad))); break;
            case 0x4A: a = Lsr(ref p, a); break;
            case 0x46: ad = Zp(ref pc); Write(ad, Lsr(ref p, Read(ad))); break;
            case 0x56: ad = ZpX(ref pc, x); Write(ad, Lsr(ref p, Read(ad))); break;
            case 0x4E: ad = Abs(ref pc); Write(ad, Lsr(ref p, Read(ad))); break;
            case 0x5E: ad = AbsX(ref pc, x); Write(ad, Lsr(ref p, Read(ad))); break;
            case 0x2A: a = Rol(ref p, a); break;
            case 0x26: ad = Zp(ref pc); Write(ad, Rol(ref p, Read(ad))); break;
            case 0x36: ad = ZpX(ref pc, x); Write(ad, Rol(ref p, Read(ad))); break;
            case 0x2E: ad = Abs(ref pc); Write(ad, Rol(ref p, Read(ad))); break;
            case 0x3E: ad = AbsX(ref pc, x); Write(ad, Rol(ref p, Read(ad))); break;
            case 0x6A: a = Ror(ref p, a); break;
            case 0x66: ad = Zp(ref pc); Write(ad, Ror(ref p, Read(ad))); break;
            case 0x76: ad = ZpX(ref pc, x); Write(ad, Ror(ref p, Read(ad))); break;
            case 0x6E: ad = Abs(ref pc); Write(ad, Ror(ref p, Read(ad))); break;
            case 0x7E: ad = AbsX(ref pc, x); Write(ad, Ror(ref p, Read(ad))); break;

            // ---------------- INC / DEC memory and registers ----------------
            case 0xE6: ad = Zp(ref pc); Write(ad, Inc(ref p, Read(ad))); break;
            case 0xF6: ad = ZpX(ref pc, x); Write(ad, Inc(ref p, Read(ad))); break;
            case 0xEE: ad = Abs(ref pc); Write(ad, Inc(ref p, Read(ad))); break;
            case 0xFE: ad = AbsX(ref pc, x); Write(ad, Inc(ref p, Read(ad))); break;
            case 0xC6: ad = Zp(ref pc); Write(ad, Dec(ref p, Read(ad))); break;
            case 0xD6: ad = ZpX(ref pc, x); Write(ad, Dec(ref p, Read(ad))); break;
            case 0xCE: ad = Abs(ref pc); Write(ad, Dec(ref p, Read(ad))); break;
            case 0xDE: ad = AbsX(ref pc, x); Write(ad, Dec(ref p, Read(ad))); break;
            case 0xE8: x = Inc(ref p, x); break;
            case 0xCA: x = Dec(ref p, x); break;
            case 0xC8: y = Inc(ref p, y); break;
            case 0x88: y = Dec(ref p, y); break;

            // ---------------- transfers ----------------
            case 0xAA: x = a; Nz(ref p, x); break;
            case 0x8A: a = x; Nz(ref p, a); break;
            case 0xA8: y = a; Nz(ref p, y); break;
            case 0x98: a = y; Nz(ref p, a); break;
            case 0xBA: x = sp; Nz(ref p, x); break;
            case 0x9A: sp = x; break;

            // ---------------- flags ----------------
            case 0x18: p &= unchecked((byte)~FlagC); break;
            case 0x38: p |= FlagC; break;
            case 0x58: p &= unchecked((byte)~FlagI); break;
            case 0x78: p |= FlagI; break;
            case 0xB8: p &= unchecked((byte)~FlagV); break;
            case 0xD8: p &= unchecked((byte)~FlagD); break;
            case 0xF8: p |= FlagD; break;

            // ---------------- branches ----------------
            case 0x10: Branch(ref pc, (p & FlagN) == 0); break;
            case 0x30: Branch(ref pc, (p & FlagN) != 0); break;
            case 0x50: Branch(ref pc, (p & FlagV) == 0); break;
            case 0x70: Branch(ref pc, (p & FlagV) != 0); break;
            case 0x90: Branch(ref pc, (p & FlagC) == 0); break;
            case 0xB0: Branch(ref pc, (p & FlagC) != 0); break;
            case 0xD0: Branch(ref pc, (p & FlagZ) == 0); break;
            case 0xF0: Branch(ref pc, (p & FlagZ) != 0); break;

            // ---------------- jumps, calls, stack ----------------
            case 0x4C: pc = Fetch16(ref pc); break;
            case 0x6C:
                // The NMOS pointer's high byte is fetched without carrying into the pointer's page.
                b = Fetch16(ref pc);
                v = Read(b);
                pc = (ushort)(v | (Read((ushort)((b & 0xFF00) | ((b + 1) & 0x00FF))) << 8));
                break;
            case 0x20:
                // Same order as the chip: low operand byte, push the return address (the high operand byte's
                // address), then the high byte.
                v = Fetch(ref pc);
                ReadStack(sp);
                Push(ref sp, (byte)(pc >> 8));
                Push(ref sp, (byte)pc);
                pc = (ushort)(v | (Read(pc) << 8));
                break;
            case 0x60:
                ReadStack(sp);
                v = Pull(ref sp);
                pc = (ushort)(v | (Pull(ref sp) << 8));
                Fetch(ref pc); // the reference reads the byte at the pulled address while stepping past it
                break;
            case 0x00:
                // BRK reads and skips a padding byte: the pushed return address is the opcode address + 2.
                Fetch(ref pc);
                Push(ref sp, (byte)(pc >> 8));
                Push(ref sp, (byte)pc);
                Push(ref sp, (byte)(p | FlagB | FlagU));
                p |= FlagI;
                v = Read(0xFFFE);
                pc = (ushort)(v | (Read(0xFFFF) << 8));
                break;
            case 0x40:
                ReadStack(sp);
                p = (byte)((Pull(ref sp) & ~(FlagB | FlagU)) | FlagU);
                v = Pull(ref sp);
                pc = (ushort)(v | (Pull(ref sp) << 8));
                break;
            case 0x48: Push(ref sp, a); break;
            case 0x68: ReadStack(sp); a = Pull(ref sp); Nz(ref p, a); break;
            case 0x08: Push(ref sp, (byte)(p | FlagB | FlagU)); break;
            case 0x28: ReadStack(sp); p = (byte)((Pull(ref sp) & ~(FlagB | FlagU)) | FlagU); break;

            // ---------------- NOPs (the undocumented ones with operands do read them) ----------------
            case 0xEA:
            case 0x1A:
            case 0x3A:
            case 0x5A:
            case 0x7A:
            case 0xDA:
            case 0xFA:
                break;
            case 0x80:
            case 0x82:
            case 0x89:
            case 0xC2:
            case 0xE2:
                pc++;
                break;
            case 0x04:
            case 0x44:
            case 0x64:
                Read(Zp(ref pc));
                break;
            case 0x14:
            case 0x34:
            case 0x54:
            case 0x74:
            case 0xD4:
            case 0xF4:
                Read(ZpX(ref pc, x));
                break;
            case 0x0C:
                // Reads matter: the address may be a bank-switching hotspot.
                Read(Abs(ref pc));
                break;
            case 0x1C:
            case 0x3C:
            case 0x5C:
            case 0x7C:
            case 0xDC:
            case 0xFC:
                Read(AbsXR(ref pc, x));
                break;

            // ---------------- JAM: the chip locks up until reset ----------------
            case 0x02:
            case 0x12:
            case 0x22:
            case 0x32:
            case 0x42:
            case 0x52:
            case 0x62:
            case 0x72:
            case 0x92:
            case 0xB2:
            case 0xD2:
            case 0xF2:
                Jammed = true;
                pc--;
                break;

            // ---------------- SLO: ASL memory, then ORA ----------------
            case 0x07: ad = Zp(ref pc); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;
            case 0x17: ad = ZpX(ref pc, x); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;
            case 0x0F: ad = Abs(ref pc); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;
            case 0x1F: ad = AbsX(ref pc, x); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;
            case 0x1B: ad = AbsY(ref pc, y); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;
            case 0x03: ad = IzX(ref pc, x); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;
            case 0x13: ad = IzY(ref pc, y); v = Asl(ref p, Read(ad)); Write(ad, v); Ora(ref a, ref p, v); break;

            // ---------------- RLA: ROL memory, then AND ----------------
            case 0x27: ad = Zp(ref pc); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;
            case 0x37: ad = ZpX(ref pc, x); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;
            case 0x2F: ad = Abs(ref pc); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;
            case 0x3F: ad = AbsX(ref pc, x); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;
            case 0x3B: ad = AbsY(ref pc, y); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;
            case 0x23: ad = IzX(ref pc, x); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;
            case 0x33: ad = IzY(ref pc, y); v = Rol(ref p, Read(ad)); Write(ad, v); And(ref a, ref p, v); break;

            // ---------------- SRE: LSR memory, then EOR ----------------
            case 0x47: ad = Zp(ref pc); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;
            case 0x57: ad = ZpX(ref pc, x); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;
            case 0x4F: ad = Abs(ref pc); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;
            case 0x5F: ad = AbsX(ref pc, x); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;
            case 0x5B: ad = AbsY(ref pc, y); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;
            case 0x43: ad = IzX(ref pc, x); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;
            case 0x53: ad = IzY(ref pc, y); v = Lsr(ref p, Read(ad)); Write(ad, v); Eor(ref a, ref p, v); break;

            // ---------------- RRA: ROR memory, then ADC (with the carry ROR produced) ----------------
            case 0x67: ad = Zp(ref pc); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;
            case 0x77: ad = ZpX(ref pc, x); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;
            case 0x6F: ad = Abs(ref pc); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;
            case 0x7F: ad = AbsX(ref pc, x); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;
            case 0x7B: ad = AbsY(ref pc, y); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;
            case 0x63: ad = IzX(ref pc, x); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;
            case 0x73: ad = IzY(ref pc, y); v = Ror(ref p, Read(ad)); Write(ad, v); Adc(ref a, ref p, v); break;

            // ---------------- DCP: DEC memory, then CMP ----------------
            case 0xC7: ad = Zp(ref pc); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;
            case 0xD7: ad = ZpX(ref pc, x); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;
            case 0xCF: ad = Abs(ref pc); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;
            case 0xDF: ad = AbsX(ref pc, x); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;
            case 0xDB: ad = AbsY(ref pc, y); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;
            case 0xC3: ad = IzX(ref pc, x); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;
            case 0xD3: ad = IzY(ref pc, y); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(ref p, a, v); break;

            // ---------------- ISB/ISC: INC memory, then SBC ----------------
            case 0xE7: ad = Zp(ref pc); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;
            case 0xF7: ad = ZpX(ref pc, x); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;
            case 0xEF: ad = Abs(ref pc); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;
            case 0xFF: ad = AbsX(ref pc, x); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;
            case 0xFB: ad = AbsY(ref pc, y); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;
            case 0xE3: ad = IzX(ref pc, x); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;
            case 0xF3: ad = IzY(ref pc, y); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(ref a, ref p, v); break;

            // ---------------- SAX: store a AND x ----------------
            case 0x87: Write(Zp(ref pc), (byte)(a & x)); break;
            case 0x97: Write(ZpY(ref pc, y), (byte)(a & x)); break;
            case 0x8F: Write(Abs(ref pc), (byte)(a & x)); break;
            case 0x83: Write(IzX(ref pc, x), (byte)(a & x)); break;

            // ---------------- LAX: load a and x ----------------
            case 0xA7: Lax(ref a, ref x, ref p, Read(Zp(ref pc))); break;
            case 0xB7: Lax(ref a, ref x, ref p, Read(ZpY(ref pc, y))); break;
            case 0xAF: Lax(ref a, ref x, ref p, Read(Abs(ref pc))); break;
            case 0xBF: Lax(ref a, ref x, ref p, Read(AbsYR(ref pc, y))); break;
            case 0xA3: Lax(ref a, ref x, ref p, Read(IzX(ref pc, x))); break;
            case 0xB3: Lax(ref a, ref x, ref p, Read(IzYR(ref pc, y))); break;

            // ---------------- immediate-mode oddities ----------------
            case 0x0B:
            case 0x2B:
                // ANC: AND, and carry copies the result's sign.
                And(ref a, ref p, Fetch(ref pc));
                SetFlag(ref p, FlagC, (a & 0x80) != 0);
                break;
            case 0x4B:
                // ALR: AND then LSR a.
                a = Lsr(ref p, (byte)(a & Fetch(ref pc)));
                break;
            case 0x6B: Arr(ref a, ref p, Fetch(ref pc)); break;
            case 0xCB: Sbx(ref x, ref p, a, Fetch(ref pc)); break;
            case 0x8B:
                // XAA (unstable on real chips): the common "magic constant $EE" model.
                a = (byte)((a | 0xEE) & x & Fetch(ref pc));
                Nz(ref p, a);
                break;
            case 0xAB:
                // LXA (unstable on real chips): same magic-constant model, loading both a and x.
                a = x = (byte)((a | 0xEE) & Fetch(ref pc));
                Nz(ref p, a);
                break;
            case 0xBB:
                // LAS: memory AND sp into a, x and sp.
                v = (byte)(Read(AbsYR(ref pc, y)) & sp);
                a = x = sp = v;
                Nz(ref p, v);
                break;

            // ---------------- unstable stores: value AND (high byte of base address + 1) ----------------
            case 0x93:
                b = ZpPointer(ref pc);
                Write((ushort)(b + y), (byte)(a & x & ((b >> 8) + 1)));
                break;
            case 0x9F:
                b = Fetch16(ref pc);
                Write((ushort)(b + y), (byte)(a & x & ((b >> 8) + 1)));
                break;
            case 0x9B:
                b = Fetch16(ref pc);
                sp = (byte)(a & x);
                Write((ushort)(b + y), (byte)(sp & ((b >> 8) + 1)));
                break;
            case 0x9C:
                b = Fetch16(ref pc);
                Write((ushort)(b + x), (byte)(y & ((b >> 8) + 1)));
                break;
            case 0x9E:
                b = Fetch16(ref pc);
                Write((ushort)(b + y), (byte)(x & ((b >> 8) + 1)));
                break;
        }
        (PC, A, X, Y, SP, P) = (pc, a, x, y, sp, p);
    }
}
