using Rims.Envs.GridWorld;
using Rims.Envs.MiniGrid;
using Rims.Envs.NumpyRandom;

namespace Rims.Envs.Tests.MiniGrid;

/// <summary>The numpy generator port on its own, against the PCG64 states and layouts recorded by the reference.</summary>
public class NumpyGeneratorTests
{
    public static TheoryData<string> EnvIds => [.. MiniGridTraces.EnvIds];

    [Theory]
    [MemberData(nameof(EnvIds))]
    public void SeedingGivesTheRecordedPcg64StateForEverySeed(string envId)
    {
        foreach (var episode in MiniGridTraces.Of(envId).Episodes)
            Assert.Equal(episode.RngAfterSeeding, new NumpyGenerator(episode.Seed).BitGenerator.State);
    }

    [Fact]
    public void ReseedingInPlaceEqualsANewGenerator()
    {
        var generator = new NumpyGenerator(5);
        generator.Integers(0, 6);
        generator.Seed(77);
        Assert.Equal(new NumpyGenerator(77).BitGenerator.State, generator.BitGenerator.State);
    }

    [Theory]
    [InlineData("MiniGrid-Fetch-5x5-N2-v0")]
    [InlineData("MiniGrid-Fetch-6x6-N2-v0")]
    [InlineData("MiniGrid-Fetch-8x8-N3-v0")]
    public void TheFirstFetchObjectDrawnIsWhereTheRecordedGridHasIt(string envId)
    {
        // Fetch's first draws: type = integers(0, 2), colour = COLOR_NAMES[integers(0, 6)], then x = integers(0, width),
        // y = integers(0, height) until the cell is not a border wall (nothing else can be in the way yet).
        foreach (var episode in MiniGridTraces.Of(envId).Episodes)
        {
            var generator = new NumpyGenerator(episode.Seed);
            var type = generator.Integers(0, 2) == 0 ? ObjectType.Key : ObjectType.Ball;
            var color = MiniGridNames.ColorNames[generator.Integers(0, 6)];
            int x, y;
            do
            {
                x = generator.Integers(0, episode.Width);
                y = generator.Integers(0, episode.Height);
            } while (x == 0 || y == 0 || x == episode.Width - 1 || y == episode.Height - 1);
            int cell = (x * episode.Height + y) * 3;
            Assert.True(episode.Grid[cell] == (byte)type && episode.Grid[cell + 1] == (byte)color,
                $"seed {episode.Seed}: drew a {color} {type} at ({x}, {y}), the grid has ({episode.Grid[cell]}, {episode.Grid[cell + 1]}) there");
        }
    }

    [Fact]
    public void A32BitDrawUsesTheLowHalfOfA64BitOutputAndBuffersTheHighHalf()
    {
        var wide = new NumpyGenerator(3).BitGenerator;
        var narrow = new NumpyGenerator(3).BitGenerator;
        ulong output = wide.NextUInt64();
        Assert.Equal((uint)output, narrow.NextUInt32());
        Assert.Equal(new Pcg64State(wide.State.State, wide.State.Increment, true, (uint)(output >> 32)), narrow.State);
        Assert.Equal((uint)(output >> 32), narrow.NextUInt32());
        // numpy clears only the flag: the used half stays in uinteger (the traces record such states).
        Assert.Equal(new Pcg64State(wide.State.State, wide.State.Increment, false, (uint)(output >> 32)), narrow.State);
    }

    [Fact]
    public void ARangeOfOneValueDrawsNothing()
    {
        var generator = new NumpyGenerator(11);
        var before = generator.BitGenerator.State;
        Assert.Equal(4, generator.Integers(4, 5));
        Assert.Equal(before, generator.BitGenerator.State);
    }

    [Fact]
    public void IntegersIsLemiresMultiplyShiftOnOne32BitDraw()
    {
        for (int seed = 0; seed < 50; seed++)
        {
            var generator = new NumpyGenerator(seed);
            var copy = new Pcg64(generator.BitGenerator.State);
            int value = generator.Integers(-3, 4);
            Assert.Equal(-3 + (int)((ulong)copy.NextUInt32() * 7 >> 32), value);
            Assert.Equal(copy.State, generator.BitGenerator.State);
        }
    }

    [Fact]
    public void ADrawInTheBiasedZoneIsRejectedAndRedrawn()
    {
        // n = 2^31 + 1: a 32-bit draw u is rejected when (u * n) mod 2^32 < (2^32 - n) mod n = 2^31 - 1, which for even u
        // means u < 2^31 - 1. Find a seed whose first draw is such a u; integers must then use the second draw.
        const long n = (1L << 31) + 1;
        const int low = int.MinValue;
        const int high = (int)(low + n);
        for (int seed = 0; ; seed++)
        {
            var probe = new NumpyGenerator(seed).BitGenerator;
            uint first = probe.NextUInt32();
            if ((uint)((ulong)first * n) >= int.MaxValue) continue;
            uint second = probe.NextUInt32();
            if ((uint)((ulong)second * n) < int.MaxValue) continue;
            var generator = new NumpyGenerator(seed);
            Assert.Equal(low + (long)((ulong)second * n >> 32), generator.Integers(low, high));
            Assert.Equal(probe.State, generator.BitGenerator.State);
            return;
        }
    }

    [Fact]
    public void AnEmptyRangeIsRejectedAsNumpyDoes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyGenerator(0).Integers(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeedSequence(-1));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void ASavedGeneratorRestoredIntoAnotherDrawsTheSame(int drawsBefore)
    {
        // An odd number of 32-bit draws leaves the high half of a 64-bit output buffered: it must survive the round trip.
        var generator = new NumpyGenerator(21);
        for (int i = 0; i < drawsBefore; i++) generator.BitGenerator.NextUInt32();
        Assert.Equal(drawsBefore % 2 == 1, generator.BitGenerator.State.HasUInt32);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) generator.BitGenerator.Save(writer);
        Assert.Equal(2 * 16 + 1 + 4, stream.Length);
        stream.Position = 0;
        var restored = new NumpyGenerator(99);
        restored.Integers(0, 7);
        restored.BitGenerator.Load(new BinaryReader(stream));
        Assert.Equal(generator.BitGenerator.State, restored.BitGenerator.State);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => generator.Integers(0, 3 + i)), Enumerable.Range(0, 1000).Select(i => restored.Integers(0, 3 + i)));
    }

    [Fact]
    public void ASavedStateWithAnEvenIncrementIsRefused()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) new NumpyGenerator(1).BitGenerator.Save(writer);
        var bytes = stream.ToArray();
        bytes[16 + 8] ^= 1;   // the low byte of the increment's low half
        Assert.Throws<InvalidDataException>(() => new NumpyGenerator(1).BitGenerator.Load(new BinaryReader(new MemoryStream(bytes))));
    }

    [Fact]
    public void AnEvenIncrementIsNotAPcg64State()
    {
        Assert.Throws<ArgumentException>(() => new Pcg64(new Pcg64State(1, 2, false, 0)));
    }
}
