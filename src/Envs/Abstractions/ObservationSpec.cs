namespace Rims.Envs;

/// <summary>Element type of an <see cref="ObservationPart"/>.</summary>
public enum ObservationDType
{
    /// <summary>Bytes 0-255 (frames, grid indices); encoders read them as value / 255 or as indices.</summary>
    UInt8,

    /// <summary>
    /// IEEE 754 single-precision floats (vector states such as CartPole's), 4 little-endian bytes each in the byte
    /// buffer (write them with <see cref="ObservationSpec.Floats"/>); encoders read them unscaled.
    /// </summary>
    Float32,
}

/// <summary>One named part of an observation, e.g. the 7x7x3 grid image or the mission vector.</summary>
/// <param name="Name">Identifier the policy's encoder looks parts up by ("image", "mission", "frames").</param>
/// <param name="Shape">Row-major shape of the part, e.g. [4, 84, 84] or [7, 7, 3].</param>
/// <param name="DType">Element type (default bytes).</param>
public sealed record ObservationPart(string Name, int[] Shape, ObservationDType DType = ObservationDType.UInt8)
{
    /// <summary>Number of elements of this part (the product of <see cref="Shape"/>).</summary>
    public int Elements => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Number of bytes of this part in the observation buffer: <see cref="Elements"/> x 1 (uint8) or x 4 (float32).</summary>
    public int Size => Elements * (DType == ObservationDType.Float32 ? sizeof(float) : 1);

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{string.Join('x', Shape)}]" + (DType == ObservationDType.Float32 ? " float32" : "");
}

/// <summary>
/// The fixed layout of an environment's observation. The parts lie back to back in one byte buffer (float32 parts as
/// their 4-byte encoding), so a vectorised env can hand the policy one contiguous [N, Size] byte batch.
/// </summary>
public sealed class ObservationSpec
{
    /// <summary>Creates a spec from its parts, laid out in the given order.</summary>
    public ObservationSpec(params ObservationPart[] parts)
    {
        if (parts.Length == 0) throw new ArgumentException("an observation needs at least one part", nameof(parts));
        Parts = parts;
        var offsets = new int[parts.Length];
        int offset = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Shape.Length == 0 || parts[i].Shape.Any(d => d <= 0))
                throw new ArgumentException($"observation part {parts[i]} has a non-positive dimension");
            offsets[i] = offset;
            offset += parts[i].Size;
        }
        Offsets = offsets;
        Size = offset;
    }

    /// <summary>The parts, in buffer order.</summary>
    public IReadOnlyList<ObservationPart> Parts { get; }

    /// <summary>Byte offset of each part inside one observation.</summary>
    public IReadOnlyList<int> Offsets { get; }

    /// <summary>Total bytes of one observation.</summary>
    public int Size { get; }

    /// <summary>Element type of the buffer an observation travels in: always bytes (float32 parts are encoded in it; see <see cref="ObservationPart.DType"/>).</summary>
    public Type DType => typeof(byte);

    /// <summary>True when every part is <see cref="ObservationDType.UInt8"/> (what the frame and grid encoders read).</summary>
    public bool IsBytesOnly => Parts.All(p => p.DType == ObservationDType.UInt8);

    /// <summary>
    /// The float32 part <paramref name="name"/> of <paramref name="observation"/> (one observation's buffer) as floats, for
    /// an env to write its state into: <c>var state = spec.Floats(observation, "state"); state[0] = x;</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No part has that name, or it is not float32.</exception>
    public Span<float> Floats(Span<byte> observation, string name)
    {
        int index = IndexOf(name);
        if (index < 0 || Parts[index].DType != ObservationDType.Float32)
            throw new ArgumentException($"observation {this} has no float32 part '{name}'", nameof(name));
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(observation.Slice(Offsets[index], Parts[index].Size));
    }

    /// <summary>Index of the part called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Parts.Count; i++) if (Parts[i].Name == name) return i;
        return -1;
    }

    /// <summary>
    /// True when <paramref name="other"/> has the same parts (names, shapes and element types) in the same order, so a policy or a
    /// batch built for one reads the other's observations unchanged.
    /// </summary>
    public bool SameLayout(ObservationSpec other) =>
        Parts.Count == other.Parts.Count
        && Parts.Zip(other.Parts).All(pair => pair.First.Name == pair.Second.Name && pair.First.Shape.SequenceEqual(pair.Second.Shape)
                                             && pair.First.DType == pair.Second.DType);

    /// <inheritdoc />
    public override string ToString() => string.Join(" + ", Parts) + (IsBytesOnly ? " uint8" : "");
}
