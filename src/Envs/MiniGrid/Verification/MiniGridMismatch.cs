namespace Rims.Envs.MiniGrid.Verification;

/// <summary>The first disagreement in one episode between the env and a reference trace.</summary>
/// <param name="Seed">The episode's seed.</param>
/// <param name="Step">The step t (0 = the reset and its observation).</param>
/// <param name="Field">The field as the trace names it, e.g. "image[3,5]", "reward", "grid[2][4]", "rng_after_reset".</param>
/// <param name="Expected">The reference's value.</param>
/// <param name="Actual">The env's value.</param>
public sealed record MiniGridMismatch(int Seed, int Step, string Field, string Expected, string Actual)
{
    /// <summary>"seed 12, step 7, field reward: expected 0.5, got 0".</summary>
    public override string ToString() => $"seed {Seed}, step {Step}, field {Field}: expected {Expected}, got {Actual}";
}
