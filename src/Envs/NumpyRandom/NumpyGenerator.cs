namespace Rims.Envs.NumpyRandom;

/// <summary>
/// The part of numpy's <c>Generator</c> that gymnasium's <c>np_random</c> needs for MiniGrid: <c>integers</c> with the
/// default int64 dtype. Seeded as <c>gymnasium.utils.seeding.np_random(seed)</c> =
/// <c>Generator(PCG64(SeedSequence(seed)))</c>. Draw for draw identical to numpy (checked against the generator
/// states recorded in the MiniGrid reference traces).
/// </summary>
public sealed class NumpyGenerator
{
    /// <summary>Seeds a new generator from <paramref name="seed"/>.</summary>
    public NumpyGenerator(long seed) => BitGenerator = new Pcg64(new SeedSequence(seed));

    /// <summary>The PCG64 bit generator underneath.</summary>
    public Pcg64 BitGenerator { get; }

    /// <summary>Re-seeds in place (what <c>reset(seed=...)</c> does by building a new generator).</summary>
    public void Seed(long seed) => BitGenerator.Seed(new SeedSequence(seed));

    /// <summary>
    /// <c>integers(low, high)</c>: uniform in [low, high). A range of one value returns <paramref name="low"/> without
    /// drawing. Otherwise (every int range is below 2^32) numpy uses Lemire's multiply-shift on 32-bit draws
    /// (D. Lemire, "Fast Random Integer Generation in an Interval", ACM TOMACS 29(1), 2019): m = u32 * n, and a draw
    /// whose low 32 bits fall below (2^32 - n) mod n is rejected; the result is low + (m >> 32).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="high"/> is not above <paramref name="low"/> (numpy raises ValueError).</exception>
    public int Integers(int low, int high)
    {
        if (high <= low) throw new ArgumentOutOfRangeException(nameof(high), high, $"integers needs low < high (got low = {low})");
        uint n = (uint)((long)high - low);
        if (n == 1) return low;
        ulong m = (ulong)BitGenerator.NextUInt32() * n;
        uint leftover = (uint)m;
        if (leftover < n)
        {
            // Only draws this close to a multiple of n can be biased; the threshold is computed only then, as numpy does.
            uint threshold = (uint.MaxValue - (n - 1)) % n;
            while (leftover < threshold)
            {
                m = (ulong)BitGenerator.NextUInt32() * n;
                leftover = (uint)m;
            }
        }
        return (int)(low + (long)(m >> 32));
    }
}
