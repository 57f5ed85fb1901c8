namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// The TIA video chip (no sound) as ALE's old Stella 2.x core emulates it. Where that core differs from the real
/// chip (object positioning, mid-line HMOVE, write delays, collisions only inside the visible window, ...) this
/// class copies the core, because matching ALE frame by frame is the goal (ALE-NOTES section c).
/// </summary>
/// <remarks>
/// <para>
/// Time comes from <see cref="Cpu6507.Cycles"/> (3 colour clocks per CPU cycle), which already holds the
/// end-of-instruction value when the TIA is accessed. The picture is not drawn clock by clock: every register
/// access first draws everything between the last drawn clock and "now" (plus the register's write delay) with
/// the old register values, in runs of pixels, and then applies the change.
/// </para>
/// <para>
/// Only the 210 lines from <see cref="YStart"/> are drawn. Two frame buffers alternate; a frame starts in the
/// buffer that holds the picture from two frames ago, and rows the program never reaches keep that old picture.
/// </para>
/// </remarks>
public sealed partial class Tia
{
    /// <summary>Width of the picture in pixels (colour clocks 68..227 of a line).</summary>
    public const int ScreenWidth = 160;

    /// <summary>Height of the picture ALE returns (rows <see cref="YStart"/> .. <see cref="YStart"/> + 209).</summary>
    public const int ScreenHeight = 210;

    /// <summary>Paddle resistance that reads as charged at once (also what an unset paddle reads).</summary>
    public const int MinimumResistance = 0;

    /// <summary>Paddle resistance that never charges: what a joystick (or nothing) in that port reads.</summary>
    public const int MaximumResistance = int.MaxValue;

    private const int ClocksPerLine = 228;
    private const int HBlankClocks = 68;

    /// <summary>NTSC: a TIA write after this many scanlines ends the frame even without VSYNC.</summary>
    private const int MaximumScanlines = 290;

    /// <summary>Rows per frame buffer, as in the reference (it can draw up to YStart + 210 rows in one corner case).</summary>
    private const int BufferRows = 300;

    /// <summary>A few spare bytes so the reference's 4-pixel over-writes at a run's end never need a bounds check.</summary>
    private const int BufferSize = ScreenWidth * BufferRows + 8;

    private readonly Cpu6507 cpu;

    private byte[] current = new byte[BufferSize];
    private byte[] previous = new byte[BufferSize];

    // ---- frame timing, all in colour clocks relative to the system clock (which restarts every frame) ----
    private int clockWhenFrameStarted;
    private int clockStartDisplay;
    private int clockStopDisplay;
    private int clockAtLastUpdate;

    /// <summary>Clocks left in the line being drawn (228 = at a line start; 0 = line finished, its end not yet processed).</summary>
    private int clocksToEndOfLine;
    private int vsyncFinishClock;
    private int lastHmoveClock;
    private int startDisplayOffset;
    private int stopDisplayOffset;

    /// <summary>Index in <see cref="current"/> of the next pixel to draw.</summary>
    private int framePointer;

    private bool partialFrame;
    private bool frameGreyed;
    private bool stopRequested;
    private int currentScanline;
    private int scanlinesLastFrame;

    // ---- registers ----
    private byte vsync;
    private byte vblank;
    private byte nusiz0;
    private byte nusiz1;
    private byte ctrlpf;

    /// <summary>Colour registers (value &amp; $FE): background, playfield, player 0, player 1.</summary>
    private readonly byte[] color = new byte[4];

    /// <summary>(CTRLPF &amp; 6) &lt;&lt; 5: the score and priority bits of the encoder index.</summary>
    private int priorityAndScore;
    private bool refp0;
    private bool refp1;

    /// <summary>The 20 playfield bits (PF0 high nibble, PF1, PF2) in display order of <see cref="PfBitIndex"/>.</summary>
    private uint pf;
    private byte grp0;
    private byte grp1;
    private byte dgrp0;
    private byte dgrp1;

    /// <summary>The graphic each player shows now (vertical delay and reflection applied).</summary>
    private byte currentGrp0;
    private byte currentGrp1;
    private bool enam0;
    private bool enam1;
    private bool enabl;
    private bool denabl;
    private bool vdelp0;
    private bool vdelp1;
    private bool vdelbl;
    private bool resmp0;
    private bool resmp1;

    /// <summary>Motion registers as the high nibble of the written value (0..15).</summary>
    private int hmp0, hmp1, hmm0, hmm1, hmbl;

    /// <summary>Collision latches, 15 bits (layout in <see cref="Read"/>).</summary>
    private int collision;
    private int posP0, posP1, posM0, posM1, posBL;

    /// <summary>Objects that can show pixels (<see cref="PfBit"/> etc.): non-zero graphics, enabled missiles/ball.</summary>
    private int enabledObjects;

    // ---- the reference's "current mask" state that does not follow from the registers ----

    /// <summary>The first copy of the player is suppressed until the end of the line (after RESPx).</summary>
    private bool p0SkipFirst;
    private bool p1SkipFirst;

    /// <summary>Reflection state the playfield is drawn with; latched at line ends and early CTRLPF writes.</summary>
    private bool pfReflect;

    /// <summary>Missile 0 line shape in the "Cosmic Ark" mode: 0 normal, 1 stretched to at least 2 pixels, 2 hidden.</summary>
    private int m0Shape;
    private bool hmoveBlankEnabled;
    private bool cosmicArkEnabled;
    private int cosmicArkCounter;

    private bool dumpEnabled;
    private int dumpDisabledCycle;

    /// <summary>Cached playfield line: 0xFF where the playfield shows, for <see cref="pfLinePf"/>/<see cref="pfLineReflect"/>.</summary>
    private readonly byte[] pfLine = new byte[ScreenWidth + 8];
    private uint pfLinePf = uint.MaxValue;
    private bool pfLineReflect;

    /// <summary>Creates the TIA for a CPU (whose clock and data bus it reads). Call <see cref="Reset"/> before use.</summary>
    public Tia(Cpu6507 cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        this.cpu = cpu;
        Reset();
    }

    /// <summary>Fire button of the left port (INPT4 bit 7 reads 0 while pressed). Set by the environment each frame.</summary>
    public bool Fire0 { get; set; }

    /// <summary>Fire button of the right port (INPT5).</summary>
    public bool Fire1 { get; set; }

    /// <summary>
    /// Resistance seen by INPT0..INPT3 (left port pins 9 and 5, right port pins 9 and 5). After the VBLANK dump is
    /// switched off, the bit reads 1 once more than floor(1.6 * R * 0.01e-6 * 1.19e6) CPU cycles have passed.
    /// <see cref="MinimumResistance"/> reads charged at once; <see cref="MaximumResistance"/> (the default: a joystick)
    /// never charges. The environment layer maps paddles onto these four entries.
    /// </summary>
    public int[] PaddleResistance { get; } = [MaximumResistance, MaximumResistance, MaximumResistance, MaximumResistance];

    /// <summary>Stella property Emulation.HmoveBlanks: an early HMOVE blanks the first 8 pixels of the line.</summary>
    public bool HmoveBlanks { get; set; } = true;

    /// <summary>First scanline of the 210-row picture (Stella property Display.YStart; 34 unless the game says otherwise). Takes effect at <see cref="Reset"/>.</summary>
    public int YStart { get; set; } = 34;

    /// <summary>The 210x160 picture of the last frame (palette values), what ALE's getScreen returns.</summary>
    public ReadOnlySpan<byte> Screen => new(current, 0, ScreenWidth * ScreenHeight);

    /// <summary>Scanlines of the frame just run (colour clocks since the frame start / 228), for trace debugging.</summary>
    public int Scanlines => currentScanline;

    /// <summary>True while a frame has not been ended by VSYNC (or the scanline limit); the next update continues it.</summary>
    public bool PartialFrame => partialFrame;

    /// <summary>
    /// Console reset: every register and latch 0, both frame buffers cleared, frame geometry reloaded from
    /// <see cref="YStart"/>. The frame timing restarts at the current system clock (the machine has just set it to 0).
    /// The "partial frame" state is not touched, as in the reference.
    /// </summary>
    public void Reset()
    {
        enabledObjects = 0;
        vsync = vblank = nusiz0 = nusiz1 = ctrlpf = 0;
        Array.Clear(color);
        priorityAndScore = 0;
        refp0 = refp1 = false;
        pf = 0;
        grp0 = grp1 = dgrp0 = dgrp1 = 0;
        currentGrp0 = currentGrp1 = 0;
        enam0 = enam1 = enabl = denabl = false;
        vdelp0 = vdelp1 = vdelbl = false;
        resmp0 = resmp1 = false;
        hmp0 = hmp1 = hmm0 = hmm1 = hmbl = 0;
        collision = 0;
        posP0 = posP1 = posM0 = posM1 = posBL = 0;
        p0SkipFirst = p1SkipFirst = false;
        pfReflect = false;
        m0Shape = 0;
        lastHmoveClock = 0;
        hmoveBlankEnabled = false;
        cosmicArkEnabled = false;
        cosmicArkCounter = 0;
        dumpEnabled = false;
        dumpDisabledCycle = 0;

        // Frame geometry ("frame reset"): note that the last-update clock is the frame start, not the display
        // start. It only matters if the reset lands inside a partial frame, which then draws from line 0.
        Array.Clear(current);
        Array.Clear(previous);
        framePointer = 0;
        startDisplayOffset = ClocksPerLine * YStart;
        stopDisplayOffset = startDisplayOffset + ClocksPerLine * ScreenHeight;
        clockWhenFrameStarted = SystemClock();
        clockStartDisplay = clockWhenFrameStarted + startDisplayOffset;
        clockStopDisplay = clockWhenFrameStarted + stopDisplayOffset;
        clockAtLastUpdate = clockWhenFrameStarted;
        clocksToEndOfLine = ClocksPerLine;
        vsyncFinishClock = int.MaxValue;
        scanlinesLastFrame = 0;
        currentScanline = 0;
    }

    /// <summary>
    /// Starts a new frame (only when the previous one was complete): swaps the buffers, keeps the position within
    /// the current line, and moves every stored clock by the elapsed system clock, which the machine resets to 0
    /// right after this call.
    /// </summary>
    internal void StartFrame()
    {
        (current, previous) = (previous, current);

        uint cycles = unchecked((uint)cpu.Cycles);
        uint clocks = unchecked(cycles * 3 - (uint)clockWhenFrameStarted) % ClocksPerLine;

        // What the reference does for every device when the system clock is reset.
        unchecked
        {
            dumpDisabledCycle -= (int)cycles;
            int elapsedClocks = (int)(cycles * 3);
            vsyncFinishClock -= elapsedClocks;
            lastHmoveClock -= elapsedClocks;
        }

        clockWhenFrameStarted = -(int)clocks;
        clockStartDisplay = clockWhenFrameStarted + startDisplayOffset;
        clockStopDisplay = clockWhenFrameStarted + stopDisplayOffset;
        clockAtLastUpdate = clockStartDisplay;
        clocksToEndOfLine = ClocksPerLine;
        framePointer = 0;
        frameGreyed = false;
    }

    /// <summary>Marks the frame as running (partial until a VSYNC or the scanline limit says otherwise).</summary>
    internal void BeginUpdate()
    {
        partialFrame = true;
        stopRequested = false;
        cpu.StopRequested = false;
    }

    /// <summary>
    /// After the CPU stopped: counts the scanlines; a partial frame greys the rows from the current scanline to the
    /// bottom of the picture (once per partial sequence), a complete one records its length.
    /// </summary>
    internal void EndUpdate()
    {
        currentScanline = (int)(unchecked(SystemClockUnsigned() - (uint)clockWhenFrameStarted) / ClocksPerLine);
        if (partialFrame)
        {
            if (!frameGreyed) GreyOutFrame();
            frameGreyed = true;
        }
        else
        {
            scanlinesLastFrame = currentScanline;
            frameGreyed = false;
        }
    }

    /// <summary>The system clock in colour clocks, with the reference's 32-bit wrap-around.</summary>
    private int SystemClock() => unchecked((int)((uint)cpu.Cycles * 3u));

    private uint SystemClockUnsigned() => unchecked((uint)cpu.Cycles * 3u);

    /// <summary>Writes the whole TIA state, both frame buffers included (rows not redrawn later show through).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(current);
        writer.Write(previous);
        foreach (int v in (ReadOnlySpan<int>)
                 [
                     clockWhenFrameStarted, clockStartDisplay, clockStopDisplay, clockAtLastUpdate, clocksToEndOfLine,
                     vsyncFinishClock, lastHmoveClock, startDisplayOffset, stopDisplayOffset, framePointer,
                     currentScanline, scanlinesLastFrame, priorityAndScore, hmp0, hmp1, hmm0, hmm1, hmbl,
                     collision, posP0, posP1, posM0, posM1, posBL, enabledObjects, m0Shape, cosmicArkCounter,
                     dumpDisabledCycle, YStart,
                 ])
        {
            writer.Write(v);
        }
        writer.Write(pf);
        writer.Write(color);
        foreach (byte b in (ReadOnlySpan<byte>)[vsync, vblank, nusiz0, nusiz1, ctrlpf, grp0, grp1, dgrp0, dgrp1, currentGrp0, currentGrp1])
        {
            writer.Write(b);
        }
        foreach (bool b in (ReadOnlySpan<bool>)
                 [
                     partialFrame, frameGreyed, stopRequested, refp0, refp1, enam0, enam1, enabl, denabl,
                     vdelp0, vdelp1, vdelbl, resmp0, resmp1, p0SkipFirst, p1SkipFirst, pfReflect,
                     hmoveBlankEnabled, cosmicArkEnabled, dumpEnabled, Fire0, Fire1, HmoveBlanks,
                 ])
        {
            writer.Write(b);
        }
        foreach (int r in PaddleResistance) writer.Write(r);
    }

    /// <summary>Restores a state written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ReadExactly(reader, current);
        ReadExactly(reader, previous);
        clockWhenFrameStarted = reader.ReadInt32();
        clockStartDisplay = reader.ReadInt32();
        clockStopDisplay = reader.ReadInt32();
        clockAtLastUpdate = reader.ReadInt32();
        clocksToEndOfLine = reader.ReadInt32();
        vsyncFinishClock = reader.ReadInt32();
        lastHmoveClock = reader.ReadInt32();
        startDisplayOffset = reader.ReadInt32();
        stopDisplayOffset = reader.ReadInt32();
        framePointer = reader.ReadInt32();
        currentScanline = reader.ReadInt32();
        scanlinesLastFrame = reader.ReadInt32();
        priorityAndScore = reader.ReadInt32();
        hmp0 = reader.ReadInt32();
        hmp1 = reader.ReadInt32();
        hmm0 = reader.ReadInt32();
        hmm1 = reader.ReadInt32();
        hmbl = reader.ReadInt32();
        collision = reader.ReadInt32();
        posP0 = reader.ReadInt32();
        posP1 = reader.ReadInt32();
        posM0 = reader.ReadInt32();
        posM1 = reader.ReadInt32();
        posBL = reader.ReadInt32();
        enabledObjects = reader.ReadInt32();
        m0Shape = reader.ReadInt32();
        cosmicArkCounter = reader.ReadInt32();
        dumpDisabledCycle = reader.ReadInt32();
        YStart = reader.ReadInt32();
        pf = reader.ReadUInt32();
        ReadExactly(reader, color);
        vsync = reader.ReadByte();
        vblank = reader.ReadByte();
        nusiz0 = reader.ReadByte();
        nusiz1 = reader.ReadByte();
        ctrlpf = reader.ReadByte();
        grp0 = reader.ReadByte();
        grp1 = reader.ReadByte();
        dgrp0 = reader.ReadByte();
        dgrp1 = reader.ReadByte();
        currentGrp0 = reader.ReadByte();
        currentGrp1 = reader.ReadByte();
        partialFrame = reader.ReadBoolean();
        frameGreyed = reader.ReadBoolean();
        stopRequested = reader.ReadBoolean();
        refp0 = reader.ReadBoolean();
        refp1 = reader.ReadBoolean();
        enam0 = reader.ReadBoolean();
        enam1 = reader.ReadBoolean();
        enabl = reader.ReadBoolean();
        denabl = reader.ReadBoolean();
        vdelp0 = reader.ReadBoolean();
        vdelp1 = reader.ReadBoolean();
        vdelbl = reader.ReadBoolean();
        resmp0 = reader.ReadBoolean();
        resmp1 = reader.ReadBoolean();
        p0SkipFirst = reader.ReadBoolean();
        p1SkipFirst = reader.ReadBoolean();
        pfReflect = reader.ReadBoolean();
        hmoveBlankEnabled = reader.ReadBoolean();
        cosmicArkEnabled = reader.ReadBoolean();
        dumpEnabled = reader.ReadBoolean();
        Fire0 = reader.ReadBoolean();
        Fire1 = reader.ReadBoolean();
        HmoveBlanks = reader.ReadBoolean();
        for (int i = 0; i < PaddleResistance.Length; i++) PaddleResistance[i] = reader.ReadInt32();

        if (framePointer < 0 || framePointer > ScreenWidth * BufferRows)
            throw new InvalidDataException($"TIA state: frame pointer {framePointer} is outside the frame buffer.");
        pfLinePf = uint.MaxValue; // force the playfield line cache to be rebuilt
    }

    private static void ReadExactly(BinaryReader reader, byte[] target)
    {
        byte[] data = reader.ReadBytes(target.Length);
        if (data.Length != target.Length) throw new EndOfStreamException("TIA state truncated.");
        data.CopyTo(target, 0);
    }
}
