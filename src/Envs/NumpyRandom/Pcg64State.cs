namespace Rims.Envs.NumpyRandom;

/// <summary>
/// The state of numpy's PCG64 bit generator, as <c>bit_generator.state</c> reports it: the 128-bit LCG state and
/// increment, and the buffered upper half of the last 64-bit output that a 32-bit draw has not used yet.
/// </summary>
/// <param name="State">The LCG state.</param>
/// <param name="Increment">The LCG increment (always odd).</param>
/// <param name="HasUInt32">A 32-bit value is buffered in <paramref name="UInteger"/>.</param>
/// <param name="UInteger">The buffered 32-bit value (0 when none).</param>
public readonly record struct Pcg64State(UInt128 State, UInt128 Increment, bool HasUInt32, uint UInteger)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"state 0x{State:x32} inc 0x{Increment:x32} has_uint32 {(HasUInt32 ? 1 : 0)} uinteger {UInteger}";
}
