using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Tests.Atari;

public class CartridgeTests
{
    /// <summary>An image of <paramref name="banks"/> banks of <paramref name="bankSize"/> bytes, each filled with its bank number.</summary>
    private static byte[] Image(int banks, int bankSize)
    {
        var rom = new byte[banks * bankSize];
        for (int i = 0; i < rom.Length; i++) rom[i] = (byte)(i / bankSize);
        return rom;
    }

    private static T RoundTrip<T>(T cart, byte[] rom, string type) where T : Cartridge
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) cart.Save(w);
        var copy = (T)Cartridge.Create(rom, type);
        ms.Position = 0;
        using (var r = new BinaryReader(ms)) copy.Load(r);
        return copy;
    }

    [Fact]
    public void TwoK_MirrorsIntoFourK()
    {
        var rom = new byte[2048];
        for (int i = 0; i < rom.Length; i++) rom[i] = (byte)(i * 7 + 3);
        var cart = Cartridge.Create(rom, "2K");
        Assert.IsType<Cartridge2K>(cart);
        Assert.Equal("2K", cart.Type);
        for (int off = 0; off < 2048; off += 37)
        {
            Assert.Equal(rom[off], cart.Read((ushort)(0x1000 + off)));
            Assert.Equal(rom[off], cart.Read((ushort)(0x1800 + off)));
            Assert.Equal(rom[off], cart.Read((ushort)(0xF800 + off)));
        }
        cart.Write(0x1000, 0xAA);
        Assert.Equal(rom[0], cart.Read(0x1000));
        Assert.Equal(0, cart.Bank);
    }

    [Fact]
    public void FourK_MapsWholeWindow()
    {
        var rom = new byte[4096];
        for (int i = 0; i < rom.Length; i++) rom[i] = (byte)(i ^ (i >> 8));
        var cart = Cartridge.Create(rom, "4k");
        Assert.IsType<Cartridge4K>(cart);
        Assert.Equal(rom[0x123], cart.Read(0x1123));
        Assert.Equal(rom[0xFFC], cart.Read(0xFFFC));
        Assert.Equal(rom[0xFF9], cart.Read(0x1FF9)); // no hotspots
        Assert.Equal(rom[0x800], cart.Read(0x3800));
    }

    [Fact]
    public void F8_ResetsToBank1_AndHotspotsSwitchOnReadAndWrite()
    {
        byte[] rom = Image(2, 4096);
        var cart = Cartridge.Create(rom, "F8");
        Assert.Equal(1, cart.Bank);
        Assert.Equal(1, cart.Read(0x1000));
        Assert.Equal(0, cart.Read(0x1FF8)); // hotspot read returns the new bank's byte
        Assert.Equal(0, cart.Bank);
        Assert.Equal(0, cart.Read(0xF000));
        Assert.Equal(1, cart.Read(0xFFF9));
        Assert.Equal(1, cart.Bank);
        cart.Write(0x1FF8, 0x00);
        Assert.Equal(0, cart.Bank);
        Assert.Equal(0, cart.Read(0x1FFA)); // other addresses do not switch
        Assert.Equal(0, cart.Read(0x1FF7));
        cart.Write(0x3FF9, 0x00); // mirrors above 8K switch too: only the low 12 bits count
        Assert.Equal(1, cart.Bank);
        cart.Write(0x1FF8, 0);
        Assert.Equal(0, RoundTrip((CartridgeF8)cart, rom, "F8").Bank);
        cart.Reset();
        Assert.Equal(1, cart.Bank);
    }

    [Fact]
    public void F6_ResetsToBank0_AndFourHotspots()
    {
        byte[] rom = Image(4, 4096);
        var cart = Cartridge.Create(rom, "F6");
        Assert.Equal(0, cart.Bank);
        Assert.Equal(0, cart.Read(0x1234));
        for (int b = 0; b < 4; b++)
        {
            Assert.Equal(b, cart.Read((ushort)(0x1FF6 + b)));
            Assert.Equal(b, cart.Bank);
            Assert.Equal(b, cart.Read(0x1000));
        }
        cart.Write(0x1FF7, 0);
        Assert.Equal(1, cart.Bank);
        Assert.Equal(1, cart.Read(0x1FF5));
        Assert.Equal(1, cart.Read(0x1FFA));
        Assert.Equal(1, cart.Bank);
        cart.Write(0x1FF8, 0);
        Assert.Equal(2, RoundTrip((CartridgeF6)cart, rom, "F6").Bank);
        cart.Reset();
        Assert.Equal(0, cart.Bank);
    }

    [Fact]
    public void E0_SlicesSwitchPerWindow_LastWindowFixed()
    {
        byte[] rom = Image(8, 1024);
        var cart = (CartridgeE0)Cartridge.Create(rom, "E0");
        Assert.Equal(4, cart.Read(0x1000));
        Assert.Equal(5, cart.Read(0x1400));
        Assert.Equal(6, cart.Read(0x1800));
        Assert.Equal(7, cart.Read(0x1C00));
        Assert.Equal(4, cart.Bank);

        Assert.Equal(7, cart.Read(0x1FE2)); // hotspots live in the fixed window
        Assert.Equal(2, cart.Read(0x13FF));
        Assert.Equal(2, cart.Bank);
        cart.Write(0x1FEF, 0);
        Assert.Equal(7, cart.Read(0x1400));
        cart.Read(0x1FF0);
        Assert.Equal(0, cart.Read(0x1BFF));
        cart.Read(0x1FF7);
        Assert.Equal(7, cart.Read(0x1800));
        Assert.Equal(7, cart.Read(0x1FF8)); // not a hotspot
        Assert.Equal(7, cart.Read(0x1800));
        Assert.Equal(2, cart.Read(0x1000));
        Assert.Equal([2, 7, 7, 7], Enumerable.Range(0, 4).Select(cart.Slice).ToArray());

        var copy = RoundTrip(cart, rom, "E0");
        Assert.Equal([2, 7, 7, 7], Enumerable.Range(0, 4).Select(copy.Slice).ToArray());
        cart.Reset();
        Assert.Equal([4, 5, 6, 7], Enumerable.Range(0, 4).Select(cart.Slice).ToArray());
    }

    [Fact]
    public void FE_BankComesFromAddressBit13()
    {
        byte[] rom = Image(2, 4096);
        var cart = Cartridge.Create(rom, "FE");
        Assert.Equal(0, cart.Read(0xF000)); // A13 = 1: first 4K
        Assert.Equal(0, cart.Bank);
        Assert.Equal(1, cart.Read(0xD000)); // A13 = 0: second 4K
        Assert.Equal(1, cart.Bank);
        Assert.Equal(1, cart.Read(0x1FFC)); // a 13-bit address has A13 = 0
        Assert.Equal(0, cart.Read(0x3FFC));
        Assert.Equal(1, cart.Read(0x9ABC));
        Assert.Equal(0, cart.Read(0xBABC));
        cart.Write(0xD000, 0);
        Assert.Equal(0, cart.Read(0xF123)); // nothing sticks between accesses
        Assert.Equal(1, cart.Read(0xD123));
    }

    [Fact]
    public void FE_ReadsTheRightOffsets()
    {
        var rom = new byte[8192];
        for (int i = 0; i < rom.Length; i++) rom[i] = (byte)(i * 13 + (i >> 9));
        var cart = Cartridge.Create(rom, "FE");
        Assert.Equal(rom[0x0ABC], cart.Read(0xFABC));
        Assert.Equal(rom[0x1ABC], cart.Read(0xDABC));
    }

    [Theory]
    [InlineData("F8", 4096)]
    [InlineData("F6", 8192)]
    [InlineData("2K", 4096)]
    [InlineData("4K", 2048)]
    [InlineData("E0", 16384)]
    [InlineData("FE", 4096)]
    public void Create_RejectsWrongSize_NamingTypeAndSize(string type, int size)
    {
        var ex = Assert.Throws<ArgumentException>(() => Cartridge.Create(new byte[size], type));
        Assert.Contains(type, ex.Message);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void Create_RejectsUnknownType()
    {
        var ex = Assert.Throws<ArgumentException>(() => Cartridge.Create(new byte[8192], "DPC"));
        Assert.Contains("DPC", ex.Message);
        Assert.Contains("8192", ex.Message);
    }

    [Fact]
    public void Load_RejectsOutOfRangeBank()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) w.Write(2);
        ms.Position = 0;
        var cart = Cartridge.Create(new byte[8192], "F8");
        using var r = new BinaryReader(ms);
        Assert.Throws<InvalidDataException>(() => cart.Load(r));
    }
}
