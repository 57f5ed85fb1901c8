using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// Turns the input logits into each unit's input weight and the set of inactive units (fixtures README §4.1 steps
/// 4-6, §4.2 steps 4-6, and the tie recipe of §5.3: the deactivated set is computed with CPU topk exactly as the
/// official code calls it, so ties resolve the same way). Everything is unit-major, [K, B].
/// </summary>
public static class UnitSelection
{
    /// <summary>Sparse-attention epsilon of the official Atari code (`10e-8` in the source).</summary>
    private const float SparseEpsilon = 1e-7f;

    /// <summary>
    /// Returns the input weight a^in [K, B], the score the selection ranks [K, B] (a^null for variant A, a^in for
    /// variant B; no gradient) and the inactive units as a bool tensor [K, B] (true = keeps its state; a constant).
    /// </summary>
    public static (Tensor InputWeight, Tensor Score, Tensor Inactive) Select(Tensor logits, RimsConfig config)
    {
        using var scope = NewDisposeScope();
        int inactiveCount = config.Units - config.ActiveUnits;
        Tensor inputWeight, score;
        bool largestDeactivated;
        if (config.Selection == RimsSelection.NullInput)
        {
            // The two-way softmax over {null, input} with the null logit exactly 0 (bias-free zero row) is
            // (σ(-s), σ(s)); σ keeps it to one kernel per weight, and both are monotone in s, so ties stay ties.
            inputWeight = logits.sigmoid();
            using (no_grad()) score = logits.neg().sigmoid_();
            largestDeactivated = true;
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
            score = inputWeight.detach();
            largestDeactivated = false;
        }
        Tensor inactive;
        using (no_grad())
        {
            inactive = zeros(logits.shape, ScalarType.Bool);
            if (inactiveCount > 0)
            {
                var deactivated = score.topk(inactiveCount, dim: 0, largest: largestDeactivated, sorted: true).indexes;
                inactive.scatter_(0, deactivated, ones(deactivated.shape, ScalarType.Bool));
            }
        }
        return (scope.MoveToOuter(inputWeight), scope.MoveToOuter(score), scope.MoveToOuter(inactive));
    }
}
