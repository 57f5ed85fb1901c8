using System.Runtime.CompilerServices;

namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// The Atari 2600 console: 6507 CPU, RIOT, TIA and cartridge on the 13-bit address bus, run one ALE frame at a time
/// exactly as ALE's old Stella core does (ALE-NOTES A.2 and c.3).
/// </summary>
/// <remarks>
/// Memory map (A12..A0): A12 = 1 cartridge (it receives the full 16-bit address); A12 = 0 and A7 = 1 RIOT (A9 = 0
/// RAM, A9 = 1 I/O and timer); A12 = 0 and A7 = 0 TIA.
/// </remarks>
public sealed class Atari2600 : IBus
{
    /// <summary>ALE stops a frame that has not ended after this many instructions (a "partial frame").</summary>
    public const int MaxInstructionsPerFrame = 25_000;

    private readonly Mt19937 rng;

    /// <summary>Builds the console around a cartridge. <paramref name="rng"/> is the core RNG (power-on RAM and RIOT timer draws).</summary>
    public Atari2600(Cartridge cart, Mt19937 rng)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(rng);
        Cart = cart;
        this.rng = rng;
        Cpu = new Cpu6507(this);
        Riot = new Riot(Cpu);
        Tia = new Tia(Cpu);

        // Let the CPU reach RIOT RAM (A12 = 0, A9 = 0, A7 = 1) and the cartridge's plain-ROM part without the bus;
        // both behave exactly as through Read/Write below.
        Cpu.MapRam(Riot.Ram, 0x1280, 0x0080);
        cart.DirectWindowChanged = MapCartridge;
        MapCartridge();
    }

    private void MapCartridge()
    {
        var window = Cart.Direct;
        Cpu.MapRom(Cart.Image, window.Base, window.Mask, window.Limit);
    }

    /// <summary>The CPU (its <see cref="Cpu6507.Cycles"/> restarts at 0 at every frame start).</summary>
    public Cpu6507 Cpu { get; }

    /// <summary>RAM, I/O ports and timer.</summary>
    public Riot Riot { get; }

    /// <summary>Video chip; also holds the fire buttons and paddle inputs.</summary>
    public Tia Tia { get; }

    /// <summary>The cartridge.</summary>
    public Cartridge Cart { get; }

    /// <summary>Frames run since construction (every <see cref="RunFrame"/> call, complete or partial).</summary>
    public long FrameNumber { get; private set; }

    /// <summary>Instructions the last <see cref="RunFrame"/> executed (for speed measurements).</summary>
    public int InstructionsLastFrame { get; private set; }

    /// <summary>Power-on as ALE's RIOT constructor does it: 128 RAM draws and one timer draw from the core RNG.</summary>
    public void PowerOn() => Riot.PowerOn(rng);

    /// <summary>
    /// Console reset (Stella's system reset): the system clock restarts at 0, then RIOT (one RNG draw, RAM kept),
    /// TIA (registers and collisions 0, both frame buffers cleared), cartridge banks, and finally the CPU
    /// (A = X = Y = 0, SP = $FF, P = $20, PC from the reset vector).
    /// </summary>
    public void ConsoleReset()
    {
        Riot.OnCyclesReset(Cpu.Cycles);
        Cpu.Cycles = 0;
        Riot.Reset(rng);
        Tia.Reset();
        Cart.Reset();
        Cpu.Reset();
        Cpu.SP = 0xFF;
        Cpu.P = 0x20;
    }

    /// <summary>
    /// Runs one ALE frame (one TIA update): if the previous frame was complete a new one starts (buffers swapped,
    /// system clock rebased keeping the position within the line), then the CPU runs until the frame ends
    /// (VSYNC, or a TIA write past scanline 290) or for at most <see cref="MaxInstructionsPerFrame"/> instructions.
    /// A frame that did not end stays partial and the next call continues it; its unreached rows are greyed.
    /// </summary>
    public void RunFrame()
    {
        Cpu6507 cpu = Cpu;
        Tia tia = Tia;
        if (!tia.PartialFrame)
        {
            long elapsed = cpu.Cycles;
            tia.StartFrame();
            Riot.OnCyclesReset(elapsed);
            cpu.Cycles = 0;
        }

        tia.BeginUpdate();
        InstructionsLastFrame = cpu.Run(MaxInstructionsPerFrame); // stops early when the TIA ends the frame or the CPU jams
        tia.EndUpdate();
        FrameNumber++;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the CPU's bus path, which calls it through IBus
    public byte Read(ushort address)
    {
        if ((address & 0x1000) != 0) return Cart.Read(address);
        if ((address & 0x0080) != 0) return Riot.Read(address);
        return Tia.Read(address);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ushort address, byte value)
    {
        if ((address & 0x1000) != 0) Cart.Write(address, value);
        else if ((address & 0x0080) != 0) Riot.Write(address, value);
        else Tia.Write(address, value);
    }

    /// <summary>
    /// Writes the whole machine (CPU registers and clock, RIOT, TIA with both frame buffers, cartridge banks, core RNG,
    /// frame counter). A fresh machine for the same cartridge that loads it continues bit-identically.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Cpu.A);
        writer.Write(Cpu.X);
        writer.Write(Cpu.Y);
        writer.Write(Cpu.SP);
        writer.Write(Cpu.P);
        writer.Write(Cpu.PC);
        writer.Write(Cpu.Cycles);
        writer.Write(Cpu.Jammed);
        writer.Write(Cpu.LastBusValue);
        Riot.Save(writer);
        Tia.Save(writer);
        Cart.Save(writer);
        rng.Save(writer);
        writer.Write(FrameNumber);
    }

    /// <summary>Restores a state written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Cpu.A = reader.ReadByte();
        Cpu.X = reader.ReadByte();
        Cpu.Y = reader.ReadByte();
        Cpu.SP = reader.ReadByte();
        Cpu.P = reader.ReadByte();
        Cpu.PC = reader.ReadUInt16();
        Cpu.Cycles = reader.ReadInt64();
        Cpu.Jammed = reader.ReadBoolean();
        Cpu.LastBusValue = reader.ReadByte();
        Riot.Load(reader);
        Tia.Load(reader);
        Cart.Load(reader);
        rng.Load(reader);
        FrameNumber = reader.ReadInt64();
    }
}
