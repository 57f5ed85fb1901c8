using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// Turns the input logits into each unit's input weight and the set of inactive units (fixtures README §4.1 steps
/// 4-6, §4.2 steps 4-6, and the tie recipe of §5.3: the deactivated set is CPU topk(K - k_A, largest: false) of
/// the input logit s (variant A; the same indices as the official topk of a^null, ties included, unless float32
/// saturation makes distinct s equal in a^null) or of a^in (variant B, as the official code). Everything is
/// unit-major, [K, B, 1] (the trailing 1 broadcasts over a unit's features without an unsqueeze per step).
/// </summary>
public static class UnitSelection
{
    /// <summary>Sparse-attention epsilon of the official Atari code (`10e-8` in the source).</summary>
    private const float SparseEpsilon = 1e-7f;

    /// <summary>
    /// From the input logits s [K, B, 1], returns the input weight a^in [K, B, 1], the selection score [K, B, 1] (a^null
    /// for variant A, a^in for variant B; no gradient; null unless <paramref name="withScore"/>) and the inactive units
    /// as a bool tensor [K, B, 1] (true = keeps its state; a constant).
    /// </summary>
    public static (Tensor InputWeight, Tensor? Score, Tensor Inactive) Select(Tensor logits, RimsConfig config, Constants constants, bool withScore)
    {
        using var scope = NewDisposeScope();
        int inactiveCount = config.Units - config.ActiveUnits;
        Tensor inputWeight, ranked;
        Tensor? score;
        if (config.Selection == RimsSelection.NullInput)
        {
            // The two-way softmax over {null, input} with the null logit exactly 0 (bias-free zero row) is
            // (σ(-s), σ(s)); σ keeps it to one kernel per weight, and both are monotone in s, so ties stay ties.
            inputWeight = logits.sigmoid();
            using (no_grad()) score = withScore ? logits.neg().sigmoid_() : null;
            // The units with the largest a^null are those with the smallest s; ranking s itself gives the same
            // indices, ties included (fixtures README §5.3), and saves two kernels a step.
            ranked = logits.requires_grad ? logits.detach() : logits;
        }
        else
        {
            var alpha = logits.softmax(0);
            if (config.Units > config.ActiveUnits + 1)
            {
                var delta = alpha.topk(config.ActiveUnits + 1, dim: 0, largest: true, sorted: true).values.narrow(0, config.ActiveUnits, 1).add(SparseEpsilon);
                var kept = (alpha - delta).clamp_min(0);
                inputWeight = kept / kept.sum(0, keepdim: true).add(SparseEpsilon);
            }
            else
            {
                inputWeight = alpha;
            }
            score = ranked = inputWeight.detach();
        }
        // ranked carries no gradient, so neither do the indices nor the mask (no no_grad block needed).
        var inactive = inactiveCount > 0
            ? constants.NoneInactive.scatter(0, ranked.topk(inactiveCount, dim: 0, largest: false, sorted: true).indexes, constants.Flags)
            : constants.NoneInactive.alias();
        if (score is not null) scope.MoveToOuter(score);
        return (scope.MoveToOuter(inputWeight), score, scope.MoveToOuter(inactive));
    }

    /// <summary>
    /// Tensors a sequence reuses at every step: all false [K, B, 1] (no unit inactive, the base the inactive set is
    /// scattered into) and all true [K - k_A, B, 1] (the values scattered).
    /// </summary>
    public sealed record Constants(Tensor NoneInactive, Tensor Flags)
    {
        /// <summary>The constants for <paramref name="batch"/> rows of <paramref name="config"/>.</summary>
        public static Constants For(RimsConfig config, long batch) =>
            new(zeros([config.Units, batch, 1], ScalarType.Bool), ones([config.Units - config.ActiveUnits, batch, 1], ScalarType.Bool));
    }
}
