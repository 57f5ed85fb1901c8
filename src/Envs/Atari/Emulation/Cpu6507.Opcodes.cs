namespace Rims.Envs.Atari.Emulation;

public sealed partial class Cpu6507
{
    /// <summary>
    /// Executes one instruction and returns the cycles it took (base plus page-crossing/branch extras; cycles
    /// the bus adds on its own, such as a WSYNC stall, are not included). Returns 0 and does nothing once
    /// <see cref="Jammed"/> is set.
    /// </summary>
    public int Step()
    {
        if (Jammed) return 0;

        byte op = Fetch();
        int baseCycles = BaseCycleTable[op];
        // Charge the whole instruction up front so that the operand access sees the end-of-instruction time.
        Cycles += baseCycles;
        _extra = 0;

        ushort ad;
        ushort b;
        byte v;
        switch (op)
        {
            // ---------------- ORA ----------------
            case 0x09: Ora(Fetch()); break;
            case 0x05: Ora(Read(Zp())); break;
            case 0x15: Ora(Read(ZpX())); break;
            case 0x0D: Ora(Read(Abs())); break;
            case 0x1D: Ora(Read(AbsXR())); break;
            case 0x19: Ora(Read(AbsYR())); break;
            case 0x01: Ora(Read(IzX())); break;
            case 0x11: Ora(Read(IzYR())); break;

            // ---------------- AND ----------------
            case 0x29: And(Fetch()); break;
            case 0x25: And(Read(Zp())); break;
            case 0x35: And(Read(ZpX())); break;
            case 0x2D: And(Read(Abs())); break;
            case 0x3D: And(Read(AbsXR())); break;
            case 0x39: And(Read(AbsYR())); break;
            case 0x21: And(Read(IzX())); break;
            case 0x31: And(Read(IzYR())); break;

            // ---------------- EOR ----------------
            case 0x49: Eor(Fetch()); break;
            case 0x45: Eor(Read(Zp())); break;
            case 0x55: Eor(Read(ZpX())); break;
            case 0x4D: Eor(Read(Abs())); break;
            case 0x5D: Eor(Read(AbsXR())); break;
            case 0x59: Eor(Read(AbsYR())); break;
            case 0x41: Eor(Read(IzX())); break;
            case 0x51: Eor(Read(IzYR())); break;

            // ---------------- ADC ----------------
            case 0x69: Adc(Fetch()); break;
            case 0x65: Adc(Read(Zp())); break;
            case 0x75: Adc(Read(ZpX())); break;
            case 0x6D: Adc(Read(Abs())); break;
            case 0x7D: Adc(Read(AbsXR())); break;
            case 0x79: Adc(Read(AbsYR())); break;
            case 0x61: Adc(Read(IzX())); break;
            case 0x71: Adc(Read(IzYR())); break;

            // ---------------- SBC ($EB is the undocumented copy) ----------------
            case 0xE9:
            case 0xEB: Sbc(Fetch()); break;
            case 0xE5: Sbc(Read(Zp())); break;
            case 0xF5: Sbc(Read(ZpX())); break;
            case 0xED: Sbc(Read(Abs())); break;
            case 0xFD: Sbc(Read(AbsXR())); break;
            case 0xF9: Sbc(Read(AbsYR())); break;
            case 0xE1: Sbc(Read(IzX())); break;
            case 0xF1: Sbc(Read(IzYR())); break;

            // ---------------- CMP / CPX / CPY ----------------
            case 0xC9: Cmp(A, Fetch()); break;
            case 0xC5: Cmp(A, Read(Zp())); break;
            case 0xD5: Cmp(A, Read(ZpX())); break;
            case 0xCD: Cmp(A, Read(Abs())); break;
            case 0xDD: Cmp(A, Read(AbsXR())); break;
            case 0xD9: Cmp(A, Read(AbsYR())); break;
            case 0xC1: Cmp(A, Read(IzX())); break;
            case 0xD1: Cmp(A, Read(IzYR())); break;
            case 0xE0: Cmp(X, Fetch()); break;
            case 0xE4: Cmp(X, Read(Zp())); break;
            case 0xEC: Cmp(X, Read(Abs())); break;
            case 0xC0: Cmp(Y, Fetch()); break;
            case 0xC4: Cmp(Y, Read(Zp())); break;
            case 0xCC: Cmp(Y, Read(Abs())); break;

            // ---------------- BIT ----------------
            case 0x24: Bit(Read(Zp())); break;
            case 0x2C: Bit(Read(Abs())); break;

            // ---------------- LDA / LDX / LDY ----------------
            case 0xA9: Lda(Fetch()); break;
            case 0xA5: Lda(Read(Zp())); break;
            case 0xB5: Lda(Read(ZpX())); break;
            case 0xAD: Lda(Read(Abs())); break;
            case 0xBD: Lda(Read(AbsXR())); break;
            case 0xB9: Lda(Read(AbsYR())); break;
            case 0xA1: Lda(Read(IzX())); break;
            case 0xB1: Lda(Read(IzYR())); break;
            case 0xA2: Ldx(Fetch()); break;
            case 0xA6: Ldx(Read(Zp())); break;
            case 0xB6: Ldx(Read(ZpY())); break;
            case 0xAE: Ldx(Read(Abs())); break;
            case 0xBE: Ldx(Read(AbsYR())); break;
            case 0xA0: Ldy(Fetch()); break;
            case 0xA4: Ldy(Read(Zp())); break;
            case 0xB4: Ldy(Read(ZpX())); break;
            case 0xAC: Ldy(Read(Abs())); break;
            case 0xBC: Ldy(Read(AbsXR())); break;

            // ---------------- STA / STX / STY (stores never pay for page crossing) ----------------
            case 0x85: Write(Zp(), A); break;
            case 0x95: Write(ZpX(), A); break;
            case 0x8D: Write(Abs(), A); break;
            case 0x9D: Write(AbsX(), A); break;
            case 0x99: Write(AbsY(), A); break;
            case 0x81: Write(IzX(), A); break;
            case 0x91: Write(IzY(), A); break;
            case 0x86: Write(Zp(), X); break;
            case 0x96: Write(ZpY(), X); break;
            case 0x8E: Write(Abs(), X); break;
            case 0x84: Write(Zp(), Y); break;
            case 0x94: Write(ZpX(), Y); break;
            case 0x8C: Write(Abs(), Y); break;

            // ---------------- shifts and rotates ----------------
            case 0x0A: A = Asl(A); break;
            case 0x06: ad = Zp(); Write(ad, Asl(Read(ad))); break;
            case 0x16: ad = ZpX(); Write(ad, Asl(Read(ad))); break;
            case 0x0E: ad = Abs(); Write(ad, Asl(Read(ad))); break;
            case 0x1E: ad = AbsX(); Write(ad, Asl(Read(ad))); break;
            case 0x4A: A = Lsr(A); break;
            case 0x46: ad = Zp(); Write(ad, Lsr(Read(ad))); break;
            case 0x56: ad = ZpX(); Write(ad, Lsr(Read(ad))); break;
            case 0x4E: ad = Abs(); Write(ad, Lsr(Read(ad))); break;
            case 0x5E: ad = AbsX(); Write(ad, Lsr(Read(ad))); break;
            case 0x2A: A = Rol(A); break;
            case 0x26: ad = Zp(); Write(ad, Rol(Read(ad))); break;
            case 0x36: ad = ZpX(); Write(ad, Rol(Read(ad))); break;
            case 0x2E: ad = Abs(); Write(ad, Rol(Read(ad))); break;
            case 0x3E: ad = AbsX(); Write(ad, Rol(Read(ad))); break;
            case 0x6A: A = Ror(A); break;
            case 0x66: ad = Zp(); Write(ad, Ror(Read(ad))); break;
            case 0x76: ad = ZpX(); Write(ad, Ror(Read(ad))); break;
            case 0x6E: ad = Abs(); Write(ad, Ror(Read(ad))); break;
            case 0x7E: ad = AbsX(); Write(ad, Ror(Read(ad))); break;

            // ---------------- INC / DEC memory and registers ----------------
            case 0xE6: ad = Zp(); Write(ad, Inc(Read(ad))); break;
            case 0xF6: ad = ZpX(); Write(ad, Inc(Read(ad))); break;
            case 0xEE: ad = Abs(); Write(ad, Inc(Read(ad))); break;
            case 0xFE: ad = AbsX(); Write(ad, Inc(Read(ad))); break;
            case 0xC6: ad = Zp(); Write(ad, Dec(Read(ad))); break;
            case 0xD6: ad = ZpX(); Write(ad, Dec(Read(ad))); break;
            case 0xCE: ad = Abs(); Write(ad, Dec(Read(ad))); break;
            case 0xDE: ad = AbsX(); Write(ad, Dec(Read(ad))); break;
            case 0xE8: X = Inc(X); break;
            case 0xCA: X = Dec(X); break;
            case 0xC8: Y = Inc(Y); break;
            case 0x88: Y = Dec(Y); break;

            // ---------------- transfers ----------------
            case 0xAA: X = A; Nz(X); break;
            case 0x8A: A = X; Nz(A); break;
            case 0xA8: Y = A; Nz(Y); break;
            case 0x98: A = Y; Nz(A); break;
            case 0xBA: X = SP; Nz(X); break;
            case 0x9A: SP = X; break;

            // ---------------- flags ----------------
            case 0x18: P &= unchecked((byte)~FlagC); break;
            case 0x38: P |= FlagC; break;
            case 0x58: P &= unchecked((byte)~FlagI); break;
            case 0x78: P |= FlagI; break;
            case 0xB8: P &= unchecked((byte)~FlagV); break;
            case 0xD8: P &= unchecked((byte)~FlagD); break;
            case 0xF8: P |= FlagD; break;

            // ---------------- branches ----------------
            case 0x10: Branch((P & FlagN) == 0); break;
            case 0x30: Branch((P & FlagN) != 0); break;
            case 0x50: Branch((P & FlagV) == 0); break;
            case 0x70: Branch((P & FlagV) != 0); break;
            case 0x90: Branch((P & FlagC) == 0); break;
            case 0xB0: Branch((P & FlagC) != 0); break;
            case 0xD0: Branch((P & FlagZ) == 0); break;
            case 0xF0: Branch((P & FlagZ) != 0); break;

            // ---------------- jumps, calls, stack ----------------
            case 0x4C: PC = Fetch16(); break;
            case 0x6C:
                // The NMOS pointer's high byte is fetched without carrying into the pointer's page.
                b = Fetch16();
                v = Read(b);
                PC = (ushort)(v | (Read((ushort)((b & 0xFF00) | ((b + 1) & 0x00FF))) << 8));
                break;
            case 0x20:
                // Same order as the chip: low operand byte, push the return address (the high operand byte's
                // address), then the high byte.
                v = Fetch();
                Push((byte)(PC >> 8));
                Push((byte)PC);
                PC = (ushort)(v | (Read(PC) << 8));
                break;
            case 0x60:
                v = Pull();
                PC = (ushort)((v | (Pull() << 8)) + 1);
                break;
            case 0x00:
                // BRK skips a padding byte: the pushed return address is the opcode address + 2.
                PC++;
                Push((byte)(PC >> 8));
                Push((byte)PC);
                Push((byte)(P | FlagB | FlagU));
                P |= FlagI;
                v = Read(0xFFFE);
                PC = (ushort)(v | (Read(0xFFFF) << 8));
                break;
            case 0x40:
                P = (byte)((Pull() & ~(FlagB | FlagU)) | FlagU);
                v = Pull();
                PC = (ushort)(v | (Pull() << 8));
                break;
            case 0x48: Push(A); break;
            case 0x68: A = Pull(); Nz(A); break;
            case 0x08: Push((byte)(P | FlagB | FlagU)); break;
            case 0x28: P = (byte)((Pull() & ~(FlagB | FlagU)) | FlagU); break;

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
                PC++;
                break;
            case 0x04:
            case 0x44:
            case 0x64:
                Read(Zp());
                break;
            case 0x14:
            case 0x34:
            case 0x54:
            case 0x74:
            case 0xD4:
            case 0xF4:
                Read(ZpX());
                break;
            case 0x0C:
                // Reads matter: the address may be a bank-switching hotspot.
                Read(Abs());
                break;
            case 0x1C:
            case 0x3C:
            case 0x5C:
            case 0x7C:
            case 0xDC:
            case 0xFC:
                Read(AbsXR());
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
                PC--;
                break;

            // ---------------- SLO: ASL memory, then ORA ----------------
            case 0x07: ad = Zp(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;
            case 0x17: ad = ZpX(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;
            case 0x0F: ad = Abs(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;
            case 0x1F: ad = AbsX(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;
            case 0x1B: ad = AbsY(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;
            case 0x03: ad = IzX(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;
            case 0x13: ad = IzY(); v = Asl(Read(ad)); Write(ad, v); Ora(v); break;

            // ---------------- RLA: ROL memory, then AND ----------------
            case 0x27: ad = Zp(); v = Rol(Read(ad)); Write(ad, v); And(v); break;
            case 0x37: ad = ZpX(); v = Rol(Read(ad)); Write(ad, v); And(v); break;
            case 0x2F: ad = Abs(); v = Rol(Read(ad)); Write(ad, v); And(v); break;
            case 0x3F: ad = AbsX(); v = Rol(Read(ad)); Write(ad, v); And(v); break;
            case 0x3B: ad = AbsY(); v = Rol(Read(ad)); Write(ad, v); And(v); break;
            case 0x23: ad = IzX(); v = Rol(Read(ad)); Write(ad, v); And(v); break;
            case 0x33: ad = IzY(); v = Rol(Read(ad)); Write(ad, v); And(v); break;

            // ---------------- SRE: LSR memory, then EOR ----------------
            case 0x47: ad = Zp(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;
            case 0x57: ad = ZpX(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;
            case 0x4F: ad = Abs(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;
            case 0x5F: ad = AbsX(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;
            case 0x5B: ad = AbsY(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;
            case 0x43: ad = IzX(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;
            case 0x53: ad = IzY(); v = Lsr(Read(ad)); Write(ad, v); Eor(v); break;

            // ---------------- RRA: ROR memory, then ADC (with the carry ROR produced) ----------------
            case 0x67: ad = Zp(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;
            case 0x77: ad = ZpX(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;
            case 0x6F: ad = Abs(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;
            case 0x7F: ad = AbsX(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;
            case 0x7B: ad = AbsY(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;
            case 0x63: ad = IzX(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;
            case 0x73: ad = IzY(); v = Ror(Read(ad)); Write(ad, v); Adc(v); break;

            // ---------------- DCP: DEC memory, then CMP ----------------
            case 0xC7: ad = Zp(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;
            case 0xD7: ad = ZpX(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;
            case 0xCF: ad = Abs(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;
            case 0xDF: ad = AbsX(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;
            case 0xDB: ad = AbsY(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;
            case 0xC3: ad = IzX(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;
            case 0xD3: ad = IzY(); v = (byte)(Read(ad) - 1); Write(ad, v); Cmp(A, v); break;

            // ---------------- ISB/ISC: INC memory, then SBC ----------------
            case 0xE7: ad = Zp(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;
            case 0xF7: ad = ZpX(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;
            case 0xEF: ad = Abs(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;
            case 0xFF: ad = AbsX(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;
            case 0xFB: ad = AbsY(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;
            case 0xE3: ad = IzX(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;
            case 0xF3: ad = IzY(); v = (byte)(Read(ad) + 1); Write(ad, v); Sbc(v); break;

            // ---------------- SAX: store A AND X ----------------
            case 0x87: Write(Zp(), (byte)(A & X)); break;
            case 0x97: Write(ZpY(), (byte)(A & X)); break;
            case 0x8F: Write(Abs(), (byte)(A & X)); break;
            case 0x83: Write(IzX(), (byte)(A & X)); break;

            // ---------------- LAX: load A and X ----------------
            case 0xA7: Lax(Read(Zp())); break;
            case 0xB7: Lax(Read(ZpY())); break;
            case 0xAF: Lax(Read(Abs())); break;
            case 0xBF: Lax(Read(AbsYR())); break;
            case 0xA3: Lax(Read(IzX())); break;
            case 0xB3: Lax(Read(IzYR())); break;

            // ---------------- immediate-mode oddities ----------------
            case 0x0B:
            case 0x2B:
                // ANC: AND, and carry copies the result's sign.
                And(Fetch());
                SetFlag(FlagC, (A & 0x80) != 0);
                break;
            case 0x4B:
                // ALR: AND then LSR A.
                A = Lsr((byte)(A & Fetch()));
                break;
            case 0x6B: Arr(Fetch()); break;
            case 0xCB: Sbx(Fetch()); break;
            case 0x8B:
                // XAA (unstable on real chips): the common "magic constant $EE" model.
                A = (byte)((A | 0xEE) & X & Fetch());
                Nz(A);
                break;
            case 0xAB:
                // LXA (unstable on real chips): same magic-constant model, loading both A and X.
                A = X = (byte)((A | 0xEE) & Fetch());
                Nz(A);
                break;
            case 0xBB:
                // LAS: memory AND SP into A, X and SP.
                v = (byte)(Read(AbsYR()) & SP);
                A = X = SP = v;
                Nz(v);
                break;

            // ---------------- unstable stores: value AND (high byte of base address + 1) ----------------
            case 0x93:
                b = ZpPointer();
                Write((ushort)(b + Y), (byte)(A & X & ((b >> 8) + 1)));
                break;
            case 0x9F:
                b = Fetch16();
                Write((ushort)(b + Y), (byte)(A & X & ((b >> 8) + 1)));
                break;
            case 0x9B:
                b = Fetch16();
                SP = (byte)(A & X);
                Write((ushort)(b + Y), (byte)(SP & ((b >> 8) + 1)));
                break;
            case 0x9C:
                b = Fetch16();
                Write((ushort)(b + X), (byte)(Y & ((b >> 8) + 1)));
                break;
            case 0x9E:
                b = Fetch16();
                Write((ushort)(b + Y), (byte)(X & ((b >> 8) + 1)));
                break;
        }

        return baseCycles + _extra;
    }
}
