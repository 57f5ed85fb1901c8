using System.Security.Cryptography;
using Rims.Envs.Atari.Emulation;
using static Rims.Envs.Tests.Atari.TestMachine;

namespace Rims.Envs.Tests.Atari;

/// <summary>The console: memory map, reset, ALE's frame loop (instruction limit, partial frames, jams) and snapshots.</summary>
public sealed class Atari2600Tests
{
    [Fact]
    public void ConsoleResetPutsTheCpuWhereAleDoes()
    {
        Atari2600 m = Create(new Asm().Jmp(Asm.Origin));
        m.Cpu.A = 1;
        m.Cpu.Cycles = 1234;
        m.ConsoleReset();
        Assert.Equal(0, m.Cpu.Cycles);
        Assert.Equal(0, m.Cpu.A);
        Assert.Equal(0xFF, m.Cpu.SP);
        Assert.Equal(0x20, m.Cpu.P);
        Assert.Equal(Asm.Origin, m.Cpu.PC);
    }

    [Fact]
    public void PowerOnFillsRamFromTheCoreRng()
    {
        Atari2600 m = Create(new Asm().Jmp(Asm.Origin));
        var rng = new Mt19937(4753849);
        for (int i = 0; i < 128; i++) Assert.Equal((byte)rng.Next(), m.Riot.Ram[i]);
    }

    [Fact]
    public void MemoryMapMirrorsRamAndTia()
    {
        var asm = new Asm();
        asm.Wsync()
            .Set(0x80, 0x5A)
            .Emit(0xAD, 0x80, 0x01).Sta(0x81)          // LDA $0180 (RAM mirror) -> $81
            .LdaImm(0x33).Emit(0x8D, 0xFF, 0x01)       // STA $01FF (stack page = RAM $FF)
            .LdaImm(0x1E).Emit(0x8D, 0x49, 0x00)       // STA $0049 = COLUBK through a TIA mirror
            .Wsync().Lines(2).EndFrameAndLoop();
        Atari2600 m = Create(asm);
        m.RunFrame();
        Assert.Equal(0x5A, m.Riot.Ram[1]);
        Assert.Equal(0x33, m.Riot.Ram[0x7F]);
        Assert.All(Row(m, 2), v => Assert.Equal(0x1E, v));
    }

    [Fact]
    public void FrameStopsAfterTheInstructionLimitAndContinuesNextTime()
    {
        Atari2600 m = Create(new Asm().Jmp(Asm.Origin)); // JMP to itself: 3 cycles, never touches the TIA
        m.RunFrame();
        Assert.True(m.Tia.PartialFrame);
        Assert.Equal(3L * Atari2600.MaxInstructionsPerFrame, m.Cpu.Cycles);
        Assert.Equal(3 * 3 * Atari2600.MaxInstructionsPerFrame / 228, m.Tia.Scanlines);

        m.RunFrame(); // the partial frame goes on: the clock is not reset
        Assert.Equal(6L * Atari2600.MaxInstructionsPerFrame, m.Cpu.Cycles);
        Assert.Equal(2, m.FrameNumber);
    }

    [Fact]
    public void JammedCpuLeavesEveryLaterFramePartialAndGreysOnce()
    {
        var asm = new Asm();
        asm.Wsync().Set(TiaReg.COLUBK, 0x1E)
            .Emit(0xE6, 0x80)      // INC $80
            .LdaZp(0x80)
            .Emit(0xC9, 0x03)      // CMP #3
            .Emit(0xD0, 19)        // BNE over the 19 bytes below
            .Lines(9).Emit(0x02)   // third frame: jam at the start of line 10
            .Lines(215).EndFrameAndLoop();
        Atari2600 m = Create(asm);
        m.Riot.Ram[0] = 0;

        m.RunFrame();
        m.RunFrame();
        Assert.False(m.Tia.PartialFrame);
        m.RunFrame(); // draws into the first frame's buffer, all $1E, and jams on line 10
        Assert.True(m.Cpu.Jammed);
        Assert.True(m.Tia.PartialFrame);
        Assert.Equal(10, m.Tia.Scanlines);
        for (int row = 0; row < 10; row++) Assert.All(Row(m, row), v => Assert.Equal(0x1E, v));
        for (int row = 10; row < 210; row++) Assert.All(Row(m, row), v => Assert.Equal(0x07, v)); // ($1E & 15) >> 1

        long cycles = m.Cpu.Cycles;
        m.RunFrame();
        Assert.True(m.Tia.PartialFrame);
        Assert.Equal(cycles, m.Cpu.Cycles);
        Assert.All(Row(m, 100), v => Assert.Equal(0x07, v)); // greyed only once
    }

    [Fact]
    public void SnapshotRestoredIntoAFreshMachineContinuesBitIdentically()
    {
        byte[] rom = File.ReadAllBytes(TestData.File(TestData.RomsDirectory, "pong.bin"));
        Atari2600 NewMachine() => new(Cartridge.Create(rom, "2K"), new Mt19937(4753849));

        Atari2600 a = NewMachine();
        a.PowerOn();
        a.ConsoleReset();
        for (int f = 0; f < 150; f++) Step(a, f);
        var stream = new MemoryStream();
        a.Save(new BinaryWriter(stream));

        var expected = new List<string>();
        for (int f = 150; f < 260; f++) expected.Add(Step(a, f));

        Atari2600 b = new(Cartridge.Create(rom, "2K"), new Mt19937(1)); // different seed: the snapshot carries the RNG
        stream.Position = 0;
        b.Load(new BinaryReader(stream));
        for (int f = 150; f < 260; f++) Assert.Equal(expected[f - 150], Step(b, f));

        static string Step(Atari2600 m, int frame)
        {
            if (frame == 200) m.ConsoleReset(); // uses the core RNG
            m.Tia.PaddleResistance[0] = 27450 + frame * 4000 % 700000;
            m.Tia.PaddleResistance[1] = 408823;
            m.Tia.PaddleResistance[2] = m.Tia.PaddleResistance[3] = 0;
            m.Riot.JoystickBits = (byte)(frame % 7 == 0 ? 0xBF : 0xFF);
            m.Riot.SwitchBits = (byte)(frame is > 100 and < 105 ? 0x3E : 0x3F);
            m.RunFrame();
            return Convert.ToHexString(m.Riot.Ram) + Convert.ToHexString(MD5.HashData(m.Tia.Screen))
                + $"/{m.Tia.Scanlines}/{m.Cpu.Cycles}/{m.Cpu.PC}";
        }
    }
}
