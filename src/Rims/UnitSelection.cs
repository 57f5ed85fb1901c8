using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// Turns the input logits into each unit's input weight and the hard mask of active units (fixtures README
/// §4.1 steps 4-6, §4.2 steps 4-6, and the tie recipe of §5.3: the deactivated set is computed with CPU topk
/// exactly as the official code calls it, so ties resolve the same way).
/// </summary>
public static class UnitSelection
{
    /// <summary>Sparse-attention epsilon of the official Atari code (`10e-8` in the source).</summary>
    private const float SparseEpsilon = 1e-7f;

    /// <summary>
    /// Returns the input weight a^in [B, K], the score the selection ranks [B, K] (a^null for variant A,
    /// a^in for variant B) and the mask [B, K] (1 = active; a constant, no gradient).
    /// </summary>
    public static (Tensor InputWeight, Tensor Score, Tensor Mask) Select(Tensor logits, RimsConfig config)
    {
        using var scope = NewDisposeScope();
        int units = config.Units, inactive = config.Units - config.ActiveUnits;
        Tensor inputWeight, score;
        bool largestDeactivated;
        if (config.Selection == RimsSelection.NullInput)
        {
            // Two-way softmax over {null, input} per unit; the null logit is exactly 0 (bias-free zero row).
            var pair = stack([zeros_like(logits), logits], -1).softmax(-1);
            score = pair.select(-1, 0);
            inputWeight = pair.select(-1, 1);
            largestDeactivated = true;
        }
        else
        {
            var alpha = logits.softmax(1);
            if (units > config.ActiveUnits + 1)
            {
                var delta = alpha.topk(config.ActiveUnits + 1, dim: 1, largest: true, sorted: true).values.narrow(1, config.ActiveUnits, 1) + SparseEpsilon;
                var kept = (alpha - delta).clamp_min(0);
                inputWeight = kept / (kept.sum(1, keepdim: true) + SparseEpsilon);
            }
            else
            {
                inputWeight = alpha;
            }
            score = inputWeight;
            largestDeactivated = false;
        }
        var mask = ones_like(logits);
        if (inactive > 0)
        {
            using var noGrad = no_grad();
            var deactivated = score.detach().topk(inactive, dim: 1, largest: largestDeactivated, sorted: true).indexes;
            mask = mask.scatter(1, deactivated, zeros_like(logits));
        }
        return (scope.MoveToOuter(inputWeight), scope.MoveToOuter(score), scope.MoveToOuter(mask));
    }
}
