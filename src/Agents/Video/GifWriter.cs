namespace Rims.Agents.Video;

/// <summary>
/// A minimal animated-GIF (GIF89a) encoder: one global palette of up to 256 colours, LZW-compressed frames,
/// looping forever. Enough for episode videos without an imaging dependency.
/// </summary>
public sealed class GifWriter
{
    private readonly List<byte[]> frames = [];
    private readonly Dictionary<int, byte> paletteIndex = [];
    private readonly List<int> palette = [];

    /// <summary>Creates a writer for frames of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public GifWriter(int width, int height, int delayHundredths = 10)
    {
        if (width <= 0 || height <= 0 || width > 65535 || height > 65535)
            throw new ArgumentOutOfRangeException(nameof(width), $"GIF frames must be 1..65535 pixels wide and high (got {width}x{height})");
        Width = width;
        Height = height;
        DelayHundredths = delayHundredths;
    }

    /// <summary>Frame width.</summary>
    public int Width { get; }

    /// <summary>Frame height.</summary>
    public int Height { get; }

    /// <summary>Delay between frames in 1/100 s.</summary>
    public int DelayHundredths { get; }

    /// <summary>
    /// Adds an RGB frame (Height x Width x 3). Colours join the global palette; past 256 distinct colours they
    /// are mapped to the nearest palette entry.
    /// </summary>
    public void AddFrame(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != Width * Height * 3) throw new ArgumentException($"frame has {rgb.Length} bytes, expected {Width * Height * 3}");
        var indices = new byte[Width * Height];
        for (int i = 0; i < indices.Length; i++)
            indices[i] = IndexOf(rgb[3 * i] << 16 | rgb[3 * i + 1] << 8 | rgb[3 * i + 2]);
        frames.Add(indices);
    }

    private byte IndexOf(int colour)
    {
        if (paletteIndex.TryGetValue(colour, out var index)) return index;
        if (palette.Count < 256)
        {
            index = (byte)palette.Count;
            palette.Add(colour);
        }
        else
        {
            int best = 0, bestDistance = int.MaxValue;
            for (int i = 0; i < palette.Count; i++)
            {
                int dr = (palette[i] >> 16) - (colour >> 16), dg = (palette[i] >> 8 & 255) - (colour >> 8 & 255), db = (palette[i] & 255) - (colour & 255);
                int distance = dr * dr + dg * dg + db * db;
                if (distance < bestDistance) (best, bestDistance) = (i, distance);
            }
            index = (byte)best;
        }
        paletteIndex[colour] = index;
        return index;
    }

    /// <summary>Writes the animation to <paramref name="stream"/>.</summary>
    public void Save(Stream stream)
    {
        if (frames.Count == 0) throw new InvalidOperationException("a GIF needs at least one frame");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true);
        writer.Write("GIF89a"u8);
        writer.Write((ushort)Width);
        writer.Write((ushort)Height);
        writer.Write((byte)0xF7);            // global colour table of 2^(7+1) = 256 entries, 8 bits per primary
        writer.Write((byte)0);               // background colour index
        writer.Write((byte)0);               // no aspect ratio
        for (int i = 0; i < 256; i++)
        {
            int colour = i < palette.Count ? palette[i] : 0;
            writer.Write((byte)(colour >> 16));
            writer.Write((byte)(colour >> 8));
            writer.Write((byte)colour);
        }
        // NETSCAPE2.0 application extension: loop forever.
        writer.Write([0x21, 0xFF, 0x0B]);
        writer.Write("NETSCAPE2.0"u8);
        writer.Write([0x03, 0x01, 0x00, 0x00, 0x00]);
        foreach (var frame in frames)
        {
            writer.Write([0x21, 0xF9, 0x04, 0x00]);   // graphic control: no transparency, no disposal
            writer.Write((ushort)DelayHundredths);
            writer.Write([0x00, 0x00]);
            writer.Write((byte)0x2C);                // image descriptor: full frame, no local palette
            writer.Write((ushort)0);
            writer.Write((ushort)0);
            writer.Write((ushort)Width);
            writer.Write((ushort)Height);
            writer.Write((byte)0);
            writer.Write((byte)8);                   // LZW minimum code size
            var compressed = Lzw.Compress(frame);
            for (int offset = 0; offset < compressed.Count; offset += 255)
            {
                int length = Math.Min(255, compressed.Count - offset);
                writer.Write((byte)length);
                for (int i = 0; i < length; i++) writer.Write(compressed[offset + i]);
            }
            writer.Write((byte)0);
        }
        writer.Write((byte)0x3B);
    }

    /// <summary>GIF's variable-width LZW over 8-bit indices (no early change, clear at 4096 codes).</summary>
    internal static class Lzw
    {
        private const int ClearCode = 256, EndCode = 257, MaxCodes = 4096;

        public static List<byte> Compress(ReadOnlySpan<byte> indices)
        {
            var output = new List<byte>(indices.Length / 2);
            var table = new Dictionary<int, int>();
            int bitBuffer = 0, bitCount = 0, codeSize = 9, nextCode = EndCode + 1;

            void Emit(int code)
            {
                bitBuffer |= code << bitCount;
                bitCount += codeSize;
                while (bitCount >= 8)
                {
                    output.Add((byte)bitBuffer);
                    bitBuffer >>= 8;
                    bitCount -= 8;
                }
            }

            Emit(ClearCode);
            int prefix = indices[0];
            for (int i = 1; i < indices.Length; i++)
            {
                int key = prefix << 8 | indices[i];
                if (table.TryGetValue(key, out int code))
                {
                    prefix = code;
                    continue;
                }
                Emit(prefix);
                if (nextCode < MaxCodes)
                {
                    // The decoder widens its codes once the code it is about to assign needs the extra bit.
                    if (nextCode == 1 << codeSize) codeSize++;
                    table[key] = nextCode++;
                }
                else
                {
                    Emit(ClearCode);
                    table.Clear();
                    codeSize = 9;
                    nextCode = EndCode + 1;
                }
                prefix = indices[i];
            }
            Emit(prefix);
            Emit(EndCode);
            if (bitCount > 0) output.Add((byte)bitBuffer);
            return output;
        }
    }
}
