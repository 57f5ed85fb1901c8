namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// The 32-bit Mersenne Twister with exactly the parameters and seeding of C++ <c>std::mt19937</c>. ALE draws
/// the power-on RAM, the RIOT timer and the sticky-action decisions from this generator, so every output has
/// to match the C++ one bit for bit.
/// </summary>
public sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908B0DF;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7FFFFFFF;

    /// <summary>The seed of a default-constructed <c>std::mt19937</c>.</summary>
    public const uint DefaultSeed = 5489;

    private readonly uint[] state = new uint[N];

    /// <summary>Index of the next state word to temper; <see cref="N"/> means the block must be regenerated first.</summary>
    private int index;

    /// <summary>Seeds the generator as the C++ standard does: x0 = seed, xi = 1812433253 * (x(i-1) ^ (x(i-1) >> 30)) + i.</summary>
    public Mt19937(uint seed = DefaultSeed)
    {
        Seed(seed);
    }

    /// <summary>Re-seeds the generator (same as constructing a new one with <paramref name="seed"/>).</summary>
    public void Seed(uint seed)
    {
        state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            uint prev = state[i - 1];
            state[i] = unchecked(1812433253u * (prev ^ (prev >> 30)) + (uint)i);
        }
        index = N;
    }

    /// <summary>Returns the next 32-bit output (what <c>operator()</c> of <c>std::mt19937</c> returns).</summary>
    public uint Next()
    {
        if (index >= N) Twist();
        uint y = state[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Regenerates all 624 state words at once (the standard's block form; same outputs as word-by-word).</summary>
    private void Twist()
    {
        uint[] s = state;
        for (int i = 0; i < N; i++)
        {
            uint y = (s[i] & UpperMask) | (s[i + 1 < N ? i + 1 : 0] & LowerMask);
            int j = i + M < N ? i + M : i + M - N;
            s[i] = s[j] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0u);
        }
        index = 0;
    }

    /// <summary>Writes the full generator state (624 words and the position in the block).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (int i = 0; i < N; i++) writer.Write(state[i]);
        writer.Write(index);
    }

    /// <summary>Restores a state written by <see cref="Save"/>.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        for (int i = 0; i < N; i++) state[i] = reader.ReadUInt32();
        int index = reader.ReadInt32();
        if (index < 0 || index > N) throw new InvalidDataException($"Mt19937 state index {index} is outside 0..{N}.");
        this.index = index;
    }
}
