using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Tests.Atari;

public class RiotTests
{
    private const ushort Swcha = 0x280, Swacnt = 0x281, Swchb = 0x282, Swbcnt = 0x283;
    private const ushort Intim = 0x284, Timint = 0x285, Instat = 0x287;
    private const ushort Tim1T = 0x294, Tim8T = 0x295, Tim64T = 0x296, T1024T = 0x297;

    private sealed class NullBus : IBus
    {
        public byte Read(ushort address) => 0;
        public void Write(ushort address, byte value) { }
    }

    private static (Riot Riot, Cpu6507 Cpu) Make()
    {
        var cpu = new Cpu6507(new NullBus());
        return (new Riot(cpu), cpu);
    }

    private static byte ReadAt(Riot riot, Cpu6507 cpu, long cycle, ushort address)
    {
        cpu.Cycles = cycle;
        return riot.Read(address);
    }

    private static void WriteAt(Riot riot, Cpu6507 cpu, long cycle, ushort address, byte value)
    {
        cpu.Cycles = cycle;
        riot.Write(address, value);
    }

    [Fact]
    public void Ram_IsIndexedByLowSevenBits_AcrossMirrors()
    {
        var (riot, _) = Make();
        riot.Write(0x0080, 0x11);
        Assert.Equal(0x11, riot.Ram[0]);
        Assert.Equal(0x11, riot.Read(0x0180)); // stack page mirror
        riot.Write(0x01FF, 0x22);
        Assert.Equal(0x22, riot.Ram[0x7F]);
        Assert.Equal(0x22, riot.Read(0x00FF));
        riot.Write(0x0CC5, 0x33); // A12 = 0, A9 = 0, A7 = 1 with high junk bits
        Assert.Equal(0x33, riot.Ram[0x45]);
        Assert.Equal(0x33, riot.Read(0x00C5));
        riot.Ram[5] = 0x44;
        Assert.Equal(0x44, riot.Read(0x0085));
    }

    [Fact]
    public void Timer64_CountsFromTheWriteCycle()
    {
        var (riot, cpu) = Make();
        const long c = 1000;
        WriteAt(riot, cpu, c, Tim64T, 10);
        Assert.Equal(9, ReadAt(riot, cpu, c + 1, Intim));
        Assert.Equal(9, ReadAt(riot, cpu, c + 64, Intim));
        Assert.Equal(8, ReadAt(riot, cpu, c + 65, Intim));
        Assert.Equal(8, ReadAt(riot, cpu, c + 128, Intim));
        Assert.Equal(7, ReadAt(riot, cpu, c + 129, Intim));
        Assert.Equal(0, ReadAt(riot, cpu, c + 640, Intim));
        Assert.Equal(0x00, ReadAt(riot, cpu, c + 640, Timint));
        // Expired: one cycle reads $FF without touching the flag.
        Assert.Equal(0xFF, ReadAt(riot, cpu, c + 641, Intim));
        Assert.Equal(0x80, ReadAt(riot, cpu, c + 641, Timint));
        Assert.Equal(0x80, ReadAt(riot, cpu, c + 641, Instat));
    }

    [Theory]
    [InlineData(Tim1T, 0)]
    [InlineData(Tim8T, 3)]
    [InlineData(Tim64T, 6)]
    [InlineData(T1024T, 10)]
    public void EveryPrescale_DecrementsOncePerInterval(ushort register, int shift)
    {
        var (riot, cpu) = Make();
        const long c = 5000;
        long interval = 1L << shift;
        WriteAt(riot, cpu, c, register, 3);
        Assert.Equal(2, ReadAt(riot, cpu, c + 1, Intim));
        Assert.Equal(2, ReadAt(riot, cpu, c + interval, Intim));
        Assert.Equal(1, ReadAt(riot, cpu, c + interval + 1, Intim));
        Assert.Equal(0, ReadAt(riot, cpu, c + 3 * interval, Intim));
        Assert.Equal(0x80, ReadAt(riot, cpu, c + 3 * interval + 1, Timint));
        Assert.Equal(0xFF, ReadAt(riot, cpu, c + 3 * interval + 1, Intim));
    }

    [Fact]
    public void Timer_AddressDecode_UsesMask17()
    {
        var (riot, cpu) = Make();
        WriteAt(riot, cpu, 100, 0x29E, 5); // $29E & $17 = $16: TIM64T mirror
        Assert.Equal(4, ReadAt(riot, cpu, 101, Intim));
        Assert.Equal(4, ReadAt(riot, cpu, 101, 0x286)); // INTIM mirror (A0..A2 = 6)
        Assert.Equal(3, ReadAt(riot, cpu, 165, 0x29C));
        WriteAt(riot, cpu, 200, 0x286, 9); // A4 = 0: edge-detect control, ignored
        Assert.Equal(3, ReadAt(riot, cpu, 201, Intim)); // 100 cycles after the real write: d = 100, 100 >> 6 = 1
    }

    [Fact]
    public void ReadAfterExpiry_SetsFlagAndFreezesOffset()
    {
        var (riot, cpu) = Make();
        const long c = 1000;
        WriteAt(riot, cpu, c, Tim64T, 10);
        // Expiry point: t0 + (T << s) = c + 640. First read two cycles past it (d = 641): offset r - (c + 640) = 2.
        Assert.Equal(0xFE, ReadAt(riot, cpu, c + 642, Intim));
        Assert.Equal(0x00, ReadAt(riot, cpu, c + 642, Timint));
        // From then on it keeps counting at the prescaled rate, not once per cycle.
        Assert.Equal(0xFE, ReadAt(riot, cpu, c + 643, Intim));
        Assert.Equal(0xFE, ReadAt(riot, cpu, c + 704, Intim));
        Assert.Equal(0xFD, ReadAt(riot, cpu, c + 705, Intim));
        Assert.Equal(0xFC, ReadAt(riot, cpu, c + 769, Intim));
        Assert.Equal(0x00, ReadAt(riot, cpu, c + 769, Timint));
    }

    [Fact]
    public void ReadAfterExpiry_OffsetIsTheFirstLateReadsDistance()
    {
        var (riot, cpu) = Make();
        const long c = 1000;
        WriteAt(riot, cpu, c, Tim64T, 10);
        Assert.Equal(0x80, ReadAt(riot, cpu, c + 650, Timint)); // TIMINT reads do not set the flag
        Assert.Equal(0x80, ReadAt(riot, cpu, c + 660, Instat));
        // First INTIM read at d = 699: offset = 60, value = 10 - 10 - 60 = -60.
        Assert.Equal(unchecked((byte)-60), ReadAt(riot, cpu, c + 700, Intim));
        Assert.Equal(unchecked((byte)-60), ReadAt(riot, cpu, c + 704, Intim));
        Assert.Equal(unchecked((byte)-61), ReadAt(riot, cpu, c + 705, Intim));
        Assert.Equal(0x00, ReadAt(riot, cpu, c + 705, Timint));

        // A new write clears the flag.
        WriteAt(riot, cpu, c + 800, Tim1T, 2);
        Assert.Equal(1, ReadAt(riot, cpu, c + 801, Intim));
        Assert.Equal(0x00, ReadAt(riot, cpu, c + 802, Timint));
        Assert.Equal(0xFF, ReadAt(riot, cpu, c + 803, Intim));
        Assert.Equal(0x80, ReadAt(riot, cpu, c + 803, Timint));
        Assert.Equal(unchecked((byte)-3), ReadAt(riot, cpu, c + 804, Intim)); // d = 3, offset 2: 2 - 3 - 2
    }

    [Fact]
    public void Reset_DrawsTimerFromRng_AndClearsDdr()
    {
        var (riot, cpu) = Make();
        var rng = new Mt19937(4753849);
        var reference = new Mt19937(4753849);
        WriteAt(riot, cpu, 10, Swacnt, 0xF0);
        riot.Ram[3] = 0x5A;
        riot.Reset(rng);
        uint t = 25 + reference.Next() % 75;
        Assert.Equal(reference.Next(), rng.Next()); // exactly one draw used
        Assert.Equal(0, ReadAt(riot, cpu, 1, Swacnt));
        Assert.Equal(0, ReadAt(riot, cpu, 1, Swbcnt));
        Assert.Equal(0x5A, riot.Ram[3]); // RAM untouched
        Assert.Equal((byte)(t - 1), ReadAt(riot, cpu, 1, Intim));
        Assert.Equal((byte)(t - 2), ReadAt(riot, cpu, 65, Intim));
    }

    [Fact]
    public void PowerOn_FillsRamWithLowBytes_ThenDrawsTheTimer()
    {
        var (riot, cpu) = Make();
        var rng = new Mt19937(4753849);
        var reference = new Mt19937(4753849);
        riot.PowerOn(rng);
        for (int i = 0; i < 128; i++) Assert.Equal((byte)reference.Next(), riot.Ram[i]);
        uint t = 25 + reference.Next() % 75;
        Assert.Equal((byte)(t - 1), ReadAt(riot, cpu, 1, Intim));
        Assert.Equal(reference.Next(), rng.Next()); // 129 draws used
    }

    [Fact]
    public void OnCyclesReset_KeepsTimerReadsContinuous()
    {
        var (riot, cpu) = Make();
        WriteAt(riot, cpu, 19000, Tim64T, 40);
        byte before = ReadAt(riot, cpu, 19912, Intim);
        riot.OnCyclesReset(19900);
        Assert.Equal(before, ReadAt(riot, cpu, 12, Intim));
        Assert.Equal(before - 1, ReadAt(riot, cpu, 12 + 64, Intim));

        // Also across the after-expiry state: the remembered read cycle moves too.
        WriteAt(riot, cpu, 100, Tim8T, 2); // expiry point 116
        Assert.Equal(unchecked((byte)-4), ReadAt(riot, cpu, 120, Intim)); // d = 19 >> 3 = 2; offset 4
        riot.OnCyclesReset(110);
        Assert.Equal(unchecked((byte)-4), ReadAt(riot, cpu, 12, Intim));
        Assert.Equal(unchecked((byte)-5), ReadAt(riot, cpu, 15, Intim)); // d = 24 >> 3 = 3
        Assert.Equal(0x00, ReadAt(riot, cpu, 15, Timint));
    }

    [Fact]
    public void Swcha_ReturnsJoystickBits_IgnoringDdraAndWrites()
    {
        var (riot, cpu) = Make();
        Assert.Equal(0xFF, riot.Read(Swcha));
        riot.JoystickBits = 0x7F; // P0 right pressed
        Assert.Equal(0x7F, riot.Read(Swcha));
        WriteAt(riot, cpu, 10, Swacnt, 0xF0);
        Assert.Equal(0xF0, riot.Read(Swacnt));
        Assert.Equal(0xF0, riot.Ddra);
        riot.Write(Swcha, 0x00);
        Assert.Equal(0x7F, riot.Read(Swcha)); // ALE's core reads SWCHA from the controllers only
    }

    [Fact]
    public void Swchb_ReturnsSwitchBits_AndIgnoresWrites()
    {
        var (riot, _) = Make();
        Assert.Equal(0x3F, riot.Read(Swchb));
        riot.SwitchBits = 0x3E;
        Assert.Equal(0x3E, riot.Read(Swchb));
        riot.Write(Swchb, 0x00);
        riot.Write(Swbcnt, 0xFF);
        Assert.Equal(0x3E, riot.Read(Swchb));
        Assert.Equal(0x00, riot.Read(Swbcnt));
    }

    [Fact]
    public void SaveLoad_RoundTripsTimerState()
    {
        var (riot, cpu) = Make();
        riot.PowerOn(new Mt19937(7));
        WriteAt(riot, cpu, 300, Tim8T, 4);
        ReadAt(riot, cpu, 400, Intim); // sets the after-expiry flag
        riot.JoystickBits = 0xEF;
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) riot.Save(w);

        var (copy, cpu2) = Make();
        ms.Position = 0;
        using (var r = new BinaryReader(ms)) copy.Load(r);
        Assert.Equal(riot.Ram, copy.Ram);
        Assert.Equal(0xEF, copy.Read(Swcha));
        for (long c = 400; c < 600; c += 7)
        {
            Assert.Equal(ReadAt(riot, cpu, c, Intim), ReadAt(copy, cpu2, c, Intim));
            Assert.Equal(ReadAt(riot, cpu, c, Timint), ReadAt(copy, cpu2, c, Timint));
        }
    }
}
