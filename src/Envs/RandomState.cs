using System.Reflection;

namespace Rims.Envs;

/// <summary>
/// Saves and restores the stream position of a seeded <see cref="Random"/> (new Random(seed)), which has no
/// public state API. The seeded generator is Knuth's subtractive generator: 56 ints of state plus two indices,
/// read and written here through the runtime's private fields. The layout is checked on every use, so a runtime
/// that changes it fails loudly instead of resuming a different stream.
/// </summary>
internal static class RandomState
{
    private const int StateLength = 56;
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private static readonly FieldInfo? Implementation = typeof(Random).GetField("_impl", Private);

    /// <summary>Writes the generator's position.</summary>
    /// <exception cref="NotSupportedException">The generator is not a seeded System.Random of the known layout.</exception>
    public static void Save(Random random, BinaryWriter writer)
    {
        var (_, _, prng) = Parts(random);
        var seeds = (int[])Field(prng, "_seedArray").GetValue(prng)!;
        writer.Write(seeds.Length);
        foreach (int seed in seeds) writer.Write(seed);
        writer.Write((int)Field(prng, "_inext").GetValue(prng)!);
        writer.Write((int)Field(prng, "_inextp").GetValue(prng)!);
    }

    /// <summary>A seeded generator positioned where the saved one was.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a saved generator.</exception>
    public static Random Load(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length != StateLength) throw new InvalidDataException($"a saved random stream has {StateLength} state words, this one {length}");
        var seeds = new int[length];
        for (int i = 0; i < length; i++) seeds[i] = reader.ReadInt32();
        int next = reader.ReadInt32(), nextP = reader.ReadInt32();
        var random = new Random(0);
        var (impl, prngField, prng) = Parts(random);
        // CompatPrng is a struct: set the fields on the boxed copy, then store the copy back.
        Field(prng, "_seedArray").SetValue(prng, seeds);
        Field(prng, "_inext").SetValue(prng, next);
        Field(prng, "_inextp").SetValue(prng, nextP);
        prngField.SetValue(impl, prng);
        return random;
    }

    private static (object Impl, FieldInfo PrngField, object Prng) Parts(Random random)
    {
        var impl = Implementation?.GetValue(random);
        var prngField = impl?.GetType().GetField("_prng", Private);
        var prng = prngField?.GetValue(impl);
        if (impl is null || prngField is null || prng is null || Field(prng, "_seedArray").GetValue(prng) is not int[] { Length: StateLength })
            throw new NotSupportedException(
                $"cannot save this Random ({impl?.GetType().Name ?? "unknown implementation"}): only new Random(seed) on a runtime with the known layout can be snapshotted");
        return (impl, prngField, prng);
    }

    private static FieldInfo Field(object prng, string name) =>
        prng.GetType().GetField(name, Private)
        ?? throw new NotSupportedException($"this runtime's seeded Random has no {name} field; random streams cannot be snapshotted");
}
