using Rims.Envs.Atari.Emulation;
using static Rims.Envs.Tests.Atari.TestMachine;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// TIA behaviour checked with tiny hand-assembled programs. The picture starts at scanline 0 (YStart = 0), so row
/// n of the screen is scanline n; every program begins with STA WSYNC, so line 1 starts at a known cycle.
/// </summary>
public sealed class TiaTests
{
    private const byte Bk = 0x40, Pf = 0x1E, P0 = 0x86, P1 = 0xC4;

    /// <summary>Runs a program whose line 1 .. are given by <paramref name="kernel"/>, then ends the frame.</summary>
    private static Atari2600 RunKernel(Action<Asm> kernel, Action<Atari2600>? beforeRun = null)
    {
        var asm = new Asm();
        asm.Wsync();
        kernel(asm);
        asm.Lines(3).EndFrameAndLoop();
        Atari2600 machine = Create(asm);
        beforeRun?.Invoke(machine);
        machine.RunFrame();
        Assert.False(machine.Tia.PartialFrame);
        return machine;
    }

    [Fact]
    public void PlayfieldBitsAreShownInHardwareOrder()
    {
        Atari2600 m = RunKernel(a => a.Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUPF, Pf)
            .Set(TiaReg.PF0, 0x10).Set(TiaReg.PF1, 0x80).Set(TiaReg.PF2, 0x01).Wsync());

        // PF0 bit 4 = block 0, PF1 bit 7 = block 4, PF2 bit 0 = block 12; the right half repeats the left.
        int[] expected = [0, 1, 2, 3, 16, 17, 18, 19, 48, 49, 50, 51, 80, 81, 82, 83, 96, 97, 98, 99, 128, 129, 130, 131];
        byte[] row = Row(m, 2);
        Assert.Equal(expected, PixelsOf(row, Pf));
        Assert.Equal(160 - expected.Length, PixelsOf(row, Bk).Length);
    }

    [Fact]
    public void ReflectedPlayfieldMirrorsTheRightHalf()
    {
        Atari2600 m = RunKernel(a => a.Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUPF, Pf).Set(TiaReg.CTRLPF, 0x01)
            .Set(TiaReg.PF0, 0x10).Set(TiaReg.PF1, 0x80).Set(TiaReg.PF2, 0x01).Wsync());

        int[] expected = [0, 1, 2, 3, 16, 17, 18, 19, 48, 49, 50, 51, 108, 109, 110, 111, 140, 141, 142, 143, 156, 157, 158, 159];
        Assert.Equal(expected, PixelsOf(Row(m, 2), Pf));
    }

    [Fact]
    public void ScoreModeColoursEachHalfLikeItsPlayer()
    {
        Atari2600 m = RunKernel(a => a.Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUP0, P0).Set(TiaReg.COLUP1, P1)
            .Set(TiaReg.CTRLPF, 0x02).Set(TiaReg.PF0, 0x10).Wsync());

        byte[] row = Row(m, 2);
        Assert.Equal([0, 1, 2, 3], PixelsOf(row, P0));
        Assert.Equal([80, 81, 82, 83], PixelsOf(row, P1));
    }

    [Fact]
    public void ColourRegistersDropBitZero()
    {
        Atari2600 m = RunKernel(a => a.Set(TiaReg.COLUBK, 0x1F).Wsync());
        Assert.All(Row(m, 2), v => Assert.Equal(0x1E, v));
    }

    [Fact]
    public void ResetPlayerPositionFollowsTheWriteCycle()
    {
        // After WSYNC: 17 NOPs (34 cycles) + STA RESP0 ends at cycle 37 = colour clock 111 -> x = 111 - 68 + 5 = 48.
        Atari2600 m = RunKernel(a => a.Nops(17).Sta(TiaReg.RESP0).Wsync()
            .Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUP0, P0).Set(TiaReg.GRP0, 0x80).Wsync());

        Assert.Equal([48], PixelsOf(Row(m, 2), P0));
        Assert.Equal([48], PixelsOf(Row(m, 3), P0));
    }

    [Fact]
    public void ResetDuringHorizontalBlankPutsThePlayerAtThree()
    {
        Atari2600 m = RunKernel(a => a.Sta(TiaReg.RESP0).Wsync()
            .Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUP0, P0).Set(TiaReg.GRP0, 0xFF).Wsync());

        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], PixelsOf(Row(m, 2), P0));
    }

    [Fact]
    public void PlayerCopiesSizesAndReflection()
    {
        Atari2600 m = RunKernel(a => a.Nops(17).Sta(TiaReg.RESP0).Wsync()
            // line 2: two close copies of %11000000
            .Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUP0, P0).Set(TiaReg.NUSIZ0, 0x01).Set(TiaReg.GRP0, 0xC0).Wsync()
            // line 3: reflected
            .Set(TiaReg.REFP0, 0x08).Wsync()
            // line 4: double size, one pixel late (old-core behaviour)
            .Set(TiaReg.REFP0, 0x00).Set(TiaReg.NUSIZ0, 0x05).Set(TiaReg.GRP0, 0x80).Wsync()
            // line 5: three close copies
            .Set(TiaReg.NUSIZ0, 0x03).Wsync()
            // line 6: quad size
            .Set(TiaReg.NUSIZ0, 0x07).Wsync());

        Assert.Equal([48, 49, 64, 65], PixelsOf(Row(m, 2), P0));
        Assert.Equal([54, 55, 70, 71], PixelsOf(Row(m, 3), P0));
        Assert.Equal([49, 50], PixelsOf(Row(m, 4), P0));
        Assert.Equal([48, 64, 80], PixelsOf(Row(m, 5), P0));
        Assert.Equal([49, 50, 51, 52], PixelsOf(Row(m, 6), P0));
    }

    [Fact]
    public void HmoveShiftsObjectsAndBlanksTheFirstEightPixels()
    {
        Atari2600 m = RunKernel(a => a.Nops(17).Sta(TiaReg.RESP0).Wsync()
            .Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUP0, P0).Set(TiaReg.GRP0, 0x80).Set(TiaReg.HMP0, 0x10).Wsync()
            // line 3: HMOVE at cycle 3 moves P0 one pixel left and draws the HMOVE bar
            .Sta(TiaReg.HMOVE).Sta(TiaReg.HMCLR).Wsync()
            // line 4: no HMOVE
            .Wsync());

        Assert.Equal([48], PixelsOf(Row(m, 2), P0));
        byte[] row3 = Row(m, 3);
        Assert.Equal([47], PixelsOf(row3, P0));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], PixelsOf(row3, 0));
        byte[] row4 = Row(m, 4);
        Assert.Equal([47], PixelsOf(row4, P0));
        Assert.Empty(PixelsOf(row4, 0));
    }

    [Fact]
    public void HmoveBarCanBeSwitchedOff()
    {
        Atari2600 m = RunKernel(a => a.Set(TiaReg.COLUBK, Bk).Wsync().Sta(TiaReg.HMOVE).Wsync(), m => m.Tia.HmoveBlanks = false);
        Assert.All(Row(m, 2), v => Assert.Equal(Bk, v));
    }

    [Fact]
    public void MidLineHmoveUsesTheOldCoreTable()
    {
        // HMOVE ending at cycle 40 of the line is in the part of the table where nothing moves.
        Atari2600 m = RunKernel(a => a.Nops(17).Sta(TiaReg.RESP0).Wsync()
            .Set(TiaReg.COLUP0, P0).Set(TiaReg.GRP0, 0x80).Set(TiaReg.HMP0, 0x70).Wsync()
            .Nops(17).Emit(0xEA).Nops(1).Sta(TiaReg.HMOVE).Wsync().Wsync());
        Assert.Equal([48], PixelsOf(Row(m, 4), P0));
    }

    [Fact]
    public void PlayersCoverThePlayfieldUnlessPriorityIsSet()
    {
        Atari2600 m = RunKernel(a => a.Sta(TiaReg.RESP0).Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUPF, Pf).Set(TiaReg.COLUP0, P0).Wsync()
            .Set(TiaReg.PF0, 0xF0).Set(TiaReg.GRP0, 0x80).Wsync()
            .Set(TiaReg.CTRLPF, 0x04).Wsync());

        Assert.Equal([3], PixelsOf(Row(m, 2), P0));
        Assert.Empty(PixelsOf(Row(m, 3), P0));
        Assert.Equal(32, PixelsOf(Row(m, 3), Pf).Length); // PF0 shows in both halves
    }

    [Fact]
    public void BallAndMissileSizes()
    {
        // Writes must end before cycle 22 to be in time for the start of the visible line.
        Atari2600 m = RunKernel(a => a.Sta(TiaReg.RESBL).Sta(TiaReg.RESM0).Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUPF, Pf).Set(TiaReg.COLUP0, P0).Wsync()
            .Set(TiaReg.CTRLPF, 0x30).Set(TiaReg.NUSIZ0, 0x10).Set(TiaReg.ENABL, 0x02).Wsync()
            .Set(TiaReg.ENABL, 0x00).Set(TiaReg.ENAM0, 0x02).Wsync());

        // RESBL/RESM0 in horizontal blank put the objects at x = 2.
        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], PixelsOf(Row(m, 2), Pf));
        Assert.Equal([2, 3], PixelsOf(Row(m, 3), P0));
    }

    [Fact]
    public void VerticalBlankDrawsBlack()
    {
        Atari2600 m = RunKernel(a => a.Set(TiaReg.COLUBK, Pf).Set(TiaReg.VBLANK, 0x02).Wsync().Wsync()
            .Set(TiaReg.VBLANK, 0x00).Wsync().Wsync());

        Assert.All(Row(m, 2), v => Assert.Equal(0, v));
        Assert.All(Row(m, 4), v => Assert.Equal(Pf, v));
    }

    [Fact]
    public void CollisionsLatchAndReadWithBusBitsAndClear()
    {
        // P0 and P1 both at x = 3 with full graphics on line 2; line 3 reads CXPPMM into $80, clears, reads into $81.
        Atari2600 m = RunKernel(a => a.Sta(TiaReg.RESP0).Sta(TiaReg.RESP1).Wsync()
            .Set(TiaReg.GRP0, 0xFF).Set(TiaReg.GRP1, 0xFF).Wsync()
            .Set(TiaReg.GRP0, 0x00).Set(TiaReg.GRP1, 0x00)
            .LdaZp(TiaReg.CXPPMM).Sta(0x80).Sta(TiaReg.CXCLR).LdaZp(TiaReg.CXPPMM).Sta(0x81));

        // Bit 7 = P0-P1; the low 6 bits are the last byte on the bus before the read: the operand $07.
        Assert.Equal(0x87, m.Riot.Ram[0]);
        Assert.Equal(0x07, m.Riot.Ram[1]);
    }

    [Fact]
    public void CollisionsAreNotLatchedDuringVerticalBlank()
    {
        // The old core skips all per-pixel work while VBLANK is on.
        Atari2600 m = RunKernel(a => a.Sta(TiaReg.RESP0).Sta(TiaReg.RESP1).Set(TiaReg.VBLANK, 0x02).Wsync()
            .Set(TiaReg.GRP0, 0xFF).Set(TiaReg.GRP1, 0xFF).Wsync()
            .Set(TiaReg.GRP0, 0x00).Set(TiaReg.GRP1, 0x00).LdaZp(TiaReg.CXPPMM).Sta(0x80));
        Assert.Equal(0x07, m.Riot.Ram[0]);
    }

    [Fact]
    public void FireButtonReadUsesTheBusForUndefinedBits()
    {
        var asm = new Asm();
        asm.Wsync().LdaZp(TiaReg.INPT4).Sta(0x80).Lines(2).EndFrameAndLoop();
        Atari2600 m = Create(asm);
        m.RunFrame();
        Assert.Equal(0x8C, m.Riot.Ram[0]); // LDA $0C: not pressed -> bit 7 set, low bits = operand $0C
        m.Tia.Fire0 = true;
        m.RunFrame();
        Assert.Equal(0x0C, m.Riot.Ram[0]);
    }

    [Fact]
    public void WsyncJumpsToTheNextLineStart()
    {
        Atari2600 m = Create(new Asm().Jmp(Asm.Origin));
        m.Cpu.Cycles = 10;
        m.Tia.Write(TiaReg.WSYNC, 0);
        Assert.Equal(76, m.Cpu.Cycles);
        m.Tia.Write(TiaReg.WSYNC, 0); // already at a line start: no wait
        Assert.Equal(76, m.Cpu.Cycles);
        m.Cpu.Cycles = 77;
        m.Tia.Write(TiaReg.WSYNC, 0);
        Assert.Equal(152, m.Cpu.Cycles);
    }

    [Fact]
    public void VsyncEndsTheFrameAfterAtLeastOneLine()
    {
        var asm = new Asm();
        asm.Wsync().Lines(99)
            .Set(TiaReg.VSYNC, 2).Set(TiaReg.VSYNC, 0) // too short: does not end the frame
            .Set(TiaReg.VSYNC, 2).Wsync().Wsync();
        asm.Set(TiaReg.VSYNC, 0); // line 102, ends at cycle 5
        ushort after = asm.Here;
        asm.Jmp(Asm.Origin);
        Atari2600 m = Create(asm);
        m.RunFrame();

        Assert.False(m.Tia.PartialFrame);
        Assert.Equal(102, m.Tia.Scanlines);
        Assert.Equal(102 * 76 + 5, m.Cpu.Cycles);
        Assert.Equal(after, m.Cpu.PC);
    }

    [Fact]
    public void FrameWithoutVsyncEndsAtTheFirstWriteAfterScanline290()
    {
        var asm = new Asm();
        asm.Wsync().Jmp(Asm.Origin);
        Atari2600 m = Create(asm);
        m.RunFrame();

        // The WSYNC write on line 291 ends the frame and still waits for line 292.
        Assert.False(m.Tia.PartialFrame);
        Assert.Equal(292, m.Tia.Scanlines);
        Assert.Equal(292 * 76, m.Cpu.Cycles);
    }

    [Fact]
    public void PaddleChargesAfterTheDumpIsSwitchedOff()
    {
        Atari2600 m = Create(new Asm().Jmp(Asm.Origin));
        Tia tia = m.Tia;
        tia.PaddleResistance[0] = 100_000; // needs floor(1.6 * 1e5 * 1e-8 * 1.19e6) = 1904 cycles
        tia.PaddleResistance[1] = Tia.MinimumResistance;
        m.Cpu.LastBusValue = 0x08;

        m.Cpu.Cycles = 100;
        tia.Write(TiaReg.VBLANK, 0x80);
        Assert.Equal(0x08, tia.Read(TiaReg.INPT0)); // dumped to ground
        Assert.Equal(0x88, tia.Read(TiaReg.INPT0 + 1)); // resistance 0 reads charged even while dumped

        m.Cpu.Cycles = 200;
        tia.Write(TiaReg.VBLANK, 0x00);
        m.Cpu.Cycles = 200 + 1904;
        Assert.Equal(0x08, tia.Read(TiaReg.INPT0));
        m.Cpu.Cycles = 200 + 1905;
        Assert.Equal(0x88, tia.Read(TiaReg.INPT0));

        Assert.Equal(0x08, tia.Read(0x0A)); // INPT2: a joystick port never charges
    }

    [Fact]
    public void TiaStateSurvivesSaveAndLoad()
    {
        var asm = new Asm();
        asm.Wsync().Set(TiaReg.COLUBK, Bk).Set(TiaReg.COLUPF, Pf).Set(TiaReg.PF1, 0xAA).Sta(TiaReg.RESP0).Lines(5).EndFrameAndLoop();
        Atari2600 a = Create(asm);
        a.RunFrame();
        var stream = new MemoryStream();
        a.Tia.Save(new BinaryWriter(stream));
        Atari2600 b = Create(asm);
        stream.Position = 0;
        b.Tia.Load(new BinaryReader(stream));
        Assert.True(a.Tia.Screen.SequenceEqual(b.Tia.Screen));
        Assert.Equal(a.Tia.Scanlines, b.Tia.Scanlines);
    }
}
