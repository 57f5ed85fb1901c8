namespace Rims.Envs.NumpyRandom;

/// <summary>
/// numpy's <c>SeedSequence</c> for a non-negative integer entropy and no spawn key: the entropy's 32-bit words
/// are hashed into a pool of four 32-bit words, and <see cref="GenerateState(Span{uint})"/> hashes the pool into as many
/// words as a bit generator needs. Algorithm and constants as documented for numpy's SeedSequence, which follows
/// Melissa O'Neill's "Developing a seed_seq Alternative" (pcg-random.org, 2015); all arithmetic is modulo 2^32.
/// </summary>
public sealed class SeedSequence
{
    /// <summary>Words in the entropy pool (numpy's DEFAULT_POOL_SIZE).</summary>
    public const int PoolSize = 4;

    private const uint InitA = 0x43b0d7e5;
    private const uint MultA = 0x931e8875;
    private const uint InitB = 0x8b51f9dd;
    private const uint MultB = 0x58f38ded;
    private const uint MixMultL = 0xca01f9dd;
    private const uint MixMultR = 0x4973f715;
    private const int XShift = 16;   // half the word size

    private readonly uint[] pool = new uint[PoolSize];

    /// <summary>Mixes <paramref name="entropy"/> (e.g. the seed passed to <c>env.reset(seed=...)</c>) into the pool.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The entropy is negative (numpy rejects it too).</exception>
    public SeedSequence(long entropy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entropy);
        // numpy splits the integer into 32-bit words, least significant first; 0 is the single word [0].
        Span<uint> words = stackalloc uint[2];
        int count = 0;
        ulong rest = (ulong)entropy;
        do
        {
            words[count++] = (uint)rest;
            rest >>= 32;
        } while (rest != 0);
        MixEntropy(words[..count]);
    }

    /// <summary>The hashed entropy pool (numpy's <c>SeedSequence.pool</c>).</summary>
    public ReadOnlySpan<uint> Pool => pool;

    private void MixEntropy(ReadOnlySpan<uint> entropy)
    {
        uint hashConst = InitA;
        for (int i = 0; i < PoolSize; i++)
            pool[i] = HashMix(i < entropy.Length ? entropy[i] : 0, ref hashConst);
        for (int source = 0; source < PoolSize; source++)
            for (int destination = 0; destination < PoolSize; destination++)
                if (source != destination)
                    pool[destination] = Mix(pool[destination], HashMix(pool[source], ref hashConst));
        // Entropy longer than the pool is folded into every pool word.
        for (int source = PoolSize; source < entropy.Length; source++)
            for (int destination = 0; destination < PoolSize; destination++)
                pool[destination] = Mix(pool[destination], HashMix(entropy[source], ref hashConst));
    }

    /// <summary>Fills <paramref name="state"/> with 32-bit words hashed from the pool (cycling through it).</summary>
    public void GenerateState(Span<uint> state)
    {
        uint hashConst = InitB;
        for (int i = 0; i < state.Length; i++)
        {
            uint value = pool[i % PoolSize] ^ hashConst;
            hashConst = unchecked(hashConst * MultB);
            value = unchecked(value * hashConst);
            state[i] = value ^ (value >> XShift);
        }
    }

    /// <summary>
    /// Fills <paramref name="state"/> with 64-bit words, as numpy's <c>generate_state(n, np.uint64)</c>: twice as many
    /// 32-bit words, paired little-endian (the first of each pair is the low half).
    /// </summary>
    public void GenerateState(Span<ulong> state)
    {
        Span<uint> words = stackalloc uint[state.Length * 2];
        GenerateState(words);
        for (int i = 0; i < state.Length; i++) state[i] = words[2 * i] | (ulong)words[2 * i + 1] << 32;
    }

    private static uint HashMix(uint value, ref uint hashConst)
    {
        value ^= hashConst;
        hashConst = unchecked(hashConst * MultA);
        value = unchecked(value * hashConst);
        return value ^ (value >> XShift);
    }

    private static uint Mix(uint x, uint y)
    {
        uint result = unchecked(MixMultL * x - MixMultR * y);
        return result ^ (result >> XShift);
    }
}
