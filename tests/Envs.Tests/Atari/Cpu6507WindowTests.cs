using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// The CPU's direct-mapped ROM and RAM windows: accesses inside them skip the bus but behave exactly like bus
/// accesses (values, LastBusValue, cycles), and everything outside them still reaches the bus, in order.
/// </summary>
public sealed class Cpu6507WindowTests
{
    /// <summary>64 KiB of flat memory that logs every access.</summary>
    private sealed class LoggingBus : IBus
    {
        public readonly byte[] Memory = new byte[65536];
        public readonly List<(bool Write, ushort Address, byte Value)> Log = [];

        public byte Read(ushort address)
        {
            Log.Add((false, address, Memory[address]));
            return Memory[address];
        }

        public void Write(ushort address, byte value)
        {
            Memory[address] = value;
            Log.Add((true, address, value));
        }
    }

    private static readonly byte[] Program =
    [
        0xA9, 0x5A,       // LDA #$5A
        0x85, 0x80,       // STA $80      RAM window
        0xAD, 0x00, 0xF1, // LDA $F100    ROM window
        0xAE, 0xF5, 0xFF, // LDX $FFF5    past the window's limit: bus
        0x85, 0x02,       // STA $02      TIA space: bus
        0xA4, 0x80,       // LDY $80      RAM window
        0x8D, 0x81, 0x01, // STA $0181    the RAM mirror at $180: RAM window
        0x02,             // JAM
    ];

    private static (Cpu6507 Cpu, LoggingBus Bus, byte[] Ram) Load(bool windows)
    {
        var bus = new LoggingBus();
        Program.CopyTo(bus.Memory, 0xF000);
        bus.Memory[0xF100] = 0x11;
        bus.Memory[0xFFF5] = 0x22;
        bus.Memory[0xFFFC] = 0x00;
        bus.Memory[0xFFFD] = 0xF0;
        var cpu = new Cpu6507(bus);
        var ram = new byte[128];
        if (windows)
        {
            cpu.MapRom(bus.Memory[0xF000..], baseOffset: 0, mask: 0x0FFF, limit: 0x0FF0);
            cpu.MapRam(ram, selectMask: 0x1280, selectValue: 0x0080);
        }
        cpu.Reset();
        bus.Log.Clear();
        return (cpu, bus, ram);
    }

    [Fact]
    public void WindowedAccessesSkipTheBusAndGiveTheSameResults()
    {
        var (plain, plainBus, _) = Load(windows: false);
        var (mapped, mappedBus, ram) = Load(windows: true);
        while (!plain.Jammed)
        {
            Assert.Equal(plain.Step(), mapped.Step());
            Assert.Equal((plain.A, plain.X, plain.Y, plain.P, plain.PC, plain.Cycles, plain.LastBusValue),
                         (mapped.A, mapped.X, mapped.Y, mapped.P, mapped.PC, mapped.Cycles, mapped.LastBusValue));
        }
        Assert.True(mapped.Jammed);
        Assert.Equal((0x11, 0x22, 0x5A), (mapped.A, mapped.X, mapped.Y));

        // Only the accesses outside both windows reached the bus, in the same order as without windows.
        var outside = plainBus.Log.Where(e => e.Address is 0xFFF5 or 0x0002).ToList();
        Assert.Equal(outside, mappedBus.Log);
        Assert.Equal([(false, (ushort)0xFFF5, (byte)0x22), (true, (ushort)0x0002, (byte)0x11)], mappedBus.Log);
        Assert.Equal(0x5A, ram[0x00]);
        Assert.Equal(0x11, ram[0x01]);
    }

    [Fact]
    public void RunStopsAtTheInstructionLimitOrAJam()
    {
        var (cpu, _, _) = Load(windows: true);
        Assert.Equal(3, cpu.Run(3));
        Assert.Equal(0xF007, cpu.PC);
        Assert.Equal(5, cpu.Run(100)); // the five instructions up to and including the JAM
        Assert.True(cpu.Jammed);
        Assert.Equal(0, cpu.Run(100));
        Assert.Equal(0, cpu.Step());
    }

    [Fact]
    public void AWindowPastTheImageIsRefused()
    {
        var cpu = new Cpu6507(new LoggingBus());
        Assert.Throws<ArgumentOutOfRangeException>(() => cpu.MapRom(new byte[2048], 0, 0x0FFF, 0x1000));
        Assert.Throws<ArgumentException>(() => cpu.MapRam(new byte[100], 0x1280, 0x0080));
    }
}
