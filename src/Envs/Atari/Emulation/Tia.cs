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

    private readonly Cpu6507 _cpu;

    private byte[] _current = new byte[BufferSize];
    private byte[] _previous = new byte[BufferSize];

    // ---- frame timing, all in colour clocks relative to the system clock (which restarts every frame) ----
    private int _clockWhenFrameStarted;
    private int _clockStartDisplay;
    private int _clockStopDisplay;
    private int _clockAtLastUpdate;

    /// <summary>Clocks left in the line being drawn (228 = at a line start; 0 = line finished, its end not yet processed).</summary>
    private int _clocksToEndOfLine;
    private int _vsyncFinishClock;
    private int _lastHmoveClock;
    private int _startDisplayOffset;
    private int _stopDisplayOffset;

    /// <summary>Index in <see cref="_current"/> of the next pixel to draw.</summary>
    private int _framePointer;

    private bool _partialFrame;
    private bool _frameGreyed;
    private bool _stopRequested;
    private int _currentScanline;
    private int _scanlinesLastFrame;

    // ---- registers ----
    private byte _vsync;
    private byte _vblank;
    private byte _nusiz0;
    private byte _nusiz1;
    private byte _ctrlpf;

    /// <summary>Colour registers (value &amp; $FE): background, playfield, player 0, player 1.</summary>
    private readonly byte[] _color = new byte[4];

    /// <summary>(CTRLPF &amp; 6) &lt;&lt; 5: the score and priority bits of the encoder index.</summary>
    private int _priorityAndScore;
    private bool _refp0;
    private bool _refp1;

    /// <summary>The 20 playfield bits (PF0 high nibble, PF1, PF2) in display order of <see cref="s_pfBitIndex"/>.</summary>
    private uint _pf;
    private byte _grp0;
    private byte _grp1;
    private byte _dgrp0;
    private byte _dgrp1;

    /// <summary>The graphic each player shows now (vertical delay and reflection applied).</summary>
    private byte _currentGrp0;
    private byte _currentGrp1;
    private bool _enam0;
    private bool _enam1;
    private bool _enabl;
    private bool _denabl;
    private bool _vdelp0;
    private bool _vdelp1;
    private bool _vdelbl;
    private bool _resmp0;
    private bool _resmp1;

    /// <summary>Motion registers as the high nibble of the written value (0..15).</summary>
    private int _hmp0, _hmp1, _hmm0, _hmm1, _hmbl;

    /// <summary>Collision latches, 15 bits (layout in <see cref="Read"/>).</summary>
    private int _collision;
    private int _posP0, _posP1, _posM0, _posM1, _posBL;

    /// <summary>Objects that can show pixels (<see cref="PfBit"/> etc.): non-zero graphics, enabled missiles/ball.</summary>
    private int _enabledObjects;

    // ---- the reference's "current mask" state that does not follow from the registers ----

    /// <summary>The first copy of the player is suppressed until the end of the line (after RESPx).</summary>
    private bool _p0SkipFirst;
    private bool _p1SkipFirst;

    /// <summary>Reflection state the playfield is drawn with; latched at line ends and early CTRLPF writes.</summary>
    private bool _pfReflect;

    /// <summary>Missile 0 line shape in the "Cosmic Ark" mode: 0 normal, 1 stretched to at least 2 pixels, 2 hidden.</summary>
    private int _m0Shape;
    private bool _hmoveBlankEnabled;
    private bool _cosmicArkEnabled;
    private int _cosmicArkCounter;

    private bool _dumpEnabled;
    private int _dumpDisabledCycle;

    /// <summary>Cached playfield line: 0xFF where the playfield shows, for <see cref="_pfLinePf"/>/<see cref="_pfLineReflect"/>.</summary>
    private readonly byte[] _pfLine = new byte[ScreenWidth + 8];
    private uint _pfLinePf = uint.MaxValue;
    private bool _pfLineReflect;

    /// <summary>Creates the TIA for a CPU (whose clock and data bus it reads). Call <see cref="Reset"/> before use.</summary>
    public Tia(Cpu6507 cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        _cpu = cpu;
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
    public ReadOnlySpan<byte> Screen => new(_current, 0, ScreenWidth * ScreenHeight);

    /// <summary>Scanlines of the frame just run (colour clocks since the frame start / 228), for trace debugging.</summary>
    public int Scanlines => _currentScanline;

    /// <summary>True while a frame has not been ended by VSYNC (or the scanline limit); the next update continues it.</summary>
    public bool PartialFrame => _partialFrame;

    /// <summary>
    /// Console reset: every register and latch 0, both frame buffers cleared, frame geometry reloaded from
    /// <see cref="YStart"/>. The frame timing restarts at the current system clock (the machine has just set it to 0).
    /// The "partial frame" state is not touched, as in the reference.
    /// </summary>
    public void Reset()
    {
        _enabledObjects = 0;
        _vsync = _vblank = _nusiz0 = _nusiz1 = _ctrlpf = 0;
        Array.Clear(_color);
        _priorityAndScore = 0;
        _refp0 = _refp1 = false;
        _pf = 0;
        _grp0 = _grp1 = _dgrp0 = _dgrp1 = 0;
        _currentGrp0 = _currentGrp1 = 0;
        _enam0 = _enam1 = _enabl = _denabl = false;
        _vdelp0 = _vdelp1 = _vdelbl = false;
        _resmp0 = _resmp1 = false;
        _hmp0 = _hmp1 = _hmm0 = _hmm1 = _hmbl = 0;
        _collision = 0;
        _posP0 = _posP1 = _posM0 = _posM1 = _posBL = 0;
        _p0SkipFirst = _p1SkipFirst = false;
        _pfReflect = false;
        _m0Shape = 0;
        _lastHmoveClock = 0;
        _hmoveBlankEnabled = false;
        _cosmicArkEnabled = false;
        _cosmicArkCounter = 0;
        _dumpEnabled = false;
        _dumpDisabledCycle = 0;

        // Frame geometry ("frame reset"): note that the last-update clock is the frame start, not the display
        // start. It only matters if the reset lands inside a partial frame, which then draws from line 0.
        Array.Clear(_current);
        Array.Clear(_previous);
        _framePointer = 0;
        _startDisplayOffset = ClocksPerLine * YStart;
        _stopDisplayOffset = _startDisplayOffset + ClocksPerLine * ScreenHeight;
        _clockWhenFrameStarted = SystemClock();
        _clockStartDisplay = _clockWhenFrameStarted + _startDisplayOffset;
        _clockStopDisplay = _clockWhenFrameStarted + _stopDisplayOffset;
        _clockAtLastUpdate = _clockWhenFrameStarted;
        _clocksToEndOfLine = ClocksPerLine;
        _vsyncFinishClock = int.MaxValue;
        _scanlinesLastFrame = 0;
        _currentScanline = 0;
    }

    /// <summary>
    /// Starts a new frame (only when the previous one was complete): swaps the buffers, keeps the position within
    /// the current line, and moves every stored clock by the elapsed system clock, which the machine resets to 0
    /// right after this call.
    /// </summary>
    internal void StartFrame()
    {
        (_current, _previous) = (_previous, _current);

        uint cycles = unchecked((uint)_cpu.Cycles);
        uint clocks = unchecked(cycles * 3 - (uint)_clockWhenFrameStarted) % ClocksPerLine;

        // What the reference does for every device when the system clock is reset.
        unchecked
        {
            _dumpDisabledCycle -= (int)cycles;
            int elapsedClocks = (int)(cycles * 3);
            _vsyncFinishClock -= elapsedClocks;
            _lastHmoveClock -= elapsedClocks;
        }

        _clockWhenFrameStarted = -(int)clocks;
        _clockStartDisplay = _clockWhenFrameStarted + _startDisplayOffset;
        _clockStopDisplay = _clockWhenFrameStarted + _stopDisplayOffset;
        _clockAtLastUpdate = _clockStartDisplay;
        _clocksToEndOfLine = ClocksPerLine;
        _framePointer = 0;
        _frameGreyed = false;
    }

    /// <summary>Marks the frame as running (partial until a VSYNC or the scanline limit says otherwise).</summary>
    internal void BeginUpdate()
    {
        _partialFrame = true;
        _stopRequested = false;
        _cpu.StopRequested = false;
    }

    /// <summary>
    /// After the CPU stopped: counts the scanlines; a partial frame greys the rows from the current scanline to the
    /// bottom of the picture (once per partial sequence), a complete one records its length.
    /// </summary>
    internal void EndUpdate()
    {
        _currentScanline = (int)(unchecked(SystemClockUnsigned() - (uint)_clockWhenFrameStarted) / ClocksPerLine);
        if (_partialFrame)
        {
            if (!_frameGreyed) GreyOutFrame();
            _frameGreyed = true;
        }
        else
        {
            _scanlinesLastFrame = _currentScanline;
            _frameGreyed = false;
        }
    }

    /// <summary>The system clock in colour clocks, with the reference's 32-bit wrap-around.</summary>
    private int SystemClock() => unchecked((int)((uint)_cpu.Cycles * 3u));

    private uint SystemClockUnsigned() => unchecked((uint)_cpu.Cycles * 3u);

    /// <summary>Writes the whole TIA state, both frame buffers included (rows not redrawn later show through).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_current);
        writer.Write(_previous);
        foreach (int v in (ReadOnlySpan<int>)
                 [
                     _clockWhenFrameStarted, _clockStartDisplay, _clockStopDisplay, _clockAtLastUpdate, _clocksToEndOfLine,
                     _vsyncFinishClock, _lastHmoveClock, _startDisplayOffset, _stopDisplayOffset, _framePointer,
                     _currentScanline, _scanlinesLastFrame, _priorityAndScore, _hmp0, _hmp1, _hmm0, _hmm1, _hmbl,
                     _collision, _posP0, _posP1, _posM0, _posM1, _posBL, _enabledObjects, _m0Shape, _cosmicArkCounter,
                     _dumpDisabledCycle, YStart,
                 ])
        {
            writer.Write(v);
        }
        writer.Write(_pf);
        writer.Write(_color);
        foreach (byte b in (ReadOnlySpan<byte>)[_vsync, _vblank, _nusiz0, _nusiz1, _ctrlpf, _grp0, _grp1, _dgrp0, _dgrp1, _currentGrp0, _currentGrp1])
        {
            writer.Write(b);
        }
        foreach (bool b in (ReadOnlySpan<bool>)
                 [
                     _partialFrame, _frameGreyed, _stopRequested, _refp0, _refp1, _enam0, _enam1, _enabl, _denabl,
                     _vdelp0, _vdelp1, _vdelbl, _resmp0, _resmp1, _p0SkipFirst, _p1SkipFirst, _pfReflect,
                     _hmoveBlankEnabled, _cosmicArkEnabled, _dumpEnabled, Fire0, Fire1, HmoveBlanks,
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
        ReadExactly(reader, _current);
        ReadExactly(reader, _previous);
        _clockWhenFrameStarted = reader.ReadInt32();
        _clockStartDisplay = reader.ReadInt32();
        _clockStopDisplay = reader.ReadInt32();
        _clockAtLastUpdate = reader.ReadInt32();
        _clocksToEndOfLine = reader.ReadInt32();
        _vsyncFinishClock = reader.ReadInt32();
        _lastHmoveClock = reader.ReadInt32();
        _startDisplayOffset = reader.ReadInt32();
        _stopDisplayOffset = reader.ReadInt32();
        _framePointer = reader.ReadInt32();
        _currentScanline = reader.ReadInt32();
        _scanlinesLastFrame = reader.ReadInt32();
        _priorityAndScore = reader.ReadInt32();
        _hmp0 = reader.ReadInt32();
        _hmp1 = reader.ReadInt32();
        _hmm0 = reader.ReadInt32();
        _hmm1 = reader.ReadInt32();
        _hmbl = reader.ReadInt32();
        _collision = reader.ReadInt32();
        _posP0 = reader.ReadInt32();
        _posP1 = reader.ReadInt32();
        _posM0 = reader.ReadInt32();
        _posM1 = reader.ReadInt32();
        _posBL = reader.ReadInt32();
        _enabledObjects = reader.ReadInt32();
        _m0Shape = reader.ReadInt32();
        _cosmicArkCounter = reader.ReadInt32();
        _dumpDisabledCycle = reader.ReadInt32();
        YStart = reader.ReadInt32();
        _pf = reader.ReadUInt32();
        ReadExactly(reader, _color);
        _vsync = reader.ReadByte();
        _vblank = reader.ReadByte();
        _nusiz0 = reader.ReadByte();
        _nusiz1 = reader.ReadByte();
        _ctrlpf = reader.ReadByte();
        _grp0 = reader.ReadByte();
        _grp1 = reader.ReadByte();
        _dgrp0 = reader.ReadByte();
        _dgrp1 = reader.ReadByte();
        _currentGrp0 = reader.ReadByte();
        _currentGrp1 = reader.ReadByte();
        _partialFrame = reader.ReadBoolean();
        _frameGreyed = reader.ReadBoolean();
        _stopRequested = reader.ReadBoolean();
        _refp0 = reader.ReadBoolean();
        _refp1 = reader.ReadBoolean();
        _enam0 = reader.ReadBoolean();
        _enam1 = reader.ReadBoolean();
        _enabl = reader.ReadBoolean();
        _denabl = reader.ReadBoolean();
        _vdelp0 = reader.ReadBoolean();
        _vdelp1 = reader.ReadBoolean();
        _vdelbl = reader.ReadBoolean();
        _resmp0 = reader.ReadBoolean();
        _resmp1 = reader.ReadBoolean();
        _p0SkipFirst = reader.ReadBoolean();
        _p1SkipFirst = reader.ReadBoolean();
        _pfReflect = reader.ReadBoolean();
        _hmoveBlankEnabled = reader.ReadBoolean();
        _cosmicArkEnabled = reader.ReadBoolean();
        _dumpEnabled = reader.ReadBoolean();
        Fire0 = reader.ReadBoolean();
        Fire1 = reader.ReadBoolean();
        HmoveBlanks = reader.ReadBoolean();
        for (int i = 0; i < PaddleResistance.Length; i++) PaddleResistance[i] = reader.ReadInt32();

        if (_framePointer < 0 || _framePointer > ScreenWidth * BufferRows)
            throw new InvalidDataException($"TIA state: frame pointer {_framePointer} is outside the frame buffer.");
        _pfLinePf = uint.MaxValue; // force the playfield line cache to be rebuilt
    }

    private static void ReadExactly(BinaryReader reader, byte[] target)
    {
        byte[] data = reader.ReadBytes(target.Length);
        if (data.Length != target.Length) throw new EndOfStreamException("TIA state truncated.");
        data.CopyTo(target, 0);
    }
}
