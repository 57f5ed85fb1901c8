using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// Reads the safetensors format: an 8-byte little-endian header length N, N bytes of JSON mapping each tensor
/// name to its dtype, shape and byte range, then the raw little-endian data.
/// </summary>
public sealed class SafeTensors
{
    private SafeTensors(Dictionary<string, Tensor> tensors, Dictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>Tensors by name (float32 for F32/F64, int64 for I64, uint8 for U8/BOOL).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    /// <summary>The "__metadata__" strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor called <paramref name="name"/>, with an error naming the file's tensors if absent.</summary>
    public Tensor this[string name] => Tensors.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"safetensors file has no tensor '{name}' (has: {string.Join(", ", Tensors.Keys)})");

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static SafeTensors Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"{path}: too short for a safetensors file");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"{path}: header length {headerLength} exceeds the file");
        int dataStart = 8 + (int)headerLength;
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        var tensors = new Dictionary<string, Tensor>();
        var metadata = new Dictionary<string, string>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                foreach (var m in entry.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var dtype = entry.Value.GetProperty("dtype").GetString();
            long[] shape = [.. entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())];
            var offsets = entry.Value.GetProperty("data_offsets");
            int begin = dataStart + (int)offsets[0].GetInt64(), end = dataStart + (int)offsets[1].GetInt64();
            if (begin < dataStart || end > bytes.Length || end < begin)
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' has data offsets outside the file");
            var data = bytes.AsSpan(begin, end - begin);
            tensors[entry.Name] = dtype switch
            {
                "F32" => tensor(Decode(data, 4, d => BinaryPrimitives.ReadSingleLittleEndian(d)), shape),
                "F64" => tensor(Decode(data, 8, d => (float)BinaryPrimitives.ReadDoubleLittleEndian(d)), shape),
                "I64" => tensor(Decode(data, 8, BinaryPrimitives.ReadInt64LittleEndian), shape),
                "U8" or "BOOL" => tensor(data.ToArray(), shape),
                _ => throw new InvalidDataException($"{path}: tensor '{entry.Name}' has unsupported dtype {dtype}"),
            };
        }
        return new SafeTensors(tensors, metadata);
    }

    private delegate T Reader<T>(ReadOnlySpan<byte> bytes);

    private static T[] Decode<T>(ReadOnlySpan<byte> data, int size, Reader<T> read)
    {
        var values = new T[data.Length / size];
        for (int i = 0; i < values.Length; i++) values[i] = read(data.Slice(i * size, size));
        return values;
    }
}
