namespace Rims.Envs.Atari.Emulation;

/// <summary>Register reads and writes.</summary>
public sealed partial class Tia
{
    /// <summary>
    /// Reads a TIA register (A0..A3 decode). Only the defined bits come from the chip: bits 7..6 of the collision
    /// registers ($0-$7), bit 7 of INPT0..INPT5 ($8-$D); the other bits are the data bus as it was before this
    /// read (the last byte the CPU fetched), as in the reference.
    /// </summary>
    /// <remarks>
    /// Collision registers: $0 CXM0P (M0-P1, M0-P0), $1 CXM1P (M1-P0, M1-P1), $2 CXP0FB (P0-PF, P0-BL),
    /// $3 CXP1FB (P1-PF, P1-BL), $4 CXM0FB (M0-PF, M0-BL), $5 CXM1FB (M1-PF, M1-BL), $6 CXBLPF (BL-PF, bit 6 = 0),
    /// $7 CXPPMM (P0-P1, M0-M1). The picture is brought up to date first so the latches include every pixel so far.
    /// </remarks>
    public byte Read(ushort address)
    {
        UpdateFrame(SystemClock());
        int noise = cpu.LastBusValue & 0x3F;
        int c = collision;
        int value = (address & 0x0F) switch
        {
            0x0 => ((c & 0x0001) << 7) | ((c & 0x0002) << 5),
            0x1 => ((c & 0x0004) << 5) | ((c & 0x0008) << 3),
            0x2 => ((c & 0x0010) << 3) | ((c & 0x0020) << 1),
            0x3 => ((c & 0x0040) << 1) | ((c & 0x0080) >> 1),
            0x4 => ((c & 0x0100) >> 1) | ((c & 0x0200) >> 3),
            0x5 => ((c & 0x0400) >> 3) | ((c & 0x0800) >> 5),
            0x6 => (c & 0x1000) >> 5,
            0x7 => ((c & 0x2000) >> 6) | ((c & 0x4000) >> 8),
            0x8 => PaddleBit(0),
            0x9 => PaddleBit(1),
            0xA => PaddleBit(2),
            0xB => PaddleBit(3),
            0xC => Fire0 ? 0 : 0x80,
            0xD => Fire1 ? 0 : 0x80,
            _ => 0,
        };
        return (byte)(value | noise);
    }

    /// <summary>Bit 7 of INPT0..INPT3: the paddle capacitor has charged (ALE-NOTES A.6).</summary>
    private int PaddleBit(int index)
    {
        int r = PaddleResistance[index];
        if (r == MinimumResistance) return 0x80;
        if (r == MaximumResistance || dumpEnabled) return 0;
        double t = 1.6 * r * 0.01E-6;
        uint needed = (uint)(t * 1.19E6);
        // 32-bit unsigned comparison, as in the reference: after a frame start the dump cycle can be "negative".
        return unchecked((uint)cpu.Cycles > (uint)dumpDisabledCycle + needed) ? 0x80 : 0;
    }

    /// <summary>
    /// Writes a TIA register (A0..A5 decode). The picture is first drawn up to the write clock plus the register's
    /// delay with the old values. A write more than 290 scanlines into the frame ends the frame.
    /// </summary>
    public void Write(ushort address, byte value)
    {
        int addr = address & 0x3F;
        int clock = SystemClock();
        int delay = WriteDelay[addr];
        if (delay < 0)
        {
            int x = (clock - clockWhenFrameStarted) % ClocksPerLine;
            delay = PlayfieldDelay[(x / 3) & 3];
        }

        UpdateFrame(clock + delay);

        if ((clock - clockWhenFrameStarted) / ClocksPerLine > MaximumScanlines)
        {
            RequestStop();
            partialFrame = false;
        }

        switch (addr)
        {
            case 0x00: WriteVsync(value, clock); break;
            case 0x01: WriteVblank(value); break;
            case 0x02: WaitForHorizontalSync(); break;
            case 0x03: break; // RSYNC: not modelled by the reference
            case 0x04:
                nusiz0 = value;
                p0SkipFirst = false;
                m0Shape = 0;
                break;
            case 0x05:
                nusiz1 = value;
                p1SkipFirst = false;
                break;
            case 0x06: color[ColorP0] = (byte)(value & 0xFE); break;
            case 0x07: color[ColorP1] = (byte)(value & 0xFE); break;
            case 0x08: color[ColorPf] = (byte)(value & 0xFE); break;
            case 0x09: color[ColorBk] = (byte)(value & 0xFE); break;
            case 0x0A:
                ctrlpf = value;
                priorityAndScore = (value & 0x06) << 5;
                // The reflection change only reaches the playfield this line while the beam is still left of x = 79.
                if ((clock - clockWhenFrameStarted) % ClocksPerLine < HBlankClocks + 79) pfReflect = (value & 0x01) != 0;
                break;
            case 0x0B:
                if (((value & 0x08) != 0) != refp0)
                {
                    refp0 = !refp0;
                    currentGrp0 = Reverse[currentGrp0];
                }
                break;
            case 0x0C:
                if (((value & 0x08) != 0) != refp1)
                {
                    refp1 = !refp1;
                    currentGrp1 = Reverse[currentGrp1];
                }
                break;
            case 0x0D: SetPlayfield((pf & 0xFFFF0u) | (uint)((value >> 4) & 0x0F)); break;
            case 0x0E: SetPlayfield((pf & 0xFF00Fu) | ((uint)value << 4)); break;
            case 0x0F: SetPlayfield((pf & 0x00FFFu) | ((uint)value << 12)); break;
            case 0x10: ResetPlayer(ref posP0, ref p0SkipFirst, nusiz0, clock); break;
            case 0x11: ResetPlayer(ref posP1, ref p1SkipFirst, nusiz1, clock); break;
            case 0x12:
            {
                int hpos = (clock - clockWhenFrameStarted) % ClocksPerLine;
                posM0 = hpos < HBlankClocks ? 2 : (hpos - HBlankClocks + 4) % 160;
                if (clock - lastHmoveClock == 20 * 3 && hpos == 69) posM0 = 8; // reference special case ("Dolphin")
                m0Shape = 0;
                break;
            }
            case 0x13:
            {
                int hpos = (clock - clockWhenFrameStarted) % ClocksPerLine;
                posM1 = hpos < HBlankClocks ? 2 : (hpos - HBlankClocks + 4) % 160;
                if (clock - lastHmoveClock == 3 * 3 && hpos == 18) posM1 = 3; // reference special case ("Pitfall II")
                break;
            }
            case 0x14: ResetBall(clock); break;
            case 0x1B:
                grp0 = value;
                dgrp1 = grp1;
                RefreshPlayerGraphics();
                break;
            case 0x1C:
                grp1 = value;
                dgrp0 = grp0;
                denabl = enabl;
                RefreshPlayerGraphics();
                RefreshBallEnabled();
                break;
            case 0x1D:
                enam0 = (value & 0x02) != 0;
                RefreshMissilesEnabled();
                break;
            case 0x1E:
                enam1 = (value & 0x02) != 0;
                RefreshMissilesEnabled();
                break;
            case 0x1F:
                enabl = (value & 0x02) != 0;
                RefreshBallEnabled();
                break;
            case 0x20: hmp0 = value >> 4; break;
            case 0x21: hmp1 = value >> 4; break;
            case 0x22:
            {
                int motion = value >> 4;
                // The reference's "Cosmic Ark" star-field effect: HMM0 changed from 7 to 6 exactly 21 cycles after HMOVE.
                if (clock == lastHmoveClock + 21 * 3 && hmm0 == 7 && motion == 6)
                {
                    cosmicArkEnabled = true;
                    cosmicArkCounter = 0;
                }
                hmm0 = motion;
                break;
            }
            case 0x23: hmm1 = value >> 4; break;
            case 0x24: hmbl = value >> 4; break;
            case 0x25:
                vdelp0 = (value & 0x01) != 0;
                RefreshPlayerGraphics();
                break;
            case 0x26:
                vdelp1 = (value & 0x01) != 0;
                RefreshPlayerGraphics();
                break;
            case 0x27:
                vdelbl = (value & 0x01) != 0;
                RefreshBallEnabled();
                break;
            case 0x28:
                if (resmp0 && (value & 0x02) == 0)
                {
                    posM0 = (posP0 + PlayerMiddle(nusiz0)) % 160;
                    m0Shape = 0;
                }
                resmp0 = (value & 0x02) != 0;
                RefreshMissilesEnabled();
                break;
            case 0x29:
                if (resmp1 && (value & 0x02) == 0) posM1 = (posP1 + PlayerMiddle(nusiz1)) % 160;
                resmp1 = (value & 0x02) != 0;
                RefreshMissilesEnabled();
                break;
            case 0x2A: ApplyHorizontalMotion(clock); break;
            case 0x2B: hmp0 = hmp1 = hmm0 = hmm1 = hmbl = 0; break;
            case 0x2C: collision = 0; break;
            default: break; // audio registers and unused addresses: no effect on the picture
        }
    }

    /// <summary>Ends the frame: the CPU stops after the instruction in progress.</summary>
    private void RequestStop()
    {
        stopRequested = true;
        cpu.StopRequested = true;
    }

    private void WriteVsync(byte value, int clock)
    {
        vsync = value;
        if ((value & 0x02) != 0)
        {
            // The frame may end once VSYNC has been on for at least one scanline.
            vsyncFinishClock = clock + ClocksPerLine;
        }
        else if (clock >= vsyncFinishClock)
        {
            vsyncFinishClock = int.MaxValue;
            RequestStop();
            partialFrame = false;
        }
    }

    private void WriteVblank(byte value)
    {
        if ((vblank & 0x80) == 0 && (value & 0x80) != 0) dumpEnabled = true;
        if ((vblank & 0x80) != 0 && (value & 0x80) == 0)
        {
            dumpEnabled = false;
            dumpDisabledCycle = unchecked((int)(uint)cpu.Cycles);
        }
        vblank = value;
    }

    /// <summary>WSYNC: the CPU clock jumps to the start of the next scanline (nothing when already there).</summary>
    private void WaitForHorizontalSync()
    {
        uint cycles = unchecked((uint)cpu.Cycles);
        uint toEnd = 76 - unchecked(cycles - (uint)(clockWhenFrameStarted / 3)) % 76;
        if (toEnd < 76) cpu.Cycles += toEnd;
    }

    private void SetPlayfield(uint pf)
    {
        this.pf = pf;
        if (pf == 0) enabledObjects &= ~PfBit;
        else enabledObjects |= PfBit;
    }

    /// <summary>
    /// RESP0/RESP1 as the reference models it: the new position is 5 pixels right of the beam (3 in HBLANK). If the
    /// beam is inside a copy's pixels, the old position is still drawn for 11 more clocks. The first copy at the new
    /// position is suppressed for the rest of the line, unless the beam was in a copy's 4-clock start section.
    /// </summary>
    private void ResetPlayer(ref int position, ref bool skipFirst, byte nusiz, int clock)
    {
        int hpos = (clock - clockWhenFrameStarted) % ClocksPerLine;
        int newX = hpos < HBlankClocks ? 3 : (hpos - HBlankClocks + 5) % 160;
        int d = newX - position;
        if (d < 0) d += 160;
        int when = ResetWhen[(nusiz & 7) * 160 + d];
        if (when == 1) UpdateFrame(clock + 11);
        position = newX;
        skipFirst = when != -1;
    }

    private void ResetBall(int clock)
    {
        int hpos = (clock - clockWhenFrameStarted) % ClocksPerLine;
        posBL = hpos < HBlankClocks ? 2 : (hpos - HBlankClocks + 4) % 160;

        // Special cases the reference applies for particular games, keyed on the distance from the last HMOVE.
        int sinceHmove = clock - lastHmoveClock;
        if (sinceHmove == 18 * 3 && (hpos == 60 || hpos == 69)) posBL = 10;
        else if (sinceHmove == 3 * 3 && hpos == 18) posBL = 3;
        else if (sinceHmove == 7 * 3 && hpos == 30) posBL = 6;
        else if (sinceHmove == 6 * 3 && hpos == 27) posBL = 5;
    }

    /// <summary>Offset of a player's centre, where RESMPx leaves the missile when it is released.</summary>
    private static int PlayerMiddle(byte nusiz) => (nusiz & 7) switch
    {
        5 => 8,
        7 => 16,
        _ => 4,
    };

    /// <summary>HMOVE: moves every object by the table entry for this CPU cycle of the line; may start the HMOVE bar.</summary>
    private void ApplyHorizontalMotion(int clock)
    {
        int x = (clock - clockWhenFrameStarted) % ClocksPerLine / 3;
        if (HmoveBlanks && (x <= 20 || x == 75)) hmoveBlankEnabled = true;

        int row = x * 16;
        posP0 = Wrap(posP0 + Motion[row + hmp0]);
        posP1 = Wrap(posP1 + Motion[row + hmp1]);
        posM0 = Wrap(posM0 + Motion[row + hmm0]);
        posM1 = Wrap(posM1 + Motion[row + hmm1]);
        posBL = Wrap(posBL + Motion[row + hmbl]);

        p0SkipFirst = p1SkipFirst = false;
        m0Shape = 0;
        lastHmoveClock = clock;
        cosmicArkEnabled = false;

        static int Wrap(int p) => p >= 160 ? p - 160 : p < 0 ? p + 160 : p;
    }

    private void RefreshPlayerGraphics()
    {
        byte g0 = vdelp0 ? dgrp0 : grp0;
        currentGrp0 = refp0 ? Reverse[g0] : g0;
        byte g1 = vdelp1 ? dgrp1 : grp1;
        currentGrp1 = refp1 ? Reverse[g1] : g1;
        int e = enabledObjects & ~(P0Bit | P1Bit);
        if (currentGrp0 != 0) e |= P0Bit;
        if (currentGrp1 != 0) e |= P1Bit;
        enabledObjects = e;
    }

    private void RefreshBallEnabled()
    {
        if (vdelbl ? denabl : enabl) enabledObjects |= BlBit;
        else enabledObjects &= ~BlBit;
    }

    private void RefreshMissilesEnabled()
    {
        int e = enabledObjects & ~(M0Bit | M1Bit);
        if (enam0 && !resmp0) e |= M0Bit;
        if (enam1 && !resmp1) e |= M1Bit;
        enabledObjects = e;
    }
}
