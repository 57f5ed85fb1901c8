using Rims.Agents.Video;

namespace Rims.Agents.Tests.Video;

public class GifWriterTests
{
    /// <summary>A straightforward GIF LZW decoder, independent of the encoder, to check round trips.</summary>
    private static byte[] Decode(IReadOnlyList<byte> data, int pixels)
    {
        var output = new List<byte>(pixels);
        var table = new List<byte[]>();
        void ResetTable()
        {
            table.Clear();
            for (int i = 0; i < 256; i++) table.Add([(byte)i]);
            table.Add([]);
            table.Add([]);
        }
        ResetTable();
        int codeSize = 9, bitPosition = 0;
        byte[]? previous = null;
        while (true)
        {
            int code = 0;
            for (int b = 0; b < codeSize; b++, bitPosition++)
                code |= (data[bitPosition >> 3] >> (bitPosition & 7) & 1) << b;
            if (code == 256) { ResetTable(); codeSize = 9; previous = null; continue; }
            if (code == 257) break;
            byte[] entry = code < table.Count ? table[code] : [.. previous!, previous![0]];
            output.AddRange(entry);
            if (previous is not null && table.Count < 4096)
            {
                table.Add([.. previous, entry[0]]);
                if (table.Count == 1 << codeSize && codeSize < 12) codeSize++;
            }
            previous = entry;
        }
        return [.. output];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50_000)]
    public void LzwRoundTrips(int length)
    {
        var random = new Random(length);
        // Low-entropy data grows the table past 4096 codes and forces clear codes.
        var indices = Enumerable.Range(0, length).Select(i => (byte)(random.Next(4) == 0 ? random.Next(256) : i / 7 % 5)).ToArray();
        var compressed = GifWriter.Lzw.Compress(indices);
        Assert.Equal(indices, Decode(compressed, length));
    }

    [Fact]
    public void WritesAWellFormedAnimation()
    {
        var gif = new GifWriter(4, 2);
        var red = Enumerable.Repeat(new byte[] { 255, 0, 0 }, 8).SelectMany(x => x).ToArray();
        var blue = Enumerable.Repeat(new byte[] { 0, 0, 255 }, 8).SelectMany(x => x).ToArray();
        gif.AddFrame(red);
        gif.AddFrame(blue);
        using var stream = new MemoryStream();
        gif.Save(stream);
        var bytes = stream.ToArray();
        Assert.Equal("GIF89a"u8.ToArray(), bytes[..6]);
        Assert.Equal(4, BitConverter.ToUInt16(bytes, 6));
        Assert.Equal(2, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal(new byte[] { 255, 0, 0, 0, 0, 255 }, bytes[13..19]);   // palette: red, then blue
        Assert.Equal(0x3B, bytes[^1]);
        Assert.Equal(2, bytes.Count(b => b == 0x2C) >= 2 ? 2 : 0);
    }
}
