namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// The 6532 RIOT (RAM, I/O ports, interval timer) as the old Stella core inside ALE emulates it. That model
/// differs from the real chip in ways games can see (notably the timer after expiry), and matching ALE is the
/// goal, so this follows ALE rather than the hardware.
/// </summary>
/// <remarks>
/// Address decoding inside the chip: A9 = 0 selects RAM (index = A0..A6); A9 = 1 selects the I/O block, where
/// reads decode only A0..A2 and writes decode A0..A2 for the ports and A0..A2 plus A4 (mask $17) for the timer.
/// Time is taken from <see cref="Cpu6507.Cycles"/>, which already holds the end-of-instruction value when a
/// device is accessed. The cycle stamps are kept and compared as 32-bit unsigned values because that is how
/// the reference does its arithmetic; the wrap-around behaviour therefore matches it even in odd corners
/// (e.g. a read in the same cycle as the timer write).
/// </remarks>
public sealed class Riot
{
    private readonly Cpu6507 cpu;

    /// <summary>Timer start value written by the program (or drawn at reset).</summary>
    private uint timer;

    /// <summary>Prescale as a shift: 0, 3, 6 or 10 for /1, /8, /64, /1024.</summary>
    private int shift;

    /// <summary>System cycle at which the timer was written (shifted whenever the system clock is rebased).</summary>
    private uint cyclesWhenSet;

    /// <summary>System cycle of the first INTIM read that saw the timer at least two cycles past expiry.</summary>
    private uint cyclesWhenReadAfterExpiry;

    /// <summary>Set by the first INTIM read at least two cycles past expiry; cleared by a timer write.</summary>
    private bool readAfterExpiry;

    private byte ddra;

    /// <summary>Always 0 in this model: the reference ignores writes to DDRB, but reads it back.</summary>
    private byte ddrb;

    /// <summary>The 128 bytes of RAM ($80..$FF and its mirrors); index = address &amp; $7F.</summary>
    public byte[] Ram { get; } = new byte[128];

    /// <summary>
    /// SWCHA input bits, active low, set by the environment layer before each frame. Real 2600 layout: bits
    /// 7..4 = left port (player 0) right, left, down, up; bits 3..0 = right port (player 1) in the same order.
    /// Paddle buttons also land here (A.6). Default $FF = nothing pressed.
    /// </summary>
    public byte JoystickBits { get; set; } = 0xFF;

    /// <summary>
    /// SWCHB console switches as read by the program, set by the environment layer. Bit 0 RESET (0 = pressed),
    /// bit 1 SELECT (0 = pressed), bit 3 colour (1 = colour), bit 6 left/P0 difficulty (1 = A), bit 7 right/P1
    /// difficulty (1 = A). Bits 2, 4 and 5 are not switches; ALE's switch register reads them as 1, so callers
    /// should keep them set. The value is returned as-is. Default $3F: colour, difficulty B/B, nothing pressed.
    /// </summary>
    public byte SwitchBits { get; set; } = 0x3F;

    /// <summary>Creates the RIOT. RAM is zero and the timer idle until <see cref="PowerOn"/> or <see cref="Reset"/>.</summary>
    public Riot(Cpu6507 cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        this.cpu = cpu;
    }

    /// <summary>The DDRA register (written through SWACNT, $281). 1 bits are outputs.</summary>
    public byte Ddra => ddra;

    /// <summary>
    /// Power-on as ALE's RIOT constructor does it: RAM gets the low byte of 128 draws from the core RNG, then the
    /// timer is set up exactly as by <see cref="Reset"/>, which takes one more draw.
    /// </summary>
    public void PowerOn(Mt19937 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < Ram.Length; i++) Ram[i] = (byte)rng.Next();
        Reset(rng);
    }

    /// <summary>
    /// Console reset (one core-RNG draw): timer = 25 + draw % 75 with the /64 prescale counted from cycle 0,
    /// the after-expiry flag cleared, DDRA = DDRB = 0. RAM is left alone.
    /// </summary>
    public void Reset(Mt19937 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        timer = 25 + rng.Next() % 75;
        shift = 6;
        cyclesWhenSet = 0;
        cyclesWhenReadAfterExpiry = 0;
        readAfterExpiry = false;
        ddra = 0;
        ddrb = 0;
    }

    /// <summary>
    /// Called just before the machine subtracts <paramref name="elapsed"/> from the system clock (every frame
    /// start). The stored stamps move with it so the timer reads the same value across the rebase.
    /// </summary>
    public void OnCyclesReset(long elapsed)
    {
        uint e = unchecked((uint)elapsed);
        cyclesWhenSet = unchecked(cyclesWhenSet - e);
        cyclesWhenReadAfterExpiry = unchecked(cyclesWhenReadAfterExpiry - e);
    }

    /// <summary>Reads RAM (A9 = 0) or an I/O/timer register (A9 = 1). The caller has already decoded A12 = 0, A7 = 1.</summary>
    public byte Read(ushort address)
    {
        if ((address & 0x0200) == 0) return Ram[address & 0x7F];

        switch (address & 0x07)
        {
            case 0: return JoystickBits; // the reference ignores DDRA on SWCHA reads (ALE-NOTES A.6)
            case 1: return ddra;
            case 2: return SwitchBits;
            case 3: return ddrb;
            case 4:
            case 6: return ReadTimer();
            default: return ReadInterruptFlag();
        }
    }

    /// <summary>Writes RAM (A9 = 0) or an I/O/timer register (A9 = 1). The caller has already decoded A12 = 0, A7 = 1.</summary>
    public void Write(ushort address, byte value)
    {
        if ((address & 0x0200) == 0)
        {
            Ram[address & 0x7F] = value;
            return;
        }

        // The port registers are matched on A0..A2 first, so e.g. $290 is still SWCHA, as in the reference.
        switch (address & 0x07)
        {
            case 0: return; // SWCHA output goes to the controllers through DDRA; joysticks and paddles ignore it
            case 1: ddra = value; return;
            case 2: return; // SWCHB is input-only here
            case 3: return; // DDRB writes are ignored by the reference
        }

        switch (address & 0x17)
        {
            case 0x14: SetTimer(value, 0); return;
            case 0x15: SetTimer(value, 3); return;
            case 0x16: SetTimer(value, 6); return;
            case 0x17: SetTimer(value, 10); return;
            default: return; // edge-detect control ($x04-$x07 with A4 = 0): no interrupts on a 2600, ignored
        }
    }

    private void SetTimer(byte value, int shift)
    {
        timer = value;
        this.shift = shift;
        cyclesWhenSet = unchecked((uint)cpu.Cycles);
        readAfterExpiry = false;
    }

    /// <summary>
    /// INTIM per ALE-NOTES c.6. Before expiry: T - 1 - ((c - 1 - t0) >> s). After expiry it reads $FF until the
    /// first read at least two cycles past expiry; that read is remembered, and from then on the value is
    /// offset by that read's distance from the expiry point but keeps counting at the prescaled rate.
    /// </summary>
    private byte ReadTimer()
    {
        uint now = unchecked((uint)cpu.Cycles);
        uint delta = unchecked(now - 1 - cyclesWhenSet);
        int value = unchecked((int)timer - (int)(delta >> shift) - 1);
        if (value >= 0) return (byte)value;

        int sinceExpiry = unchecked((int)(timer << shift) - (int)delta - 1);
        if (sinceExpiry <= -2 && !readAfterExpiry)
        {
            readAfterExpiry = true;
            cyclesWhenReadAfterExpiry = now;
        }

        if (readAfterExpiry)
        {
            int offset = unchecked((int)(cyclesWhenReadAfterExpiry - (cyclesWhenSet + (timer << shift))));
            return unchecked((byte)((int)timer - (int)(delta >> shift) - offset));
        }
        return unchecked((byte)sinceExpiry);
    }

    /// <summary>TIMINT/INSTAT: $80 once the timer has expired, unless an INTIM read has already set the after-expiry flag.</summary>
    private byte ReadInterruptFlag()
    {
        uint delta = unchecked((uint)cpu.Cycles - 1 - cyclesWhenSet);
        int value = unchecked((int)timer - (int)(delta >> shift) - 1);
        return value >= 0 || readAfterExpiry ? (byte)0x00 : (byte)0x80;
    }

    /// <summary>Writes RAM, timer, data-direction registers and the current input bits.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Ram);
        writer.Write(timer);
        writer.Write(shift);
        writer.Write(cyclesWhenSet);
        writer.Write(cyclesWhenReadAfterExpiry);
        writer.Write(readAfterExpiry);
        writer.Write(ddra);
        writer.Write(ddrb);
        writer.Write(JoystickBits);
        writer.Write(SwitchBits);
    }

    /// <summary>Restores a state written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        byte[] ram = reader.ReadBytes(Ram.Length);
        if (ram.Length != Ram.Length) throw new EndOfStreamException("RIOT state: RAM truncated.");
        ram.CopyTo(Ram, 0);
        timer = reader.ReadUInt32();
        int shift = reader.ReadInt32();
        if (shift is not (0 or 3 or 6 or 10)) throw new InvalidDataException($"RIOT state: timer shift {shift} is not 0, 3, 6 or 10.");
        this.shift = shift;
        cyclesWhenSet = reader.ReadUInt32();
        cyclesWhenReadAfterExpiry = reader.ReadUInt32();
        readAfterExpiry = reader.ReadBoolean();
        ddra = reader.ReadByte();
        ddrb = reader.ReadByte();
        JoystickBits = reader.ReadByte();
        SwitchBits = reader.ReadByte();
    }
}
