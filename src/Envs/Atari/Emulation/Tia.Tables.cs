namespace Rims.Envs.Atari.Emulation;

/// <summary>Static lookup tables of the TIA model (built once, shared by every instance, never written afterwards).</summary>
public sealed partial class Tia
{
    // Object bits used for the per-pixel "which objects are on here" value. The layout is ours; only the
    // collision register layout (below) is fixed by the hardware.
    private const int PfBit = 0x01;
    private const int BlBit = 0x02;
    private const int P1Bit = 0x04;
    private const int M1Bit = 0x08;
    private const int P0Bit = 0x10;
    private const int M0Bit = 0x20;

    /// <summary>CTRLPF bit 1 (score mode) moved to bit 6 of the encoder index.</summary>
    private const int ScoreBit = 0x40;

    /// <summary>CTRLPF bit 2 (playfield priority) moved to bit 7 of the encoder index.</summary>
    private const int PriorityBit = 0x80;

    /// <summary>Colour slots of <see cref="color"/>.</summary>
    private const int ColorBk = 0, ColorPf = 1, ColorP0 = 2, ColorP1 = 3;

    /// <summary>
    /// Write delays in colour clocks, by register (ALE-NOTES c.5): the picture is drawn up to write clock + delay
    /// with the old value. -1 marks PF0/PF1/PF2, whose delay depends on the CPU cycle within the line.
    /// </summary>
    private static readonly sbyte[] WriteDelay = BuildWriteDelays();

    /// <summary>Delay of a playfield write, indexed by (colour clock in line / 3) &amp; 3.</summary>
    private static readonly int[] PlayfieldDelay = [4, 5, 2, 3];

    /// <summary>
    /// Position change made by HMOVE, indexed [cpuCycleInLine * 16 + motionNibble]. The old core models a
    /// mid-line HMOVE with this measured table instead of the real counter logic: row 0..20 and 75 are the normal
    /// in-HBLANK moves (nibble 0..7 = left 0..7, 8..15 = right 8..1), later rows move less or the other way.
    /// </summary>
    private static readonly sbyte[] Motion = BuildMotionTable();

    /// <summary>Byte-reverses a player graphic (REFPx).</summary>
    private static readonly byte[] Reverse = BuildReverse();

    /// <summary>
    /// Player pixel masks, indexed [((mode * 2 + skipFirstCopy) * 160) + d], d = (x - position) mod 160. The value is
    /// the GRP bit shown at that pixel (0 = no copy covers it). Copies: mode 0 one, 1 two close (0, 16), 2 two
    /// medium (0, 32), 3 three close (0, 16, 32), 4 two wide (0, 64), 5 double width, 6 three medium (0, 32, 64),
    /// 7 quad width. The double and quad players start one pixel late (old-core behaviour).
    /// </summary>
    private static readonly byte[] PlayerMask = BuildPlayerMasks();

    /// <summary>Missile masks, indexed [((mode * 4 + size) * 160) + d]: 1 where a copy of width 1 &lt;&lt; size covers d.</summary>
    private static readonly byte[] MissileMask = BuildMissileMasks();

    /// <summary>Ball masks, indexed [size * 160 + d]: 1 for d &lt; 1 &lt;&lt; size.</summary>
    private static readonly byte[] BallMask = BuildBallMasks();

    /// <summary>
    /// Where a RESPx lands relative to the player's current copies, indexed [(mode * 160 + d)], d = (new - old) mod
    /// 160: -1 inside the 4-clock "start" part of a copy, 1 inside a copy's pixels, 0 elsewhere.
    /// </summary>
    private static readonly sbyte[] ResetWhen = BuildResetWhen();

    /// <summary>Playfield bit (0..19 of <see cref="pf"/>) shown at each pixel, indexed [reflect * 160 + x].</summary>
    private static readonly byte[] PfBitIndex = BuildPlayfieldBits();

    /// <summary>Collision latch bits set by a pixel with the given objects on (register layout: see <see cref="Read"/>).</summary>
    private static readonly ushort[] Collision = BuildCollisions();

    /// <summary>
    /// Colour slot for [half * 256 + (objects | score | priority)], half = 0 for x &lt; 80. With priority the playfield
    /// and ball cover the players; without it players cover them, and in score mode the playfield takes the
    /// colour of the player whose half it is in. Quirk kept from the reference: with score mode on the left half,
    /// player 1 does not cover the (player-0 coloured) playfield.
    /// </summary>
    private static readonly byte[] Encoder = BuildEncoder();

    /// <summary>The copy offsets of players and missiles for a NUSIZ mode (used only while building tables).</summary>
    private static int[] CopyOffsets(int mode) => mode switch
    {
        1 => [0, 16],
        2 => [0, 32],
        3 => [0, 16, 32],
        4 => [0, 64],
        6 => [0, 32, 64],
        _ => [0],
    };

    private static sbyte[] BuildWriteDelays()
    {
        var d = new sbyte[64];
        d[0x01] = 1;                // VBLANK
        d[0x04] = d[0x05] = 8;      // NUSIZ0/1
        d[0x0B] = d[0x0C] = 1;      // REFP0/1
        d[0x0D] = d[0x0E] = d[0x0F] = -1; // PF0..PF2
        d[0x12] = d[0x13] = 8;      // RESM0/1
        d[0x1B] = d[0x1C] = 1;      // GRP0/1
        return d;
    }

    private static sbyte[] BuildMotionTable()
    {
        // Rows are given as the values for nibbles 0..15. Rows 21..54 are all zero.
        sbyte[] normal = [0, -1, -2, -3, -4, -5, -6, -7, 8, 7, 6, 5, 4, 3, 2, 1];
        var rows = new Dictionary<int, sbyte[]>
        {
            [4] = [0, -1, -2, -3, -4, -5, -6, -6, 8, 7, 6, 5, 4, 3, 2, 1],
            [5] = [0, -1, -2, -3, -4, -5, -5, -5, 8, 7, 6, 5, 4, 3, 2, 1],
            [6] = [0, -1, -2, -3, -4, -5, -5, -5, 8, 7, 6, 5, 4, 3, 2, 1],
            [7] = [0, -1, -2, -3, -4, -4, -4, -4, 8, 7, 6, 5, 4, 3, 2, 1],
            [8] = [0, -1, -2, -3, -3, -3, -3, -3, 8, 7, 6, 5, 4, 3, 2, 1],
            [9] = [0, -1, -2, -2, -2, -2, -2, -2, 8, 7, 6, 5, 4, 3, 2, 1],
            [10] = [0, -1, -2, -2, -2, -2, -2, -2, 8, 7, 6, 5, 4, 3, 2, 1],
            [11] = [0, -1, -1, -1, -1, -1, -1, -1, 8, 7, 6, 5, 4, 3, 2, 1],
            [12] = [0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1],
            [13] = [1, 1, 1, 1, 1, 1, 1, 1, 8, 7, 6, 5, 4, 3, 2, 1],
            [14] = [1, 1, 1, 1, 1, 1, 1, 1, 8, 7, 6, 5, 4, 3, 2, 1],
            [15] = [2, 2, 2, 2, 2, 2, 2, 2, 8, 7, 6, 5, 4, 3, 2, 2],
            [16] = [3, 3, 3, 3, 3, 3, 3, 3, 8, 7, 6, 5, 4, 3, 3, 3],
            [17] = [4, 4, 4, 4, 4, 4, 4, 4, 8, 7, 6, 5, 4, 4, 4, 4],
            [18] = [4, 4, 4, 4, 4, 4, 4, 4, 8, 7, 6, 5, 4, 4, 4, 4],
            [19] = [5, 5, 5, 5, 5, 5, 5, 5, 8, 7, 6, 5, 5, 5, 5, 5],
            [20] = [6, 6, 6, 6, 6, 6, 6, 6, 8, 7, 6, 6, 6, 6, 6, 6],
            [55] = [0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0],
            [56] = [0, 0, 0, 0, 0, 0, -1, -2, 0, 0, 0, 0, 0, 0, 0, 0],
            [57] = [0, 0, 0, 0, 0, -1, -2, -3, 0, 0, 0, 0, 0, 0, 0, 0],
            [58] = [0, 0, 0, 0, 0, -1, -2, -3, 0, 0, 0, 0, 0, 0, 0, 0],
            [59] = [0, 0, 0, 0, -1, -2, -3, -4, 0, 0, 0, 0, 0, 0, 0, 0],
            [60] = [0, 0, 0, -1, -2, -3, -4, -5, 0, 0, 0, 0, 0, 0, 0, 0],
            [61] = [0, 0, -1, -2, -3, -4, -5, -6, 0, 0, 0, 0, 0, 0, 0, 0],
            [62] = [0, 0, -1, -2, -3, -4, -5, -6, 0, 0, 0, 0, 0, 0, 0, 0],
            [63] = [0, -1, -2, -3, -4, -5, -6, -7, 0, 0, 0, 0, 0, 0, 0, 0],
            [64] = [-1, -2, -3, -4, -5, -6, -7, -8, 0, 0, 0, 0, 0, 0, 0, 0],
            [65] = [-2, -3, -4, -5, -6, -7, -8, -9, 0, 0, 0, 0, 0, 0, 0, -1],
            [66] = [-2, -3, -4, -5, -6, -7, -8, -9, 0, 0, 0, 0, 0, 0, 0, -1],
            [67] = [-3, -4, -5, -6, -7, -8, -9, -10, 0, 0, 0, 0, 0, 0, -1, -2],
            [68] = [-4, -5, -6, -7, -8, -9, -10, -11, 0, 0, 0, 0, 0, -1, -2, -3],
            [69] = [-5, -6, -7, -8, -9, -10, -11, -12, 0, 0, 0, 0, -1, -2, -3, -4],
            [70] = [-5, -6, -7, -8, -9, -10, -11, -12, 0, 0, 0, 0, -1, -2, -3, -4],
            [71] = [-6, -7, -8, -9, -10, -11, -12, -13, 0, 0, 0, -1, -2, -3, -4, -5],
            [72] = [-7, -8, -9, -10, -11, -12, -13, -14, 0, 0, -1, -2, -3, -4, -5, -6],
            [73] = [-8, -9, -10, -11, -12, -13, -14, -15, 0, -1, -2, -3, -4, -5, -6, -7],
            [74] = [-8, -9, -10, -11, -12, -13, -14, -15, 0, -1, -2, -3, -4, -5, -6, -7],
        };
        var table = new sbyte[76 * 16];
        for (int cycle = 0; cycle < 76; cycle++)
        {
            sbyte[]? row = cycle is < 4 or 75 ? normal : rows.GetValueOrDefault(cycle);
            if (row is null) continue; // 21..54: an HMOVE there moves nothing
            Array.Copy(row, 0, table, cycle * 16, 16);
        }
        return table;
    }

    private static byte[] BuildReverse()
    {
        var r = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int v = 0;
            for (int b = 0; b < 8; b++) if ((i & (1 << b)) != 0) v |= 0x80 >> b;
            r[i] = (byte)v;
        }
        return r;
    }

    private static byte[] BuildPlayerMasks()
    {
        var t = new byte[8 * 2 * 160];
        for (int mode = 0; mode < 8; mode++)
        {
            for (int skip = 0; skip < 2; skip++)
            {
                int baseIndex = (mode * 2 + skip) * 160;
                if (mode is 5 or 7)
                {
                    if (skip == 1) continue; // the only copy is the first one
                    int scale = mode == 5 ? 2 : 4;
                    for (int k = 0; k < 8 * scale; k++) t[baseIndex + 1 + k] = (byte)(0x80 >> (k / scale));
                    continue;
                }
                int[] offsets = CopyOffsets(mode);
                for (int c = skip; c < offsets.Length; c++)
                    for (int k = 0; k < 8; k++) t[baseIndex + (offsets[c] + k) % 160] = (byte)(0x80 >> k);
            }
        }
        return t;
    }

    private static byte[] BuildMissileMasks()
    {
        var t = new byte[8 * 4 * 160];
        for (int mode = 0; mode < 8; mode++)
            for (int size = 0; size < 4; size++)
                foreach (int off in CopyOffsets(mode))
                    for (int k = 0; k < (1 << size); k++) t[(mode * 4 + size) * 160 + (off + k) % 160] = 1;
        return t;
    }

    private static byte[] BuildBallMasks()
    {
        var t = new byte[4 * 160];
        for (int size = 0; size < 4; size++)
            for (int k = 0; k < (1 << size); k++) t[size * 160 + k] = 1;
        return t;
    }

    private static sbyte[] BuildResetWhen()
    {
        var t = new sbyte[8 * 160];
        for (int mode = 0; mode < 8; mode++)
        {
            int width = mode == 5 ? 16 : mode == 7 ? 32 : 8;
            foreach (int off in CopyOffsets(mode))
            {
                for (int k = 0; k < 4; k++) t[mode * 160 + off + k] = -1;
                for (int k = 0; k < width; k++) t[mode * 160 + off + 4 + k] = 1;
            }
        }
        return t;
    }

    private static byte[] BuildPlayfieldBits()
    {
        // Register bits: 0..3 = PF0 bits 4..7, 4..11 = PF1 bits 7..0, 12..19 = PF2 bits 0..7. Each half of the line
        // shows 20 blocks of 4 pixels; the right half repeats the left, or mirrors it when reflected.
        var t = new byte[2 * 160];
        for (int x = 0; x < 160; x++)
        {
            int block = (x < 80 ? x : x - 80) / 4;
            t[x] = (byte)BitOfBlock(block);
            t[160 + x] = (byte)(x < 80 ? BitOfBlock(block) : BitOfBlock(19 - block));
        }
        return t;

        // Block 0..19 counted from the left edge of a half -> bit of the 20-bit register.
        static int BitOfBlock(int block) => block < 4 ? block : block < 12 ? 11 - (block - 4) : block;
    }

    private static ushort[] BuildCollisions()
    {
        var t = new ushort[64];
        for (int e = 0; e < 64; e++)
        {
            int c = 0;
            void Pair(int a, int b, int bit)
            {
                if ((e & a) != 0 && (e & b) != 0) c |= bit;
            }
            Pair(M0Bit, P1Bit, 0x0001);
            Pair(M0Bit, P0Bit, 0x0002);
            Pair(M1Bit, P0Bit, 0x0004);
            Pair(M1Bit, P1Bit, 0x0008);
            Pair(P0Bit, PfBit, 0x0010);
            Pair(P0Bit, BlBit, 0x0020);
            Pair(P1Bit, PfBit, 0x0040);
            Pair(P1Bit, BlBit, 0x0080);
            Pair(M0Bit, PfBit, 0x0100);
            Pair(M0Bit, BlBit, 0x0200);
            Pair(M1Bit, PfBit, 0x0400);
            Pair(M1Bit, BlBit, 0x0800);
            Pair(BlBit, PfBit, 0x1000);
            Pair(P0Bit, P1Bit, 0x2000);
            Pair(M0Bit, M1Bit, 0x4000);
            t[e] = (ushort)c;
        }
        return t;
    }

    private static byte[] BuildEncoder()
    {
        var t = new byte[512];
        for (int half = 0; half < 2; half++)
        {
            for (int index = 0; index < 256; index++)
            {
                int slot = ColorBk;
                if ((index & PriorityBit) != 0)
                {
                    if ((index & (P1Bit | M1Bit)) != 0) slot = ColorP1;
                    if ((index & (P0Bit | M0Bit)) != 0) slot = ColorP0;
                    if ((index & (BlBit | PfBit)) != 0) slot = ColorPf;
                }
                else
                {
                    if ((index & BlBit) != 0) slot = ColorPf;
                    if ((index & PfBit) != 0) slot = (index & ScoreBit) != 0 ? (half == 0 ? ColorP0 : ColorP1) : ColorPf;
                    if ((index & (P1Bit | M1Bit)) != 0) slot = slot == ColorP0 ? ColorP0 : ColorP1;
                    if ((index & (P0Bit | M0Bit)) != 0) slot = ColorP0;
                }
                t[half * 256 + index] = (byte)slot;
            }
        }
        return t;
    }
}
