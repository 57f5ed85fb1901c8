namespace Rims.Envs;

/// <summary>One named part of an observation, e.g. the 7x7x3 grid image or the mission vector.</summary>
/// <param name="Name">Identifier the policy's encoder looks parts up by ("image", "mission", "frames").</param>
/// <param name="Shape">Row-major shape of the part, e.g. [4, 84, 84] or [7, 7, 3].</param>
public sealed record ObservationPart(string Name, int[] Shape)
{
    /// <summary>Number of bytes of this part.</summary>
    public int Size => Shape.Aggregate(1, (a, b) => a * b);

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{string.Join('x', Shape)}]";
}

/// <summary>
/// The fixed layout of an environment's observation. Every observation is uint8 and the parts lie back to
/// back in one buffer, so a vectorised env can hand the policy one contiguous [N, Size] byte batch.
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

    /// <summary>Element type of every part; observations are always bytes.</summary>
    public Type DType => typeof(byte);

    /// <summary>Index of the part called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Parts.Count; i++) if (Parts[i].Name == name) return i;
        return -1;
    }

    /// <summary>
    /// True when <paramref name="other"/> has the same parts (names and shapes) in the same order, so a policy or a
    /// batch built for one reads the other's observations unchanged.
    /// </summary>
    public bool SameLayout(ObservationSpec other) =>
        Parts.Count == other.Parts.Count
        && Parts.Zip(other.Parts).All(pair => pair.First.Name == pair.Second.Name && pair.First.Shape.SequenceEqual(pair.Second.Shape));

    /// <inheritdoc />
    public override string ToString() => string.Join(" + ", Parts) + " uint8";
}
