namespace Rims.Envs.NumpyRandom;

/// <summary>
/// numpy's PCG64 bit generator: PCG-XSL-RR 128/64 (M. O'Neill, "PCG: A Family of Simple Fast Space-Efficient
/// Statistically Good Algorithms for Random Number Generation", 2014, §6.3). A 128-bit LCG is stepped before every
/// output, and the output is the XOR of the state's halves rotated right by the state's top 6 bits. 32-bit draws
/// use the low half of a 64-bit output and keep the high half for the next 32-bit draw, as numpy does.
/// </summary>
public sealed class Pcg64
{
    /// <summary>The LCG multiplier (PCG's default 128-bit multiplier, also numpy's).</summary>
    public static readonly UInt128 Multiplier = new(0x2360ED051FC65DA4, 0x4385DF649FCCF645);

    private UInt128 state;
    private UInt128 increment;
    private bool hasUInt32;
    private uint uinteger;

    /// <summary>Seeds from <paramref name="seed"/> as <c>PCG64(SeedSequence(seed))</c> does.</summary>
    public Pcg64(SeedSequence seed) => Seed(seed);

    /// <summary>Restores a recorded state.</summary>
    public Pcg64(Pcg64State recorded) => State = recorded;

    /// <summary>
    /// Re-seeds: four 64-bit words from the seed sequence give the initial state (words 0, 1 as high, low) and the
    /// stream (words 2, 3); then PCG's srandom: state = 0, inc = stream * 2 + 1, step, state += initial, step.
    /// </summary>
    public void Seed(SeedSequence seed)
    {
        Span<ulong> words = stackalloc ulong[4];
        seed.GenerateState(words);
        var initialState = new UInt128(words[0], words[1]);
        var stream = new UInt128(words[2], words[3]);
        state = 0;
        increment = (stream << 1) | 1;
        Step();
        state += initialState;
        Step();
        hasUInt32 = false;
        uinteger = 0;
    }

    /// <summary>The full state, including the buffered 32-bit half.</summary>
    public Pcg64State State
    {
        get => new(state, increment, hasUInt32, uinteger);
        set
        {
            if ((value.Increment & 1) == 0) throw new ArgumentException($"a PCG64 increment is odd (got 0x{value.Increment:x32})");
            (state, increment, hasUInt32, uinteger) = (value.State, value.Increment, value.HasUInt32, value.UInteger);
        }
    }

    /// <summary>
    /// Writes the full state (<see cref="State"/>): the LCG state and increment, each as its high then low 64 bits, the
    /// buffered-half flag and the buffered 32-bit value.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write((ulong)(state >> 64));
        writer.Write((ulong)state);
        writer.Write((ulong)(increment >> 64));
        writer.Write((ulong)increment);
        writer.Write(hasUInt32);
        writer.Write(uinteger);
    }

    /// <summary>Restores a state written by <see cref="Save"/>, so the next draws are the saved generator's.</summary>
    /// <exception cref="InvalidDataException">The saved increment is even, which no PCG64 state has.</exception>
    public void Load(BinaryReader reader)
    {
        var lcgState = new UInt128(reader.ReadUInt64(), reader.ReadUInt64());
        var lcgIncrement = new UInt128(reader.ReadUInt64(), reader.ReadUInt64());
        if ((lcgIncrement & 1) == 0) throw new InvalidDataException($"a saved PCG64 increment is odd (got 0x{lcgIncrement:x32})");
        State = new Pcg64State(lcgState, lcgIncrement, reader.ReadBoolean(), reader.ReadUInt32());
    }

    /// <summary>The next 64-bit output.</summary>
    public ulong NextUInt64()
    {
        Step();
        ulong folded = (ulong)(state >> 64) ^ (ulong)state;
        return ulong.RotateRight(folded, (int)(state >> 122));
    }

    /// <summary>
    /// The next 32-bit output: the buffered high half if there is one, else the low half of a new 64-bit output. Using
    /// the buffer clears only the flag; the value stays in <see cref="Pcg64State.UInteger"/>, as numpy reports it.
    /// </summary>
    public uint NextUInt32()
    {
        if (hasUInt32)
        {
            hasUInt32 = false;
            return uinteger;
        }
        ulong next = NextUInt64();
        hasUInt32 = true;
        uinteger = (uint)(next >> 32);
        return (uint)next;
    }

    private void Step() => state = state * Multiplier + increment;
}
