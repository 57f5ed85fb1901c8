using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rims.Envs.Atari.Emulation;

/// <summary>Drawing: brings the frame buffer up to a colour clock, in runs of pixels.</summary>
public sealed partial class Tia
{
    /// <summary>Copy offsets (3 per mode, unused ones -1) and copy counts of players and missiles by NUSIZ mode.</summary>
    private static readonly int[] CopyStart = [0, -1, -1, 0, 16, -1, 0, 32, -1, 0, 16, 32, 0, 64, -1, 0, -1, -1, 0, 32, 64, 0, -1, -1];

    /// <summary>
    /// Draws every pixel between the last drawn clock and <paramref name="clock"/>, one line piece at a time.
    /// Nothing is drawn outside the visible window; line-end work (latching the playfield reflection, clearing
    /// the "skip first copy" state, the Cosmic Ark missile) happens only for lines inside it, when drawing
    /// passes the end of the line.
    /// </summary>
    private void UpdateFrame(int clock)
    {
        if (clock < clockStartDisplay || clockAtLastUpdate >= clockStopDisplay || clockAtLastUpdate >= clock) return;
        if (clock > clockStopDisplay) clock = clockStopDisplay;

        do
        {
            int fromLineStart = ClocksPerLine - clocksToEndOfLine;
            int count;
            if (clock > clockAtLastUpdate + clocksToEndOfLine)
            {
                count = clocksToEndOfLine;
                clocksToEndOfLine = ClocksPerLine;
                clockAtLastUpdate += count;
            }
            else
            {
                count = clock - clockAtLastUpdate;
                clocksToEndOfLine -= count;
                clockAtLastUpdate = clock;
            }

            if (fromLineStart < HBlankClocks)
            {
                int skip = Math.Min(HBlankClocks - fromLineStart, count);
                fromLineStart += skip;
                count -= skip;
            }

            int segmentStart = framePointer;
            if (count != 0) DrawSegment(count, fromLineStart - HBlankClocks);

            // The HMOVE bar: black over the first 8 pixels, cleared once drawing has passed pixel 8. Like the
            // reference, it clears from the piece's start up to 76 - position bytes (later drawing repaints the rest).
            if (hmoveBlankEnabled && fromLineStart < HBlankClocks + 8)
            {
                current.AsSpan(segmentStart, HBlankClocks + 8 - fromLineStart).Clear();
                if (count + fromLineStart >= HBlankClocks + 8) hmoveBlankEnabled = false;
            }

            if (clocksToEndOfLine == ClocksPerLine) EndOfLine();
        }
        while (clockAtLastUpdate < clock);
    }

    private void EndOfLine()
    {
        pfReflect = (ctrlpf & 0x01) != 0;
        p0SkipFirst = false;
        p1SkipFirst = false;

        if (cosmicArkEnabled)
        {
            // The reference's model of the star-field missile: it jumps left by 18, 33, 0, 17 on successive lines and
            // is widened or hidden on some of them.
            cosmicArkCounter = (cosmicArkCounter + 1) & 3;
            int move = cosmicArkCounter switch { 0 => 18, 1 => 33, 2 => 0, _ => 17 };
            posM0 -= move;
            if (posM0 >= 160) posM0 -= 160;
            else if (posM0 < 0) posM0 += 160;
            m0Shape = cosmicArkCounter == 1 ? 1 : cosmicArkCounter == 2 ? 2 : 0;
        }
    }

    /// <summary>Draws <paramref name="count"/> pixels of the current line starting at pixel <paramref name="x"/>.</summary>
    private void DrawSegment(int count, int x)
    {
        byte[] buffer = current;
        int at = framePointer;
        framePointer = at + count;

        if ((vblank & 0x02) != 0)
        {
            buffer.AsSpan(at, count).Clear();
            return;
        }

        int objects = enabledObjects;
        if (objects == 0)
        {
            buffer.AsSpan(at, count).Fill(color[ColorBk]);
            return;
        }

        if (objects == PfBit)
        {
            // Playfield alone: with score mode the reference uses the player colours even when priority is set.
            DrawPlayfield(buffer, at, x, count, (priorityAndScore & ScoreBit) != 0);
        }
        else
        {
            if ((objects & PfBit) != 0) DrawPlayfield(buffer, at, x, count, priorityAndScore == ScoreBit);
            else buffer.AsSpan(at, count).Fill(color[ColorBk]);
            DrawObjects(buffer, at - x, x, x + count, objects);
        }

        if (((x + count) & 3) != 0) OverwriteRunEnd(buffer, at, x, count, objects);
    }

    /// <summary>Fills a run with the playfield over the background.</summary>
    private void DrawPlayfield(byte[] buffer, int at, int x, int count, bool scoreColours)
    {
        byte[] line = PlayfieldLine();
        byte bk = color[ColorBk];
        int end = x + count;
        if (!scoreColours)
        {
            Blend(buffer.AsSpan(at, count), line.AsSpan(x, count), color[ColorPf], bk);
            return;
        }
        if (x < 80)
        {
            int leftEnd = Math.Min(end, 80);
            Blend(buffer.AsSpan(at, leftEnd - x), line.AsSpan(x, leftEnd - x), color[ColorP0], bk);
        }
        if (end > 80)
        {
            int rightStart = Math.Max(x, 80);
            Blend(buffer.AsSpan(at + rightStart - x, end - rightStart), line.AsSpan(rightStart, end - rightStart), color[ColorP1], bk);
        }
    }

    /// <summary>The playfield as 160 mask bytes (0xFF = on) for the current bits and reflection, rebuilt only when they change.</summary>
    private byte[] PlayfieldLine()
    {
        if (pfLinePf != pf || pfLineReflect != pfReflect)
        {
            pfLinePf = pf;
            pfLineReflect = pfReflect;
            int table = pfReflect ? 160 : 0;
            ref byte dst = ref MemoryMarshal.GetArrayDataReference(pfLine);
            for (int x = 0; x < 160; x += 4)
            {
                uint on = (pf >> PfBitIndex[table + x]) & 1;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, x), on * 0xFFFFFFFFu);
            }
        }
        return pfLine;
    }

    /// <summary>dst[i] = mask[i] != 0 ? on : off.</summary>
    private static void Blend(Span<byte> dst, ReadOnlySpan<byte> mask, byte on, byte off)
    {
        int n = dst.Length;
        int i = 0;
        if (Vector128.IsHardwareAccelerated && n >= 16)
        {
            var vOn = Vector128.Create(on);
            var vOff = Vector128.Create(off);
            ref byte d = ref MemoryMarshal.GetReference(dst);
            ref byte m = ref MemoryMarshal.GetReference(mask);
            for (; i <= n - 16; i += 16)
            {
                var vm = Vector128.LoadUnsafe(ref m, (nuint)i);
                Vector128.ConditionalSelect(vm, vOn, vOff).StoreUnsafe(ref d, (nuint)i);
            }
            if (i < n)
            {
                // Redo the last 16 bytes (overlapping is harmless: same inputs, same outputs).
                i = n - 16;
                var vm = Vector128.LoadUnsafe(ref m, (nuint)i);
                Vector128.ConditionalSelect(vm, vOn, vOff).StoreUnsafe(ref d, (nuint)i);
            }
            return;
        }
        for (; i < n; i++) dst[i] = mask[i] != 0 ? on : off;
    }

    /// <summary>
    /// Redraws, with the full priority and collision logic, every pixel of [x, end) that some object could cover.
    /// Pixels no object covers were already drawn correctly as playfield or background, and cannot collide.
    /// </summary>
    private void DrawObjects(byte[] buffer, int lineBase, int x, int end, int objects)
    {
        if ((objects & P0Bit) != 0) PlayerRuns(buffer, lineBase, x, end, posP0, nusiz0, p0SkipFirst);
        if ((objects & P1Bit) != 0) PlayerRuns(buffer, lineBase, x, end, posP1, nusiz1, p1SkipFirst);
        if ((objects & M0Bit) != 0 && m0Shape != 2)
        {
            int size = (nusiz0 >> 4) & 3;
            if (m0Shape == 1) size |= 1;
            MissileRuns(buffer, lineBase, x, end, posM0, nusiz0 & 7, 1 << size);
        }
        if ((objects & M1Bit) != 0) MissileRuns(buffer, lineBase, x, end, posM1, nusiz1 & 7, 1 << ((nusiz1 >> 4) & 3));
        if ((objects & BlBit) != 0) EvaluateRange(buffer, lineBase, x, end, posBL, 1 << ((ctrlpf >> 4) & 3));
    }

    private void PlayerRuns(byte[] buffer, int lineBase, int x, int end, int position, byte nusiz, bool skipFirst)
    {
        int mode = nusiz & 7;
        if (mode == 5 || mode == 7)
        {
            if (!skipFirst) EvaluateRange(buffer, lineBase, x, end, position + 1, mode == 5 ? 16 : 32);
            return;
        }
        for (int c = skipFirst ? 1 : 0; c < 3; c++)
        {
            int offset = CopyStart[mode * 3 + c];
            if (offset < 0) break;
            EvaluateRange(buffer, lineBase, x, end, position + offset, 8);
        }
    }

    private void MissileRuns(byte[] buffer, int lineBase, int x, int end, int position, int mode, int width)
    {
        for (int c = 0; c < 3; c++)
        {
            int offset = CopyStart[mode * 3 + c];
            if (offset < 0) break;
            EvaluateRange(buffer, lineBase, x, end, position + offset, width);
        }
    }

    /// <summary>Evaluates the pixels of the circular range [start, start + width) (mod 160) that lie in [x, end).</summary>
    private void EvaluateRange(byte[] buffer, int lineBase, int x, int end, int start, int width)
    {
        if (start >= 160) start -= 160;
        int stop = start + width;
        EvaluatePixels(buffer, lineBase, Math.Max(x, start), Math.Min(end, stop));
        if (stop > 160) EvaluatePixels(buffer, lineBase, x, Math.Min(end, stop - 160));
    }

    /// <summary>The general pixel rule: which objects are on, collision latches, colour by priority.</summary>
    private void EvaluatePixels(byte[] buffer, int lineBase, int from, int to)
    {
        if (from >= to) return;
        byte[] pfLine = PlayfieldLine();
        int objects = enabledObjects;
        int p0Table = ((nusiz0 & 7) * 2 + (p0SkipFirst ? 1 : 0)) * 160;
        int p1Table = ((nusiz1 & 7) * 2 + (p1SkipFirst ? 1 : 0)) * 160;
        bool m0On = (objects & M0Bit) != 0 && m0Shape != 2;
        int m0Size = ((nusiz0 >> 4) & 3) | (m0Shape == 1 ? 1 : 0);
        int m0Table = ((nusiz0 & 7) * 4 + m0Size) * 160;
        bool m1On = (objects & M1Bit) != 0;
        int m1Table = ((nusiz1 & 7) * 4 + ((nusiz1 >> 4) & 3)) * 160;
        bool blOn = (objects & BlBit) != 0;
        int blTable = ((ctrlpf >> 4) & 3) * 160;
        int priorityAndScore = this.priorityAndScore;
        int collision = this.collision;
        byte grp0 = currentGrp0, grp1 = currentGrp1;
        int posP0 = this.posP0, posP1 = this.posP1, posM0 = this.posM0, posM1 = this.posM1, posBL = this.posBL;

        for (int px = from; px < to; px++)
        {
            int e = pfLine[px] & PfBit;
            if (blOn && BallMask[blTable + Distance(px, posBL)] != 0) e |= BlBit;
            if ((grp1 & PlayerMask[p1Table + Distance(px, posP1)]) != 0) e |= P1Bit;
            if (m1On && MissileMask[m1Table + Distance(px, posM1)] != 0) e |= M1Bit;
            if ((grp0 & PlayerMask[p0Table + Distance(px, posP0)]) != 0) e |= P0Bit;
            if (m0On && MissileMask[m0Table + Distance(px, posM0)] != 0) e |= M0Bit;
            collision |= Collision[e];
            buffer[lineBase + px] = color[Encoder[(px < 80 ? 0 : 256) + (e | priorityAndScore)]];
        }
        this.collision = collision;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Distance(int x, int position)
    {
        int d = x - position;
        return d < 0 ? d + 160 : d;
    }

    /// <summary>
    /// The reference draws some object combinations 4 aligned pixels at a time when none of them covers those 4
    /// pixels, and then also writes past the end of the run up to the next multiple of 4. Normally the next run
    /// repaints those pixels, but if the frame ends there they stay, so they are reproduced here.
    /// </summary>
    private void OverwriteRunEnd(byte[] buffer, int at, int x, int count, int objects)
    {
        int end = x + count;
        int group = end & ~3;
        if (group < x) return; // the run never reached an aligned group start
        int key = objects | priorityAndScore;
        byte bk = color[ColorBk];
        byte value;
        if ((objects & ~PfBit) == 0)
        {
            // Playfield alone: always drawn in groups of 4.
            bool on = PlayfieldLine()[group] != 0;
            value = !on ? bk : (priorityAndScore & ScoreBit) != 0 ? color[group < 80 ? ColorP0 : ColorP1] : color[ColorPf];
        }
        else
        {
            int covering;
            switch (key)
            {
                case P0Bit or (P0Bit | ScoreBit) or (P0Bit | PriorityBit) or (P0Bit | ScoreBit | PriorityBit):
                case P1Bit or (P1Bit | ScoreBit) or (P1Bit | PriorityBit) or (P1Bit | ScoreBit | PriorityBit):
                case (P0Bit | P1Bit) or (P0Bit | P1Bit | ScoreBit) or (P0Bit | P1Bit | PriorityBit) or (P0Bit | P1Bit | ScoreBit | PriorityBit):
                case M0Bit or (M0Bit | ScoreBit) or (M0Bit | PriorityBit) or (M0Bit | ScoreBit | PriorityBit):
                case M1Bit or (M1Bit | ScoreBit) or (M1Bit | PriorityBit) or (M1Bit | ScoreBit | PriorityBit):
                case BlBit or (BlBit | ScoreBit) or (BlBit | PriorityBit) or (BlBit | ScoreBit | PriorityBit):
                case (M0Bit | M1Bit) or (M0Bit | M1Bit | ScoreBit) or (M0Bit | M1Bit | PriorityBit) or (M0Bit | M1Bit | ScoreBit | PriorityBit):
                case (BlBit | M0Bit) or (BlBit | M0Bit | ScoreBit) or (BlBit | M0Bit | PriorityBit) or (BlBit | M0Bit | ScoreBit | PriorityBit):
                case (BlBit | M1Bit) or (BlBit | M1Bit | ScoreBit) or (BlBit | M1Bit | PriorityBit) or (BlBit | M1Bit | ScoreBit | PriorityBit):
                case (BlBit | P1Bit) or (BlBit | P1Bit | ScoreBit) or (BlBit | P1Bit | PriorityBit) or (BlBit | P1Bit | ScoreBit | PriorityBit):
                    covering = objects;
                    value = bk;
                    break;
                case (PfBit | P0Bit) or (PfBit | P0Bit | PriorityBit):
                case (PfBit | P1Bit) or (PfBit | P1Bit | PriorityBit):
                case (PfBit | BlBit) or (PfBit | BlBit | PriorityBit):
                    covering = objects & ~PfBit;
                    value = PlayfieldLine()[group] != 0 ? color[ColorPf] : bk;
                    break;
                default:
                    return; // drawn pixel by pixel: no over-write
            }
            if (CoversAnyOf(covering, group)) return;
        }
        int lineBase = at - x;
        for (int px = end; px < group + 4; px++) buffer[lineBase + px] = value;
    }

    /// <summary>True if one of the given objects' position masks (graphics ignored) covers a pixel of [group, group + 4).</summary>
    private bool CoversAnyOf(int objects, int group)
    {
        for (int px = group; px < group + 4; px++)
        {
            if ((objects & P0Bit) != 0 && PlayerMask[((nusiz0 & 7) * 2 + (p0SkipFirst ? 1 : 0)) * 160 + Distance(px, posP0)] != 0) return true;
            if ((objects & P1Bit) != 0 && PlayerMask[((nusiz1 & 7) * 2 + (p1SkipFirst ? 1 : 0)) * 160 + Distance(px, posP1)] != 0) return true;
            if ((objects & M0Bit) != 0 && m0Shape != 2
                && MissileMask[((nusiz0 & 7) * 4 + (((nusiz0 >> 4) & 3) | (m0Shape == 1 ? 1 : 0))) * 160 + Distance(px, posM0)] != 0) return true;
            if ((objects & M1Bit) != 0 && MissileMask[((nusiz1 & 7) * 4 + ((nusiz1 >> 4) & 3)) * 160 + Distance(px, posM1)] != 0) return true;
            if ((objects & BlBit) != 0 && BallMask[((ctrlpf >> 4) & 3) * 160 + Distance(px, posBL)] != 0) return true;
        }
        return false;
    }

    /// <summary>Greys the rows of a partial frame from the current scanline to the bottom of the picture: v -> (v &amp; 15) >> 1.</summary>
    private void GreyOutFrame()
    {
        int line = (int)(unchecked(SystemClockUnsigned() - (uint)clockWhenFrameStarted) / ClocksPerLine);
        int first = Math.Max(line, YStart) - YStart;
        for (int i = first * ScreenWidth; i < ScreenHeight * ScreenWidth; i++) current[i] = (byte)((current[i] & 0x0F) >> 1);
    }
}
