using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Tests.Atari;

public class Cpu6507Tests
{
    private const byte C = 0x01, Z = 0x02, I = 0x04, D = 0x08, B = 0x10, U = 0x20, V = 0x40, N = 0x80;

    /// <summary>One bus access, with the CPU's cycle counter at the moment it happened.</summary>
    private readonly record struct Access(bool IsWrite, ushort Address, byte Value, long Cycles);

    /// <summary>64 KiB of flat RAM that logs every access.</summary>
    private sealed class RecordingBus : IBus
    {
        public readonly byte[] Memory = new byte[65536];
        public readonly List<Access> Log = [];
        public Cpu6507? Cpu;

        /// <summary>An address that reads like a TIA register: bit 7 set, bits 5..0 whatever the data bus last held.</summary>
        public int TiaLikeAddress = -1;

        public byte Read(ushort address)
        {
            byte value = address == TiaLikeAddress ? (byte)(0x80 | (Cpu!.LastBusValue & 0x3F)) : Memory[address];
            Log.Add(new Access(false, address, value, Cpu?.Cycles ?? -1));
            return value;
        }

        public void Write(ushort address, byte value)
        {
            Memory[address] = value;
            Log.Add(new Access(true, address, value, Cpu?.Cycles ?? -1));
        }
    }

    /// <summary>Loads a program at <paramref name="origin"/>, points the reset vector at it and resets.</summary>
    private static (Cpu6507 Cpu, RecordingBus Bus) Load(ushort origin, params byte[] program)
    {
        var bus = new RecordingBus();
        program.CopyTo(bus.Memory, origin);
        bus.Memory[0xFFFC] = (byte)origin;
        bus.Memory[0xFFFD] = (byte)(origin >> 8);
        var cpu = new Cpu6507(bus);
        bus.Cpu = cpu;
        cpu.Reset();
        cpu.Cycles = 0;
        bus.Log.Clear();
        return (cpu, bus);
    }

    private static (Cpu6507 Cpu, RecordingBus Bus) Load(params byte[] program) => Load(0xF000, program);

    private static void RunUntilJam(Cpu6507 cpu, int maxSteps = 100_000)
    {
        for (int i = 0; i < maxSteps && !cpu.Jammed; i++) cpu.Step();
        Assert.True(cpu.Jammed, "program did not reach its JAM");
    }

    private static void Steps(Cpu6507 cpu, int count)
    {
        for (int i = 0; i < count; i++) cpu.Step();
    }

    // ------------------------------------------------------------------ reset

    [Fact]
    public void ResetLoadsTheVectorAndThePowerOnRegisters()
    {
        var (cpu, _) = Load(0xF123, 0xEA);
        Assert.Equal(0xF123, cpu.PC);
        Assert.Equal(0xFD, cpu.SP);
        Assert.Equal(0x24, cpu.P);
        Assert.Equal(0, cpu.A);
        Assert.Equal(0, cpu.X);
        Assert.Equal(0, cpu.Y);
        Assert.False(cpu.Jammed);
    }

    // ------------------------------------------------------------------ cycle counts

    /// <summary>Expected base cycles, written per instruction group (independently of the CPU's own table).</summary>
    private static Dictionary<byte, int> ExpectedBaseCycles()
    {
        var t = new Dictionary<byte, int>();
        void Set(int cycles, params int[] ops)
        {
            foreach (int op in ops) t[(byte)op] = cycles;
        }

        // The eight "group one" ALU ops share a layout: imm, zp, zp,X, abs, abs,X, abs,Y, (zp,X), (zp),Y.
        foreach (int baseOp in new[] { 0x00, 0x20, 0x40, 0x60, 0xA0, 0xC0, 0xE0 })
        {
            Set(2, baseOp + 0x09);
            Set(3, baseOp + 0x05);
            Set(4, baseOp + 0x15, baseOp + 0x0D, baseOp + 0x1D, baseOp + 0x19);
            Set(6, baseOp + 0x01);
            Set(5, baseOp + 0x11);
        }
        Set(3, 0x85); Set(4, 0x95, 0x8D); Set(5, 0x9D, 0x99); Set(6, 0x81, 0x91); // STA
        foreach (int baseOp in new[] { 0x00, 0x20, 0x40, 0x60 }) // ASL ROL LSR ROR
        {
            Set(2, baseOp + 0x0A);
            Set(5, baseOp + 0x06);
            Set(6, baseOp + 0x16, baseOp + 0x0E);
            Set(7, baseOp + 0x1E);
        }
        Set(5, 0xE6, 0xC6); Set(6, 0xF6, 0xEE, 0xD6, 0xCE); Set(7, 0xFE, 0xDE); // INC DEC
        Set(2, 0xA2, 0xA0); Set(3, 0xA6, 0xA4); Set(4, 0xB6, 0xAE, 0xBE, 0xB4, 0xAC, 0xBC); // LDX LDY
        Set(3, 0x86, 0x84); Set(4, 0x96, 0x8E, 0x94, 0x8C); // STX STY
        Set(2, 0xE0, 0xC0); Set(3, 0xE4, 0xC4); Set(4, 0xEC, 0xCC); // CPX CPY
        Set(3, 0x24); Set(4, 0x2C); // BIT
        Set(2, 0xAA, 0x8A, 0xA8, 0x98, 0xBA, 0x9A, 0xE8, 0xCA, 0xC8, 0x88, 0x18, 0x38, 0x58, 0x78, 0xB8, 0xD8, 0xF8, 0xEA);
        Set(3, 0x48, 0x08); Set(4, 0x68, 0x28); // PHA PHP PLA PLP
        Set(3, 0x4C); Set(5, 0x6C); Set(6, 0x20, 0x60, 0x40); Set(7, 0x00); // JMP JSR RTS RTI BRK
        Set(2, 0x10, 0x30, 0x50, 0x70, 0x90, 0xB0, 0xD0, 0xF0); // branches, not taken

        // Undocumented.
        foreach (int baseOp in new[] { 0x03, 0x23, 0x43, 0x63, 0xC3, 0xE3 }) // SLO RLA SRE RRA DCP ISB
        {
            Set(8, baseOp, baseOp + 0x10);
            Set(5, baseOp + 0x04);
            Set(6, baseOp + 0x14, baseOp + 0x0C);
            Set(7, baseOp + 0x18, baseOp + 0x1C);
        }
        Set(3, 0xA7); Set(4, 0xB7, 0xAF, 0xBF); Set(6, 0xA3); Set(5, 0xB3); // LAX
        Set(3, 0x87); Set(4, 0x97, 0x8F); Set(6, 0x83); // SAX
        Set(2, 0x1A, 0x3A, 0x5A, 0x7A, 0xDA, 0xFA, 0x80, 0x82, 0x89, 0xC2, 0xE2); // NOPs
        Set(3, 0x04, 0x44, 0x64);
        Set(4, 0x14, 0x34, 0x54, 0x74, 0xD4, 0xF4, 0x0C, 0x1C, 0x3C, 0x5C, 0x7C, 0xDC, 0xFC);
        Set(2, 0x0B, 0x2B, 0x4B, 0x6B, 0x8B, 0xAB, 0xCB, 0xEB); // ANC ALR ARR XAA LXA SBX SBC
        Set(4, 0xBB); Set(6, 0x93); Set(5, 0x9F, 0x9B, 0x9C, 0x9E); // LAS SHA TAS SHY SHX
        Set(2, 0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xB2, 0xD2, 0xF2); // JAM
        return t;
    }

    [Fact]
    public void TheBaseCycleTableCoversAll256OpcodesAsExpected()
    {
        var expected = ExpectedBaseCycles();
        Assert.Equal(256, expected.Count);
        for (int op = 0; op < 256; op++)
            Assert.True(expected[(byte)op] == Cpu6507.BaseCycles((byte)op), $"opcode {op:X2}: table {Cpu6507.BaseCycles((byte)op)}, expected {expected[(byte)op]}");
    }

    [Fact]
    public void EveryOpcodeWithoutPageCrossingTakesItsBaseCycles()
    {
        // Flags that make each branch fall through.
        var notTaken = new Dictionary<byte, byte>
        {
            [0x10] = N, [0x30] = 0, [0x50] = V, [0x70] = 0, [0x90] = C, [0xB0] = 0, [0xD0] = Z, [0xF0] = 0,
        };
        foreach (var (op, cycles) in ExpectedBaseCycles())
        {
            // Operand $0310 / zero page $10, whose pointer is $0300: no indexing crosses a page with X = Y = 0.
            var (cpu, bus) = Load(0x0200, op, 0x10, 0x03);
            bus.Memory[0x10] = 0x00;
            bus.Memory[0x11] = 0x03;
            cpu.P = (byte)(U | (notTaken.TryGetValue(op, out byte flags) ? flags : 0));
            int taken = cpu.Step();
            Assert.True(cycles == taken, $"opcode {op:X2}: Step returned {taken}, expected {cycles}");
            Assert.True(cycles == cpu.Cycles, $"opcode {op:X2}: Cycles advanced {cpu.Cycles}, expected {cycles}");
        }
    }

    [Theory]
    [InlineData(0xBD, 0x01, 4)] // LDA abs,X, same page
    [InlineData(0xBD, 0x20, 5)] // LDA abs,X, crossing
    [InlineData(0xB9, 0x20, 5)] // LDA abs,Y, crossing
    [InlineData(0x9D, 0x01, 5)] // STA abs,X: always 5
    [InlineData(0x9D, 0x20, 5)]
    [InlineData(0x99, 0x20, 5)] // STA abs,Y
    [InlineData(0x1E, 0x20, 7)] // ASL abs,X: RMW never pays extra
    [InlineData(0xBF, 0x20, 5)] // LAX abs,Y crossing
    [InlineData(0x1C, 0x20, 5)] // NOP abs,X crossing
    [InlineData(0xBE, 0x20, 5)] // LDX abs,Y crossing
    [InlineData(0xBC, 0x20, 5)] // LDY abs,X crossing
    [InlineData(0xDF, 0x20, 7)] // DCP abs,X
    [InlineData(0xBB, 0x20, 5)] // LAS abs,Y crossing
    public void IndexedAbsolutePaysForPageCrossingOnlyOnReads(byte op, byte index, int expected)
    {
        var (cpu, _) = Load(op, 0xF0, 0x02); // base $02F0
        cpu.X = index;
        cpu.Y = index;
        Assert.Equal(expected, cpu.Step());
        Assert.Equal(expected, cpu.Cycles);
    }

    [Theory]
    [InlineData(0xB1, 0x0F, 5)] // LDA (zp),Y, same page
    [InlineData(0xB1, 0x10, 6)] // crossing
    [InlineData(0x91, 0x10, 6)] // STA (zp),Y: always 6
    [InlineData(0xB3, 0x10, 6)] // LAX (zp),Y crossing
    [InlineData(0xD3, 0x10, 8)] // DCP (zp),Y: always 8
    public void IndirectIndexedPaysForPageCrossingOnlyOnReads(byte op, byte y, int expected)
    {
        var (cpu, bus) = Load(op, 0x40);
        bus.Memory[0x40] = 0xF0;
        bus.Memory[0x41] = 0x02;
        cpu.Y = y;
        Assert.Equal(expected, cpu.Step());
    }

    [Fact]
    public void BranchesCostOneMoreWhenTakenAndTwoMoreAcrossAPage()
    {
        // Not taken.
        var (cpu, _) = Load(0xF000, 0xD0, 0x10);
        cpu.P |= Z;
        Assert.Equal(2, cpu.Step());
        Assert.Equal(0xF002, cpu.PC);

        // Taken, same page.
        (cpu, _) = Load(0xF000, 0xD0, 0x10);
        Assert.Equal(3, cpu.Step());
        Assert.Equal(0xF012, cpu.PC);

        // Taken forward across a page: next instruction $F0FF, target $F10F.
        (cpu, _) = Load(0xF0FD, 0xD0, 0x10);
        Assert.Equal(4, cpu.Step());
        Assert.Equal(0xF10F, cpu.PC);
        Assert.Equal(4, cpu.Cycles);

        // The page is compared with the next instruction's address, not the branch's: branch at $F0FE,
        // next at $F100, target $F101 is the same page.
        (cpu, _) = Load(0xF0FE, 0xD0, 0x01);
        Assert.Equal(3, cpu.Step());
        Assert.Equal(0xF101, cpu.PC);

        // Taken backward across a page.
        (cpu, _) = Load(0xF100, 0xD0, 0xFC);
        Assert.Equal(4, cpu.Step());
        Assert.Equal(0xF0FE, cpu.PC);
    }

    // ------------------------------------------------------------------ access timing

    [Fact]
    public void DataAccessesSeeTheEndOfInstructionCycleCount()
    {
        var (cpu, bus) = Load(
            0xBD, 0xF0, 0x02, // LDA $02F0,X (crosses: 5 cycles)
            0x85, 0x80,       // STA $80 (3)
            0xEE, 0x00, 0x03, // INC $0300 (6)
            0x91, 0x40);      // STA ($40),Y crossing (6, no extra)
        bus.Memory[0x40] = 0xF0;
        bus.Memory[0x41] = 0x02;
        cpu.X = 0x20;
        cpu.Y = 0x20;
        cpu.Cycles = 100;

        cpu.Step();
        Assert.Equal(105, cpu.Cycles);
        var load = Assert.Single(bus.Log, a => a.Address == 0x0310);
        Assert.Equal(105, load.Cycles);

        cpu.Step();
        var store = Assert.Single(bus.Log, a => a.Address == 0x80);
        Assert.True(store.IsWrite);
        Assert.Equal(108, store.Cycles);

        bus.Memory[0x0300] = 0x41;
        cpu.Step();
        var inc = bus.Log.Where(a => a.Address == 0x0300).ToList();
        Assert.Equal(2, inc.Count);
        Assert.False(inc[0].IsWrite);
        Assert.True(inc[1].IsWrite);
        Assert.Equal(0x42, inc[1].Value);
        Assert.All(inc, a => Assert.Equal(114, a.Cycles));

        cpu.Step();
        var indirect = Assert.Single(bus.Log, a => a.Address == 0x0310 && a.IsWrite);
        Assert.Equal(120, indirect.Cycles);
        Assert.Equal(120, cpu.Cycles);
    }

    [Theory]
    [InlineData(0xEE)] // INC abs
    [InlineData(0xCE)] // DEC abs
    [InlineData(0x0E)] // ASL abs
    [InlineData(0x6E)] // ROR abs
    [InlineData(0xCF)] // DCP abs
    [InlineData(0xEF)] // ISB abs
    [InlineData(0x0F)] // SLO abs
    [InlineData(0x6F)] // RRA abs
    public void ReadModifyWriteDoesExactlyOneReadAndOneWrite(byte op)
    {
        var (cpu, bus) = Load(op, 0x00, 0x03);
        bus.Memory[0x0300] = 0x5A;
        cpu.Step();
        var accesses = bus.Log.Where(a => a.Address == 0x0300).ToList();
        Assert.Equal(2, accesses.Count);
        Assert.False(accesses[0].IsWrite);
        Assert.True(accesses[1].IsWrite);
        // Program bytes are fetched once each, nothing else is touched.
        Assert.Equal(5, bus.Log.Count);
    }

    [Fact]
    public void StoreDoesNoReadOfItsTarget()
    {
        var (cpu, bus) = Load(0x9D, 0xF0, 0x02); // STA $02F0,X
        cpu.X = 0x20;
        cpu.A = 0x77;
        cpu.Step();
        Assert.Equal(4, bus.Log.Count); // 3 fetches + 1 write
        Assert.Equal(new Access(true, 0x0310, 0x77, 5), bus.Log[3]);
    }

    [Fact]
    public void LastBusValueFollowsReadsWritesAndFetches()
    {
        var (cpu, bus) = Load(0xA9, 0x3C, 0x85, 0x80, 0xA5, 0x81, 0xEA);
        bus.Memory[0x81] = 0xC3;
        cpu.Step();
        Assert.Equal(0x3C, cpu.LastBusValue);
        cpu.Step();
        Assert.Equal(0x3C, cpu.LastBusValue);
        cpu.A = 0x11;
        cpu.Step();
        Assert.Equal(0xC3, cpu.LastBusValue);
        cpu.Step();
        Assert.Equal(0xEA, cpu.LastBusValue);
    }

    /// <summary>
    /// The reference CPU (ALE's Stella core) reads the byte at the current stack pointer before PLA, PLP, RTS and RTI
    /// pull and before JSR pushes, RTS reads the byte it returns past, and BRK reads its padding byte. The reads are
    /// discarded, but they set the data bus: with the stack pointer wrapped to $00, PLA reads TIA register $0100 and the
    /// bits the TIA does not drive come from the byte at $01FF (Alien's VSYNC trick: PLA, then PHA to $0100).
    /// </summary>
    [Theory]
    [InlineData(0x68, new ushort[] { 0xF002, 0x01FF, 0x0100 })] // PLA
    [InlineData(0x28, new ushort[] { 0xF002, 0x01FF, 0x0100 })] // PLP
    [InlineData(0x60, new ushort[] { 0xF002, 0x01FF, 0x0100, 0x0101, 0x0000 })] // RTS: pulls $0000 from $0100/$0101, reads the byte there
    [InlineData(0x40, new ushort[] { 0xF002, 0x01FF, 0x0100, 0x0101, 0x0102 })] // RTI
    public void PullsFirstReadTheByteAtTheStackPointer(byte opcode, ushort[] reads)
    {
        var (cpu, bus) = Load(0x9A, 0xEA, opcode); // TXS; NOP; the pull
        cpu.X = 0xFF;
        bus.Memory[0x01FF] = 0x5A;
        Steps(cpu, 2);
        bus.Log.Clear();
        cpu.Step();
        Assert.Equal(reads, bus.Log.Where(a => !a.IsWrite).Select(a => a.Address).ToArray());
    }

    [Fact]
    public void JsrReadsTheStackByteBeforePushingAndBrkReadsItsPaddingByte()
    {
        var (cpu, bus) = Load(0x20, 0x00, 0xF1);
        cpu.Step();
        Assert.Equal(
            [(false, (ushort)0xF000), (false, (ushort)0xF001), (false, (ushort)0x01FD), (true, (ushort)0x01FD), (true, (ushort)0x01FC), (false, (ushort)0xF002)],
            bus.Log.Select(a => (a.IsWrite, a.Address)).ToArray());

        (cpu, bus) = Load(0x00, 0x77);
        bus.Memory[0xFFFE] = 0x00;
        bus.Memory[0xFFFF] = 0xF8;
        cpu.Step();
        Assert.Equal(new ushort[] { 0xF000, 0xF001, 0xFFFE, 0xFFFF }, bus.Log.Where(a => !a.IsWrite).Select(a => a.Address).ToArray());
        Assert.Equal(0xF8, cpu.PC >> 8);
    }

    [Fact]
    public void PlaFromTheTiaMirrorSeesTheStackByteOnTheBus()
    {
        var (cpu, bus) = Load(0x9A, 0x68); // TXS; PLA
        bus.TiaLikeAddress = 0x0100;
        cpu.X = 0xFF;
        bus.Memory[0x01FF] = 0x02;
        Steps(cpu, 2);
        // Bit 7 is driven, bits 5..0 are the bus: $02 from $01FF (without the stack read, $28 from the opcode $68).
        Assert.Equal(0x82, cpu.A);
    }

    // ------------------------------------------------------------------ arithmetic

    [Theory]
    // A, operand, carry in, result, expected flags (N V Z C)
    [InlineData(0x50, 0x10, false, 0x60, 0)]
    [InlineData(0x50, 0x50, false, 0xA0, N | V)]
    [InlineData(0x50, 0x90, false, 0xE0, N)]
    [InlineData(0x50, 0xD0, false, 0x20, C)]
    [InlineData(0xD0, 0x10, false, 0xE0, N)]
    [InlineData(0xD0, 0x50, false, 0x20, C)]
    [InlineData(0xD0, 0x90, false, 0x60, V | C)]
    [InlineData(0xD0, 0xD0, false, 0xA0, N | C)]
    [InlineData(0x01, 0xFF, false, 0x00, Z | C)]
    [InlineData(0x7F, 0x00, true, 0x80, N | V)]
    [InlineData(0xFF, 0xFF, true, 0xFF, N | C)]
    public void AdcBinary(byte a, byte operand, bool carry, byte result, byte flags)
    {
        var (cpu, _) = Load(0x69, operand);
        cpu.A = a;
        if (carry) cpu.P |= C;
        cpu.Step();
        Assert.Equal(result, cpu.A);
        Assert.Equal(flags, cpu.P & (N | V | Z | C));
    }

    [Theory]
    // A, operand, carry in (1 = no borrow), result, expected flags (N V Z C)
    [InlineData(0x50, 0xF0, true, 0x60, 0)]
    [InlineData(0x50, 0xB0, true, 0xA0, N | V)]
    [InlineData(0x50, 0x70, true, 0xE0, N)]
    [InlineData(0x50, 0x30, true, 0x20, C)]
    [InlineData(0xD0, 0xF0, true, 0xE0, N)]
    [InlineData(0xD0, 0xB0, true, 0x20, C)]
    [InlineData(0xD0, 0x70, true, 0x60, V | C)]
    [InlineData(0xD0, 0x30, true, 0xA0, N | C)]
    [InlineData(0x05, 0x05, true, 0x00, Z | C)]
    [InlineData(0x05, 0x05, false, 0xFF, N)]
    [InlineData(0x80, 0x00, false, 0x7F, V | C)]
    public void SbcBinary(byte a, byte operand, bool carry, byte result, byte flags)
    {
        var (cpu, _) = Load(0xE9, operand);
        cpu.A = a;
        if (carry) cpu.P |= C;
        cpu.Step();
        Assert.Equal(result, cpu.A);
        Assert.Equal(flags, cpu.P & (N | V | Z | C));
    }

    [Theory]
    [InlineData(0x09, 0x01, false, 0x10, false)]
    [InlineData(0x99, 0x01, false, 0x00, true)]
    [InlineData(0x58, 0x46, true, 0x05, true)]
    [InlineData(0x12, 0x34, false, 0x46, false)]
    [InlineData(0x15, 0x26, false, 0x41, false)]
    [InlineData(0x81, 0x92, false, 0x73, true)]
    [InlineData(0x79, 0x00, true, 0x80, false)]
    public void AdcDecimal(byte a, byte operand, bool carry, byte result, bool carryOut)
    {
        var (cpu, _) = Load(0x69, operand);
        cpu.A = a;
        cpu.P |= D;
        if (carry) cpu.P |= C;
        cpu.Step();
        Assert.Equal(result, cpu.A);
        Assert.Equal(carryOut, (cpu.P & C) != 0);
    }

    [Fact]
    public void AdcDecimalTakesZeroFromTheBinarySumAndNAndVFromTheIntermediate()
    {
        // $99 + $01 = $00 in BCD, but the binary sum $9A is non-zero, so Z stays clear on NMOS.
        var (cpu, _) = Load(0x69, 0x01);
        cpu.A = 0x99;
        cpu.P |= D;
        cpu.Step();
        Assert.Equal(0x00, cpu.A);
        Assert.Equal(0, cpu.P & Z);
        Assert.Equal(N, cpu.P & N); // intermediate $A0 has bit 7 set

        // $80 + $80 = $60 carry in BCD; the binary sum $00 sets Z; the intermediate $100 overflows (V).
        (cpu, _) = Load(0x69, 0x80);
        cpu.A = 0x80;
        cpu.P |= D;
        cpu.Step();
        Assert.Equal(0x60, cpu.A);
        Assert.Equal(Z | V | C, cpu.P & (N | V | Z | C));

        // $79 + $00 + carry: BCD $80, intermediate $80 is negative and overflowed from positive.
        (cpu, _) = Load(0x69, 0x00);
        cpu.A = 0x79;
        cpu.P |= D | C;
        cpu.Step();
        Assert.Equal(0x80, cpu.A);
        Assert.Equal(N | V, cpu.P & (N | V | Z | C));
    }

    [Theory]
    [InlineData(0x10, 0x01, true, 0x09, true)]
    [InlineData(0x00, 0x01, true, 0x99, false)]
    [InlineData(0x46, 0x12, true, 0x34, true)]
    [InlineData(0x40, 0x13, true, 0x27, true)]
    [InlineData(0x32, 0x02, false, 0x29, true)]
    [InlineData(0x12, 0x21, true, 0x91, false)]
    public void SbcDecimal(byte a, byte operand, bool carry, byte result, bool carryOut)
    {
        var (cpu, _) = Load(0xE9, operand);
        cpu.A = a;
        cpu.P |= D;
        if (carry) cpu.P |= C;
        cpu.Step();
        Assert.Equal(result, cpu.A);
        Assert.Equal(carryOut, (cpu.P & C) != 0);
    }

    [Fact]
    public void SbcDecimalFlagsComeFromTheBinarySubtraction()
    {
        var (cpu, _) = Load(0xE9, 0x01);
        cpu.A = 0x00;
        cpu.P |= D | C;
        cpu.Step();
        Assert.Equal(0x99, cpu.A);
        Assert.Equal(N, cpu.P & (N | V | Z | C)); // binary $FF: negative, no carry, no overflow

        (cpu, _) = Load(0xE9, 0x01);
        cpu.A = 0x01;
        cpu.P |= D | C;
        cpu.Step();
        Assert.Equal(0x00, cpu.A);
        Assert.Equal(Z | C, cpu.P & (N | V | Z | C));
    }

    [Theory]
    // CMP immediate: register, operand, N Z C
    [InlineData(0xC9, 0x40, 0x40, Z | C)]
    [InlineData(0xC9, 0x41, 0x40, C)]
    [InlineData(0xC9, 0x40, 0x41, N)]
    [InlineData(0xC9, 0x00, 0x80, N)]
    [InlineData(0xC9, 0x80, 0x00, N | C)]
    [InlineData(0xE0, 0x10, 0x20, N)]
    [InlineData(0xC0, 0x20, 0x10, C)]
    public void Compares(byte op, byte register, byte operand, byte flags)
    {
        var (cpu, _) = Load(op, operand);
        cpu.A = cpu.X = cpu.Y = register;
        cpu.P |= V;
        cpu.Step();
        Assert.Equal(flags | V, cpu.P & (N | V | Z | C));
        Assert.Equal(register, cpu.A);
    }

    [Fact]
    public void BitCopiesBits7And6AndTestsTheAnd()
    {
        var (cpu, bus) = Load(0x24, 0x80, 0x2C, 0x00, 0x03);
        bus.Memory[0x80] = 0xC0;
        bus.Memory[0x0300] = 0x01;
        cpu.A = 0x01;
        cpu.Step();
        Assert.Equal(N | V | Z, cpu.P & (N | V | Z));
        cpu.Step();
        Assert.Equal(0, cpu.P & (N | V | Z));
    }

    [Fact]
    public void ShiftsAndRotatesMoveTheCarry()
    {
        var (cpu, bus) = Load(
            0x0A,       // ASL A: $81 -> $02, C=1
            0x2A,       // ROL A: $02 -> $05, C=0
            0x6A,       // ROR A: $05 -> $02, C=1
            0x6A,       // ROR A: $02 -> $81, C=0
            0x4A,       // LSR A: $81 -> $40, C=1
            0x26, 0x80, // ROL $80: $80 -> $01, C=1
            0x66, 0x81, // ROR $81: $00 -> $80, C=0
            0x46, 0x82, // LSR $82: $01 -> $00, Z, C=1
            0x06, 0x83);// ASL $83: $40 -> $80, N, C=0
        bus.Memory[0x80] = 0x80;
        bus.Memory[0x82] = 0x01;
        bus.Memory[0x83] = 0x40;
        cpu.A = 0x81;
        cpu.Step(); Assert.Equal(0x02, cpu.A); Assert.Equal(C, cpu.P & C);
        cpu.Step(); Assert.Equal(0x05, cpu.A); Assert.Equal(0, cpu.P & C);
        cpu.Step(); Assert.Equal(0x02, cpu.A); Assert.Equal(C, cpu.P & C);
        cpu.Step(); Assert.Equal(0x81, cpu.A); Assert.Equal(N, cpu.P & (N | C));
        cpu.Step(); Assert.Equal(0x40, cpu.A); Assert.Equal(C, cpu.P & (N | C));
        cpu.Step(); Assert.Equal(0x01, bus.Memory[0x80]); Assert.Equal(C, cpu.P & C);
        cpu.Step(); Assert.Equal(0x80, bus.Memory[0x81]); Assert.Equal(N, cpu.P & (N | C));
        cpu.Step(); Assert.Equal(0x00, bus.Memory[0x82]); Assert.Equal(Z | C, cpu.P & (N | Z | C));
        cpu.Step(); Assert.Equal(0x80, bus.Memory[0x83]); Assert.Equal(N, cpu.P & (N | Z | C));
    }

    [Fact]
    public void LogicalOpsTransfersAndIncrementsSetNAndZ()
    {
        var (cpu, _) = Load(
            0xA9, 0xF0, // LDA #$F0
            0x29, 0x0F, // AND #$0F -> 0, Z
            0x09, 0x81, // ORA #$81 -> $81, N
            0x49, 0xFF, // EOR #$FF -> $7E
            0xAA,       // TAX
            0xE8,       // INX -> $7F
            0xE8,       // INX -> $80 N
            0xA8,       // TAY -> $7E
            0x88,       // DEY -> $7D
            0x8A,       // TXA -> $80
            0x98,       // TYA -> $7D
            0xCA,       // DEX -> $7F
            0xBA,       // TSX -> $FD
            0xA2, 0x40, // LDX #$40
            0x9A,       // TXS (no flags)
            0xC8);      // INY
        cpu.Step(); Assert.Equal(N, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0, cpu.A); Assert.Equal(Z, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x81, cpu.A); Assert.Equal(N, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x7E, cpu.A); Assert.Equal(0, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x7E, cpu.X);
        cpu.Step(); Assert.Equal(0x7F, cpu.X);
        cpu.Step(); Assert.Equal(0x80, cpu.X); Assert.Equal(N, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x7E, cpu.Y); Assert.Equal(0, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x7D, cpu.Y);
        cpu.Step(); Assert.Equal(0x80, cpu.A); Assert.Equal(N, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x7D, cpu.A);
        cpu.Step(); Assert.Equal(0x7F, cpu.X);
        cpu.Step(); Assert.Equal(0xFD, cpu.X); Assert.Equal(N, cpu.P & (N | Z));
        cpu.Step();
        cpu.Step(); Assert.Equal(0x40, cpu.SP); Assert.Equal(0, cpu.P & (N | Z));
        cpu.Step(); Assert.Equal(0x7E, cpu.Y);
    }

    [Fact]
    public void FlagInstructionsSetAndClear()
    {
        var (cpu, _) = Load(0x38, 0xF8, 0x78, 0x18, 0xD8, 0x58, 0xB8);
        cpu.P |= V;
        cpu.Step(); Assert.Equal(C, cpu.P & C);
        cpu.Step(); Assert.Equal(D, cpu.P & D);
        cpu.Step(); Assert.Equal(I, cpu.P & I);
        cpu.Step(); Assert.Equal(0, cpu.P & C);
        cpu.Step(); Assert.Equal(0, cpu.P & D);
        cpu.Step(); Assert.Equal(0, cpu.P & I);
        cpu.Step(); Assert.Equal(0, cpu.P & V);
        Assert.Equal(U, cpu.P);
    }

    [Fact]
    public void AddressingModesWrapAndIndexCorrectly()
    {
        var (cpu, bus) = Load(
            0xB5, 0xF0,       // LDA $F0,X with X=$20 wraps to $10
            0xB6, 0xF8,       // LDX $F8,Y with Y=$10 wraps to $08
            0xA1, 0xFF,       // LDA ($FF,X) with X=$01 ... uses pointer at $00/$01 (X now $33 -> pointer $32/$33)
            0x6C, 0xFF, 0x02);// JMP ($02FF): high byte from $0200, not $0300
        bus.Memory[0x10] = 0x11;
        bus.Memory[0x08] = 0x33;
        bus.Memory[0x32] = 0x34;
        bus.Memory[0x33] = 0x12;
        bus.Memory[0x1234] = 0x99;
        bus.Memory[0x02FF] = 0x78;
        bus.Memory[0x0200] = 0x56;
        bus.Memory[0x0300] = 0xEE;
        cpu.X = 0x20;
        cpu.Y = 0x10;
        cpu.Step(); Assert.Equal(0x11, cpu.A);
        cpu.Step(); Assert.Equal(0x33, cpu.X);
        cpu.Step(); Assert.Equal(0x99, cpu.A);
        cpu.Step(); Assert.Equal(0x5678, cpu.PC);
    }

    [Fact]
    public void ZeroPagePointerOfIndirectIndexedWrapsAtFF()
    {
        var (cpu, bus) = Load(0xB1, 0xFF); // LDA ($FF),Y: pointer low at $FF, high at $00
        bus.Memory[0xFF] = 0x00;
        bus.Memory[0x00] = 0x04;
        bus.Memory[0x0405] = 0x5C;
        cpu.Y = 5;
        cpu.Step();
        Assert.Equal(0x5C, cpu.A);
    }

    // ------------------------------------------------------------------ stack

    [Fact]
    public void JsrPushesTheReturnAddressMinusOneAndRtsReturns()
    {
        var (cpu, bus) = Load(0xF000, 0x20, 0x10, 0xF0, 0xA2, 0x55, 0x02);
        bus.Memory[0xF010] = 0xA9; // LDA #$AA
        bus.Memory[0xF011] = 0xAA;
        bus.Memory[0xF012] = 0x60; // RTS
        Assert.Equal(6, cpu.Step());
        Assert.Equal(0xF010, cpu.PC);
        Assert.Equal(0xFB, cpu.SP);
        Assert.Equal(0xF0, bus.Memory[0x01FD]);
        Assert.Equal(0x02, bus.Memory[0x01FC]);
        cpu.Step();
        Assert.Equal(6, cpu.Step());
        Assert.Equal(0xF003, cpu.PC);
        Assert.Equal(0xFD, cpu.SP);
        cpu.Step();
        Assert.Equal(0xAA, cpu.A);
        Assert.Equal(0x55, cpu.X);
    }

    [Fact]
    public void PhaAndPlaRoundTripAndPlaSetsFlags()
    {
        var (cpu, bus) = Load(0xA9, 0x80, 0x48, 0xA9, 0x00, 0x68);
        Steps(cpu, 2);
        Assert.Equal(0x80, bus.Memory[0x01FD]);
        Assert.Equal(0xFC, cpu.SP);
        cpu.Step();
        Assert.Equal(Z, cpu.P & (N | Z));
        cpu.Step();
        Assert.Equal(0x80, cpu.A);
        Assert.Equal(N, cpu.P & (N | Z));
        Assert.Equal(0xFD, cpu.SP);
    }

    [Fact]
    public void PhpPushesBAndBit5AndPlpIgnoresThem()
    {
        var (cpu, bus) = Load(0x08, 0x28, 0x28);
        cpu.P = U | C;
        cpu.Step();
        Assert.Equal(U | B | C, bus.Memory[0x01FD]);
        Assert.Equal(U | C, cpu.P);
        bus.Memory[0x01FD] = 0xFF;
        cpu.Step();
        Assert.Equal(0xFF & ~B, cpu.P);
        bus.Memory[0x01FD] = 0x00;
        cpu.SP = 0xFC;
        cpu.Step();
        Assert.Equal(U, cpu.P);
    }

    [Fact]
    public void StackWrapsWithinPageOne()
    {
        var (cpu, bus) = Load(0x48, 0x68);
        cpu.SP = 0x00;
        cpu.A = 0x42;
        cpu.Step();
        Assert.Equal(0x42, bus.Memory[0x0100]);
        Assert.Equal(0xFF, cpu.SP);
        cpu.A = 0;
        cpu.Step();
        Assert.Equal(0x42, cpu.A);
        Assert.Equal(0x00, cpu.SP);
    }

    [Fact]
    public void BrkPushesPcPlusTwoAndFlagsAndRtiRestoresThem()
    {
        var (cpu, bus) = Load(0xF000, 0x00, 0xFF, 0xA9, 0x07);
        bus.Memory[0xFFFE] = 0x00;
        bus.Memory[0xFFFF] = 0xF1;
        bus.Memory[0xF100] = 0x40; // RTI
        cpu.P = U | C | N; // I clear
        Assert.Equal(7, cpu.Step());
        Assert.Equal(0xF100, cpu.PC);
        Assert.Equal(I, cpu.P & I);
        Assert.Equal(0xFA, cpu.SP);
        Assert.Equal(0xF0, bus.Memory[0x01FD]);
        Assert.Equal(0x02, bus.Memory[0x01FC]);
        Assert.Equal(U | B | C | N, bus.Memory[0x01FB]);
        Assert.Equal(6, cpu.Step());
        Assert.Equal(0xF002, cpu.PC);
        Assert.Equal(U | C | N, cpu.P);
        Assert.Equal(0xFD, cpu.SP);
        cpu.Step();
        Assert.Equal(0x07, cpu.A);
    }

    // ------------------------------------------------------------------ undocumented opcodes

    [Fact]
    public void LaxLoadsAAndX()
    {
        var (cpu, bus) = Load(0xA7, 0x80, 0xBF, 0xF0, 0x02);
        bus.Memory[0x80] = 0x8F;
        bus.Memory[0x0300] = 0x00;
        cpu.Step();
        Assert.Equal(0x8F, cpu.A);
        Assert.Equal(0x8F, cpu.X);
        Assert.Equal(N, cpu.P & (N | Z));
        cpu.Y = 0x10;
        Assert.Equal(5, cpu.Step());
        Assert.Equal(0, cpu.A);
        Assert.Equal(0, cpu.X);
        Assert.Equal(Z, cpu.P & (N | Z));
    }

    [Fact]
    public void SaxStoresAAndXWithoutFlags()
    {
        var (cpu, bus) = Load(0x87, 0x80, 0x97, 0xF0);
        cpu.A = 0xF0;
        cpu.X = 0x3C;
        cpu.Y = 0x20;
        byte p = cpu.P;
        cpu.Step();
        Assert.Equal(0x30, bus.Memory[0x80]);
        Assert.Equal(p, cpu.P);
        cpu.Step();
        Assert.Equal(0x30, bus.Memory[0x10]); // zp,Y wraps
    }

    [Fact]
    public void DcpDecrementsThenCompares()
    {
        var (cpu, bus) = Load(0xC7, 0x80, 0xC7, 0x80);
        bus.Memory[0x80] = 0x41;
        cpu.A = 0x40;
        cpu.Step();
        Assert.Equal(0x40, bus.Memory[0x80]);
        Assert.Equal(Z | C, cpu.P & (N | Z | C));
        cpu.Step();
        Assert.Equal(0x3F, bus.Memory[0x80]);
        Assert.Equal(C, cpu.P & (N | Z | C));
        Assert.Equal(0x40, cpu.A);
    }

    [Fact]
    public void IsbIncrementsThenSubtracts()
    {
        var (cpu, bus) = Load(0xE7, 0x80, 0xEF, 0x00, 0x03);
        bus.Memory[0x80] = 0x0F;
        bus.Memory[0x0300] = 0xFF;
        cpu.A = 0x20;
        cpu.P |= C;
        cpu.Step();
        Assert.Equal(0x10, bus.Memory[0x80]);
        Assert.Equal(0x10, cpu.A);
        Assert.Equal(C, cpu.P & (N | Z | C | V));
        cpu.Step(); // $FF -> $00, A - 0 with carry set
        Assert.Equal(0x00, bus.Memory[0x0300]);
        Assert.Equal(0x10, cpu.A);
    }

    [Fact]
    public void SloShiftsMemoryThenOrs()
    {
        var (cpu, bus) = Load(0x07, 0x80);
        bus.Memory[0x80] = 0x81;
        cpu.A = 0x40;
        cpu.Step();
        Assert.Equal(0x02, bus.Memory[0x80]);
        Assert.Equal(0x42, cpu.A);
        Assert.Equal(C, cpu.P & (N | Z | C));
    }

    [Fact]
    public void RlaSreRraCombineTheShiftWithTheAluOp()
    {
        // RLA $80: ROL $80 ($81 with C=1 -> $03, C=1), A &= $03.
        var (cpu, bus) = Load(0x27, 0x80);
        bus.Memory[0x80] = 0x81;
        cpu.A = 0xFF;
        cpu.P |= C;
        cpu.Step();
        Assert.Equal(0x03, bus.Memory[0x80]);
        Assert.Equal(0x03, cpu.A);
        Assert.Equal(C, cpu.P & (N | Z | C));

        // SRE $80: LSR $80 ($03 -> $01, C=1), A ^= $01.
        (cpu, bus) = Load(0x47, 0x80);
        bus.Memory[0x80] = 0x03;
        cpu.A = 0x81;
        cpu.Step();
        Assert.Equal(0x01, bus.Memory[0x80]);
        Assert.Equal(0x80, cpu.A);
        Assert.Equal(N | C, cpu.P & (N | Z | C));

        // RRA $80: ROR $80 ($03 -> $01, C=1), A = A + $01 + 1.
        (cpu, bus) = Load(0x67, 0x80);
        bus.Memory[0x80] = 0x03;
        cpu.A = 0x10;
        cpu.Step();
        Assert.Equal(0x01, bus.Memory[0x80]);
        Assert.Equal(0x12, cpu.A);
        Assert.Equal(0, cpu.P & (N | Z | C));
    }

    [Fact]
    public void AncAndsAndCopiesBit7IntoCarry()
    {
        var (cpu, _) = Load(0x0B, 0x80, 0x2B, 0x7F);
        cpu.A = 0xFF;
        cpu.Step();
        Assert.Equal(0x80, cpu.A);
        Assert.Equal(N | C, cpu.P & (N | Z | C));
        cpu.Step();
        Assert.Equal(0x00, cpu.A);
        Assert.Equal(Z, cpu.P & (N | Z | C));
    }

    [Fact]
    public void AlrAndsThenShiftsRight()
    {
        var (cpu, _) = Load(0x4B, 0x03, 0x4B, 0xFE);
        cpu.A = 0xFF;
        cpu.Step();
        Assert.Equal(0x01, cpu.A);
        Assert.Equal(C, cpu.P & (N | Z | C));
        cpu.Step();
        Assert.Equal(0x00, cpu.A);
        Assert.Equal(Z, cpu.P & (N | Z | C));
    }

    [Theory]
    // A, imm, carry in, result, flags N V Z C (binary mode)
    [InlineData(0xFF, 0xFF, true, 0xFF, N | C)]
    [InlineData(0xFF, 0xC0, false, 0x60, C)]
    [InlineData(0xFF, 0x80, false, 0x40, V | C)]
    [InlineData(0xFF, 0x40, false, 0x20, V)]
    [InlineData(0xFF, 0x01, false, 0x00, Z)]
    [InlineData(0x0F, 0xFF, true, 0x87, N)]
    public void ArrBinary(byte a, byte imm, bool carry, byte result, byte flags)
    {
        var (cpu, _) = Load(0x6B, imm);
        cpu.A = a;
        if (carry) cpu.P |= C;
        cpu.Step();
        Assert.Equal(result, cpu.A);
        Assert.Equal(flags, cpu.P & (N | V | Z | C));
    }

    [Theory]
    // A, imm, carry in, result, flags N V Z C (decimal mode)
    [InlineData(0xFF, 0xFF, false, 0xD5, C)]
    [InlineData(0x04, 0xFF, false, 0x02, 0)]       // low nibble 4 + bit0 0 is not above 5: no fix-up
    [InlineData(0x05, 0xFF, false, 0x08, 0)]       // 5 + 1 > 5: low nibble +6
    [InlineData(0x06, 0xFF, false, 0x09, 0)]
    [InlineData(0x60, 0xFF, true, 0x10, N | V | C)] // ROR gives $B0 (N from old carry, V from bit 6 change), high fix-up +$60
    [InlineData(0x00, 0xFF, false, 0x00, Z)]
    public void ArrDecimal(byte a, byte imm, bool carry, byte result, byte flags)
    {
        var (cpu, _) = Load(0x6B, imm);
        cpu.A = a;
        cpu.P |= D;
        if (carry) cpu.P |= C;
        cpu.Step();
        Assert.Equal(result, cpu.A);
        Assert.Equal(flags, cpu.P & (N | V | Z | C));
    }

    [Fact]
    public void SbxSubtractsFromAAndXWithoutBorrowOrDecimal()
    {
        var (cpu, _) = Load(0xCB, 0x10, 0xCB, 0x40);
        cpu.A = 0xF0;
        cpu.X = 0x3C;
        cpu.P |= D; // ignored
        cpu.Step();
        Assert.Equal(0x20, cpu.X);
        Assert.Equal(0xF0, cpu.A);
        Assert.Equal(C, cpu.P & (N | Z | C));
        cpu.Step(); // $F0 & $20 = $20, minus $40
        Assert.Equal(0xE0, cpu.X);
        Assert.Equal(N, cpu.P & (N | Z | C));
    }

    [Fact]
    public void XaaLxaLasAndSbcEb()
    {
        var (cpu, bus) = Load(0x8B, 0x0F, 0xAB, 0xF3, 0xBB, 0x00, 0x03, 0xEB, 0x01);
        cpu.A = 0x01;
        cpu.X = 0x3C;
        cpu.Step(); // (A | $EE) & X & imm = $EF & $3C & $0F = $0C
        Assert.Equal(0x0C, cpu.A);
        cpu.Step(); // (A | $EE) & imm = $EE & $F3 = $E2
        Assert.Equal(0xE2, cpu.A);
        Assert.Equal(0xE2, cpu.X);
        Assert.Equal(N, cpu.P & (N | Z));
        bus.Memory[0x0300] = 0x7C;
        cpu.Y = 0;
        cpu.Step(); // $7C & SP($FD) = $7C
        Assert.Equal(0x7C, cpu.A);
        Assert.Equal(0x7C, cpu.X);
        Assert.Equal(0x7C, cpu.SP);
        cpu.P |= C;
        cpu.Step();
        Assert.Equal(0x7B, cpu.A);
    }

    [Fact]
    public void UnstableStoresAndWithHighBytePlusOne()
    {
        var (cpu, bus) = Load(0x9F, 0x00, 0x03, 0x9E, 0x00, 0x04, 0x9C, 0x00, 0x05, 0x9B, 0x00, 0x06, 0x93, 0x80);
        bus.Memory[0x80] = 0x00;
        bus.Memory[0x81] = 0x07;
        cpu.A = 0xFF;
        cpu.X = 0xF5;
        cpu.Y = 0x01;
        cpu.Step(); // SHA: A & X & ($03 + 1)
        Assert.Equal(0x04, bus.Memory[0x0301]);
        cpu.Step(); // SHX: X & ($04 + 1)
        Assert.Equal(0x05, bus.Memory[0x0401]);
        cpu.X = 0x01;
        cpu.Step(); // SHY: Y & ($05 + 1), at $0500 + X
        Assert.Equal(0x00, bus.Memory[0x0501]);
        cpu.X = 0xFF;
        cpu.Step(); // TAS: SP = A & X = $FF, store SP & $07
        Assert.Equal(0xFF, cpu.SP);
        Assert.Equal(0x07, bus.Memory[0x0601]);
        cpu.Step(); // SHA (zp),Y: $FF & $FF & ($07 + 1)
        Assert.Equal(0x08, bus.Memory[0x0701]);
    }

    [Fact]
    public void NopsSkipTheirOperandsAndReadTheirTargets()
    {
        var (cpu, bus) = Load(0x1A, 0x80, 0x12, 0x04, 0x90, 0x14, 0x90, 0x0C, 0x00, 0x03, 0x1C, 0xF0, 0x02, 0xEA);
        cpu.X = 0x20;
        byte p = cpu.P;
        Assert.Equal(2, cpu.Step());
        Assert.Equal(2, cpu.Step());
        Assert.Equal(3, cpu.Step());
        Assert.Contains(bus.Log, a => a.Address == 0x90 && !a.IsWrite);
        Assert.Equal(4, cpu.Step());
        Assert.Contains(bus.Log, a => a.Address == 0xB0 && !a.IsWrite);
        Assert.Equal(4, cpu.Step());
        Assert.Contains(bus.Log, a => a.Address == 0x0300 && !a.IsWrite);
        Assert.Equal(5, cpu.Step());
        Assert.Contains(bus.Log, a => a.Address == 0x0310 && !a.IsWrite && a.Cycles == 20);
        Assert.Equal(2, cpu.Step());
        Assert.Equal(0xF00E, cpu.PC);
        Assert.Equal(p, cpu.P);
        Assert.Equal(0, cpu.A);
        Assert.DoesNotContain(bus.Log, a => a.IsWrite);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x12)]
    [InlineData(0x22)]
    [InlineData(0x32)]
    [InlineData(0x42)]
    [InlineData(0x52)]
    [InlineData(0x62)]
    [InlineData(0x72)]
    [InlineData(0x92)]
    [InlineData(0xB2)]
    [InlineData(0xD2)]
    [InlineData(0xF2)]
    public void JamStopsTheCpuForGood(byte op)
    {
        var (cpu, bus) = Load(op, 0xA9, 0x55);
        cpu.Step();
        Assert.True(cpu.Jammed);
        long cycles = cpu.Cycles;
        ushort pc = cpu.PC;
        int accesses = bus.Log.Count;
        for (int i = 0; i < 5; i++) Assert.Equal(0, cpu.Step());
        Assert.Equal(cycles, cpu.Cycles);
        Assert.Equal(pc, cpu.PC);
        Assert.Equal(0, cpu.A);
        Assert.Equal(accesses, bus.Log.Count);

        cpu.Reset();
        Assert.False(cpu.Jammed);
    }

    // ------------------------------------------------------------------ addressing-mode wiring of every opcode

    /// <summary>Addressing modes for the wiring tests (public because theory parameters use it).</summary>
    public enum Mode { Zp, ZpX, ZpY, Abs, AbsX, AbsY, IzX, IzY }

    private const byte IndexX = 0x05, IndexY = 0x07;

    /// <summary>
    /// Runs <paramref name="op"/> with operand bytes $40 $03, X = 5, Y = 7, after putting <paramref name="value"/>
    /// at the effective address of <paramref name="mode"/>; returns the CPU, bus and that address.
    /// </summary>
    private static (Cpu6507 Cpu, RecordingBus Bus, ushort Address) RunWithOperand(byte op, Mode mode, byte value, byte a, byte p)
    {
        var (cpu, bus) = Load(op, 0x40, 0x03);
        ushort address;
        switch (mode)
        {
            case Mode.Zp: address = 0x40; break;
            case Mode.ZpX: address = 0x45; break;
            case Mode.ZpY: address = 0x47; break;
            case Mode.Abs: address = 0x0340; break;
            case Mode.AbsX: address = 0x0345; break;
            case Mode.AbsY: address = 0x0347; break;
            case Mode.IzX:
                bus.Memory[0x45] = 0x00;
                bus.Memory[0x46] = 0x05;
                address = 0x0500;
                break;
            default:
                bus.Memory[0x40] = 0x00;
                bus.Memory[0x41] = 0x06;
                address = 0x0607;
                break;
        }
        bus.Memory[address] = value;
        cpu.A = a;
        cpu.X = IndexX;
        cpu.Y = IndexY;
        cpu.P = p;
        cpu.Step();
        return (cpu, bus, address);
    }

    private static readonly (int Offset, Mode Mode)[] GroupOneModes =
    [
        (0x05, Mode.Zp), (0x15, Mode.ZpX), (0x0D, Mode.Abs), (0x1D, Mode.AbsX), (0x19, Mode.AbsY), (0x01, Mode.IzX), (0x11, Mode.IzY),
    ];

    [Theory]
    [InlineData(0x00)] // ORA
    [InlineData(0x20)] // AND
    [InlineData(0x40)] // EOR
    [InlineData(0x60)] // ADC
    [InlineData(0xA0)] // LDA
    [InlineData(0xC0)] // CMP
    [InlineData(0xE0)] // SBC
    public void AluOpsGiveTheImmediateResultInEveryAddressingMode(byte family)
    {
        foreach (byte operand in new byte[] { 0x5A, 0x00, 0xC3 })
            foreach (byte p in new byte[] { U, U | C, U | C | D })
            {
                var (imm, _) = Load((byte)(family + 0x09), operand);
                imm.A = 0x3C;
                imm.P = p;
                imm.Step();
                foreach (var (offset, mode) in GroupOneModes)
                {
                    var (cpu, _, _) = RunWithOperand((byte)(family + offset), mode, operand, 0x3C, p);
                    Assert.True(imm.A == cpu.A && imm.P == cpu.P, $"opcode {family + offset:X2} ({mode}) operand {operand:X2}: A {cpu.A:X2} P {cpu.P:X2}, expected A {imm.A:X2} P {imm.P:X2}");
                }
            }
    }

    [Theory]
    [InlineData(0x00)] // ASL
    [InlineData(0x20)] // ROL
    [InlineData(0x40)] // LSR
    [InlineData(0x60)] // ROR
    public void ShiftsOnMemoryMatchTheAccumulatorForm(byte family)
    {
        foreach (byte operand in new byte[] { 0x81, 0x40, 0x01, 0x00 })
            foreach (byte p in new byte[] { U, U | C })
            {
                var (acc, _) = Load((byte)(family + 0x0A));
                acc.A = operand;
                acc.P = p;
                acc.Step();
                foreach (var (offset, mode) in new[] { (0x06, Mode.Zp), (0x16, Mode.ZpX), (0x0E, Mode.Abs), (0x1E, Mode.AbsX) })
                {
                    var (cpu, bus, address) = RunWithOperand((byte)(family + offset), mode, operand, 0x77, p);
                    Assert.Equal(acc.A, bus.Memory[address]);
                    Assert.Equal(acc.P, cpu.P);
                    Assert.Equal(0x77, cpu.A);
                }
            }
    }

    [Theory]
    [InlineData(0xE0, 1)]  // INC
    [InlineData(0xC0, -1)] // DEC
    public void IncAndDecWorkInEveryMode(byte family, int delta)
    {
        foreach (byte operand in new byte[] { 0x00, 0x7F, 0xFF, 0x80, 0x01 })
            foreach (var (offset, mode) in new[] { (0x06, Mode.Zp), (0x16, Mode.ZpX), (0x0E, Mode.Abs), (0x1E, Mode.AbsX) })
            {
                var (cpu, bus, address) = RunWithOperand((byte)(family + offset), mode, operand, 0x00, U | C);
                byte expected = (byte)(operand + delta);
                Assert.Equal(expected, bus.Memory[address]);
                Assert.Equal((expected & N) | (expected == 0 ? Z : 0) | U | C, cpu.P);
            }
    }

    [Theory]
    [InlineData(0x03)] // SLO
    [InlineData(0x23)] // RLA
    [InlineData(0x43)] // SRE
    [InlineData(0x63)] // RRA
    [InlineData(0xC3)] // DCP
    [InlineData(0xE3)] // ISB
    public void UndocumentedReadModifyWriteOpsMatchAcrossModes(byte family)
    {
        var modes = new[]
        {
            (0x04, Mode.Zp), (0x14, Mode.ZpX), (0x0C, Mode.Abs), (0x1C, Mode.AbsX), (0x18, Mode.AbsY), (0x00, Mode.IzX), (0x10, Mode.IzY),
        };
        foreach (byte operand in new byte[] { 0x81, 0x40, 0x00, 0xFF })
            foreach (byte p in new byte[] { U, U | C })
            {
                var (reference, referenceBus, referenceAddress) = RunWithOperand((byte)(family + 0x04), Mode.Zp, operand, 0x3C, p);
                foreach (var (offset, mode) in modes)
                {
                    var (cpu, bus, address) = RunWithOperand((byte)(family + offset), mode, operand, 0x3C, p);
                    Assert.Equal(referenceBus.Memory[referenceAddress], bus.Memory[address]);
                    Assert.Equal(reference.A, cpu.A);
                    Assert.Equal(reference.P, cpu.P);
                }
            }
    }

    [Fact]
    public void UndocumentedReadModifyWriteOpsComputeTheRightValues()
    {
        // operand $81, A $3C, carry set
        var (slo, b1, a1) = RunWithOperand(0x07, Mode.Zp, 0x81, 0x3C, U | C);
        Assert.Equal(0x02, b1.Memory[a1]); Assert.Equal(0x3E, slo.A); Assert.Equal(U | C, slo.P);
        var (rla, b2, a2) = RunWithOperand(0x27, Mode.Zp, 0x81, 0x3C, U | C);
        Assert.Equal(0x03, b2.Memory[a2]); Assert.Equal(0x00, rla.A); Assert.Equal(U | C | Z, rla.P);
        var (sre, b3, a3) = RunWithOperand(0x47, Mode.Zp, 0x81, 0x3C, U | C);
        Assert.Equal(0x40, b3.Memory[a3]); Assert.Equal(0x7C, sre.A); Assert.Equal(U | C, sre.P);
        var (rra, b4, a4) = RunWithOperand(0x67, Mode.Zp, 0x81, 0x3C, U | C);
        Assert.Equal(0xC0, b4.Memory[a4]); Assert.Equal(0xFD, rra.A); Assert.Equal(U | N, rra.P); // $3C + $C0 + 1
        var (dcp, b5, a5) = RunWithOperand(0xC7, Mode.Zp, 0x81, 0x3C, U | C);
        Assert.Equal(0x80, b5.Memory[a5]); Assert.Equal(0x3C, dcp.A); Assert.Equal(U | N, dcp.P); // $3C - $80 = $BC, borrow
        var (isb, b6, a6) = RunWithOperand(0xE7, Mode.Zp, 0x81, 0x3C, U | C);
        Assert.Equal(0x82, b6.Memory[a6]); Assert.Equal(0xBA, isb.A); Assert.Equal(U | N | V, isb.P); // $3C - $82
    }

    [Theory]
    [InlineData(0x85, Mode.Zp, 'A')]
    [InlineData(0x95, Mode.ZpX, 'A')]
    [InlineData(0x8D, Mode.Abs, 'A')]
    [InlineData(0x9D, Mode.AbsX, 'A')]
    [InlineData(0x99, Mode.AbsY, 'A')]
    [InlineData(0x81, Mode.IzX, 'A')]
    [InlineData(0x91, Mode.IzY, 'A')]
    [InlineData(0x86, Mode.Zp, 'X')]
    [InlineData(0x96, Mode.ZpY, 'X')]
    [InlineData(0x8E, Mode.Abs, 'X')]
    [InlineData(0x84, Mode.Zp, 'Y')]
    [InlineData(0x94, Mode.ZpX, 'Y')]
    [InlineData(0x8C, Mode.Abs, 'Y')]
    [InlineData(0x87, Mode.Zp, 'S')]
    [InlineData(0x97, Mode.ZpY, 'S')]
    [InlineData(0x8F, Mode.Abs, 'S')]
    [InlineData(0x83, Mode.IzX, 'S')]
    public void StoresWriteTheRightRegisterToTheRightAddress(byte op, Mode mode, char register)
    {
        var (cpu, bus, address) = RunWithOperand(op, mode, 0xEE, 0x9C, U);
        byte expected = register switch { 'A' => 0x9C, 'X' => IndexX, 'Y' => IndexY, _ => 0x9C & IndexX };
        Assert.Equal(expected, bus.Memory[address]);
        Assert.Equal(U, cpu.P);
        Assert.Single(bus.Log, a => a.IsWrite);
    }

    [Theory]
    [InlineData(0xA6, Mode.Zp, "X")]
    [InlineData(0xB6, Mode.ZpY, "X")]
    [InlineData(0xAE, Mode.Abs, "X")]
    [InlineData(0xBE, Mode.AbsY, "X")]
    [InlineData(0xA4, Mode.Zp, "Y")]
    [InlineData(0xB4, Mode.ZpX, "Y")]
    [InlineData(0xAC, Mode.Abs, "Y")]
    [InlineData(0xBC, Mode.AbsX, "Y")]
    [InlineData(0xA7, Mode.Zp, "AX")]
    [InlineData(0xB7, Mode.ZpY, "AX")]
    [InlineData(0xAF, Mode.Abs, "AX")]
    [InlineData(0xBF, Mode.AbsY, "AX")]
    [InlineData(0xA3, Mode.IzX, "AX")]
    [InlineData(0xB3, Mode.IzY, "AX")]
    public void LoadsReadTheRightAddressIntoTheRightRegister(byte op, Mode mode, string registers)
    {
        var (cpu, _, _) = RunWithOperand(op, mode, 0x80, 0x11, U | Z);
        Assert.Equal(registers.Contains('A') ? 0x80 : 0x11, cpu.A);
        Assert.Equal(registers.Contains('X') ? 0x80 : IndexX, cpu.X);
        Assert.Equal(registers.Contains('Y') ? 0x80 : IndexY, cpu.Y);
        Assert.Equal(U | N, cpu.P);
    }

    [Fact]
    public void ComparesWithXAndYInEveryMode()
    {
        foreach (var (op, mode) in new[] { (0xE4, Mode.Zp), (0xEC, Mode.Abs), (0xC4, Mode.Zp), (0xCC, Mode.Abs) })
        {
            var (cpu, _, _) = RunWithOperand((byte)op, mode, op < 0xE0 ? IndexY : IndexX, 0x00, U);
            Assert.Equal(U | Z | C, cpu.P);
        }
    }

    // ------------------------------------------------------------------ whole programs

    [Fact]
    public void LoopSumsOneToTen()
    {
        var (cpu, bus) = Load(
            0xA2, 0x0A,  // LDX #10
            0xA9, 0x00,  // LDA #0
            0x18,        // CLC
            0x86, 0x80,  // loop: STX $80
            0x65, 0x80,  //       ADC $80
            0xCA,        //       DEX
            0xD0, 0xF9,  //       BNE loop
            0x85, 0x90,  // STA $90
            0x02);       // JAM
        RunUntilJam(cpu);
        Assert.Equal(55, bus.Memory[0x90]);
        // 2+2+2 + 10*(3+3+2) + 9 taken branches * 3 + 1 fall-through * 2 + 3 + 2 (JAM)
        Assert.Equal(2 + 2 + 2 + 10 * 8 + 9 * 3 + 2 + 3 + 2, cpu.Cycles);
    }

    [Theory]
    [InlineData(13, 11)]
    [InlineData(200, 123)]
    [InlineData(255, 255)]
    [InlineData(0, 77)]
    [InlineData(1, 1)]
    public void ShiftAndAddMultiply(int a, int b)
    {
        var (cpu, bus) = Load(
            0xA9, 0x00,  // LDA #0
            0x85, 0x82,  // STA lo
            0x85, 0x83,  // STA hi
            0x85, 0x84,  // STA multiplicand high
            0xA2, 0x08,  // LDX #8
            0x46, 0x81,  // loop: LSR multiplier
            0x90, 0x0D,  //       BCC skip
            0x18,        //       CLC
            0xA5, 0x82,  //       LDA lo
            0x65, 0x80,  //       ADC multiplicand
            0x85, 0x82,  //       STA lo
            0xA5, 0x83,  //       LDA hi
            0x65, 0x84,  //       ADC multiplicand high
            0x85, 0x83,  //       STA hi
            0x06, 0x80,  // skip: ASL multiplicand
            0x26, 0x84,  //       ROL multiplicand high
            0xCA,        //       DEX
            0xD0, 0xE8,  //       BNE loop
            0x02);       // JAM
        bus.Memory[0x80] = (byte)a;
        bus.Memory[0x81] = (byte)b;
        RunUntilJam(cpu);
        Assert.Equal(a * b, bus.Memory[0x82] | (bus.Memory[0x83] << 8));
    }

    [Fact]
    public void DecimalCounterProgramCountsInBcd()
    {
        // Adds 1 in BCD 123 times to a two-byte counter: expect $01 $23.
        var (cpu, bus) = Load(
            0xF8,        // SED
            0xA0, 0x7B,  // LDY #123
            0x18,        // loop: CLC
            0xA5, 0x80,  //       LDA lo
            0x69, 0x01,  //       ADC #1
            0x85, 0x80,  //       STA lo
            0xA5, 0x81,  //       LDA hi
            0x69, 0x00,  //       ADC #0
            0x85, 0x81,  //       STA hi
            0x88,        //       DEY
            0xD0, 0xF0,  //       BNE loop
            0xD8,        // CLD
            0x02);       // JAM
        RunUntilJam(cpu);
        Assert.Equal(0x23, bus.Memory[0x80]);
        Assert.Equal(0x01, bus.Memory[0x81]);
    }

    [Fact]
    public void SubroutineCopyLoopWithIndirectIndexedAddressing()
    {
        // Copies 300 bytes from $0400 to $0600 through ($80),Y / ($82),Y pointers, page by page.
        var (cpu, bus) = Load(
            0xA9, 0x00, 0x85, 0x80, 0x85, 0x82,  // pointers' low bytes = 0
            0xA9, 0x04, 0x85, 0x81,              // src high = $04
            0xA9, 0x06, 0x85, 0x83,              // dst high = $06
            0xA2, 0x02,                          // LDX #2 pages (copies 512, checks first 300)
            0x20, 0x30, 0xF0,                    // loop: JSR copyPage
            0xE6, 0x81, 0xE6, 0x83,              //       INC src high, INC dst high
            0xCA, 0xD0, 0xF6,                    //       DEX, BNE loop
            0x02);                               // JAM
        byte[] copyPage = [0xA0, 0x00, 0xB1, 0x80, 0x91, 0x82, 0xC8, 0xD0, 0xF9, 0x60];
        copyPage.CopyTo(bus.Memory, 0xF030);
        for (int i = 0; i < 512; i++) bus.Memory[0x0400 + i] = (byte)(i * 7 + 3);
        RunUntilJam(cpu);
        for (int i = 0; i < 512; i++) Assert.Equal((byte)(i * 7 + 3), bus.Memory[0x0600 + i]);
        Assert.Equal(0xFD, cpu.SP);
    }
}
