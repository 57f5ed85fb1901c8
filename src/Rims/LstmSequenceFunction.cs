using TorchSharp;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// The recurrence of <see cref="RimsCell.Sequence"/> for LSTM units with null-input selection (variant A) and no
/// dropout, as one custom autograd node with a hand-written backward. The forward runs without autograd recording
/// (libtorch's per-op bookkeeping, not arithmetic, dominates at RL sizes) and saves, stacked over time, only what the
/// backward reads; the backward runs the recurrence in reverse and forms every weight gradient as one (batched)
/// matrix product over the whole sequence instead of one per step. The math is RimsCell's (fixtures README §4.1),
/// differentiated by hand: σ' = σ(1 - σ), tanh' = 1 - tanh², the softmax Jacobian a ⊙ (δ - Σ a δ).
/// </summary>
/// <remarks>
/// Inputs, in order: logit weights [T, K, B, h]; input gates ν W_ih [T, K, B, 4h]; h₀ and c₀ [K, B, h]; W_hh
/// [K, h, 4h]; the summed gate bias [K, 1, 4h]; the fused communication projection [K, h, n(2d_ck + d_cv)]; the fused
/// output weight [2h, n·d_cv] and bias [2h]; keep = 1 - episode start as [T, 1, B, 1] or null; a
/// <see cref="Options"/>. Outputs: h after every step [T, K, B, h], the last c [K, B, h], and the inactive units
/// [T, K, B, 1] (bool, no gradient).
/// </remarks>
internal sealed class LstmSequenceFunction : autograd.MultiTensorFunction<LstmSequenceFunction>
{
    // Cached: TorchSharp allocates a native Scalar for every implicit conversion.
    private static readonly Scalar One = 1f, MinusOne = -1f;

    /// <summary>What a call needs besides tensors: the layer's config and which steps reset some row.</summary>
    internal sealed record Options(RimsConfig Config, bool[]? ResetSteps);

    /// <inheritdoc />
    public override string Name => "RimsLstmSequence";

    /// <inheritdoc />
    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var options = (Options)vars[10];
        var saved = new List<Tensor>();
        var outputs = Forward((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3], (Tensor)vars[4], (Tensor)vars[5],
            (Tensor)vars[6], (Tensor)vars[7], (Tensor)vars[8], vars[9] as Tensor, options, saved);
        ctx.save_for_backward(saved);
        ctx.save_data("options", options);
        ctx.mark_non_differentiable([outputs[2]]);
        // TorchSharp materialises missing output gradients from tensors that the caller's dispose scope has freed by
        // the time the backward runs; missing gradients come as invalid tensors instead and are read as zeros here.
        ctx.set_materialize_grads(false);
        return outputs;
    }

    /// <summary>
    /// The recurrence (inputs and outputs as in the class remarks), run as it is: callers without gradients (acting)
    /// call it directly, under no_grad; <see cref="forward"/> passes <paramref name="saved"/> to receive what
    /// <see cref="backward"/> reads. Without it nothing per step is kept beyond the outputs.
    /// </summary>
    internal static List<Tensor> Forward(Tensor logitWeights, Tensor inputGates, Tensor h, Tensor c, Tensor weightHh, Tensor bias,
        Tensor projection, Tensor outputWeight, Tensor outputBias, Tensor? keepAll, Options options, List<Tensor>? saved)
    {
        var config = options.Config;
        int steps = (int)logitWeights.shape[0], units = config.Units, hidden = config.Hidden;
        long batch = h.shape[1];
        int heads = config.CommHeads, keySize = config.CommKey, valueSize = config.CommValue;
        bool save = saved is not null;

        var lw = logitWeights.unbind(0);
        var ig = inputGates.unbind(0);
        var keep = keepAll?.unbind(0);
        var selection = UnitSelection.Constants.For(config, batch);
        var (inactives, hs) = (new Tensor[steps], new Tensor[steps]);
        Tensor[] Kept() => save ? new Tensor[steps] : [];
        var (hps, cps, weights, sigmas, candidates, tanhCs, hhats) = (Kept(), Kept(), Kept(), Kept(), Kept(), Kept(), Kept());
        var (projected, attentions, outputs, gateSigmas, outTanhs) = (Kept(), Kept(), Kept(), Kept(), Kept());
        for (int t = 0; t < steps; t++)
        {
            if (keep is not null && options.ResetSteps![t])
            {
                h = h * keep[t];
                c = c * keep[t];
            }
            if (save) (hps[t], cps[t]) = (h, c);
            var logits = h.mul(lw[t]).sum(-1, keepdim: true);                                        // [K, B, 1]
            var (inputWeight, _, inactive) = UnitSelection.Select(logits, config, selection, withScore: false);
            var z = h.bmm(weightHh).add_(bias.addcmul(inputWeight, ig[t], One));                     // [K, B, 4h]
            // One σ over all of [i|f|g|o] costs one kernel instead of three; the g block's σ is simply unused.
            var sigma = z.sigmoid();
            var candidate = z.narrow(-1, 2 * hidden, hidden).tanh();
            var cellC = sigma.narrow(-1, hidden, hidden).mul(c).addcmul_(sigma.narrow(-1, 0, hidden), candidate, One);
            var tanhC = cellC.tanh();
            var hhat = sigma.narrow(-1, 3 * hidden, hidden).mul(tanhC);

            var p = hhat.bmm(projection);                                                          // [K, B, P]
            var (q, k, v) = CommunicationAttention.Heads(p, heads, keySize, valueSize);
            var (attention, output) = CommunicationAttention.Attend(q, k, v);
            var flatOutput = output.view(units, batch, heads * valueSize);
            var both = nn.functional.linear(flatOutput, outputWeight, outputBias).chunk(2, -1);     // [O | G]
            var gateSigma = both[1].sigmoid();
            var outTanh = both[0].tanh();
            var communicated = hhat.addcmul(gateSigma, outTanh, One);
            if (save)
                (weights[t], sigmas[t], candidates[t], tanhCs[t], hhats[t], projected[t], attentions[t], outputs[t], gateSigmas[t], outTanhs[t]) =
                    (inputWeight, sigma, candidate, tanhC, hhat, p, attention, flatOutput, gateSigma, outTanh);

            h = where(inactive, h, communicated);
            c = where(inactive, c, cellC);
            hs[t] = h;
            inactives[t] = inactive;
        }
        var inactiveAll = stack(inactives);
        saved?.AddRange([
            stack(hps), stack(cps), stack(weights), stack(sigmas), stack(candidates), stack(tanhCs), stack(hhats),
            stack(projected), stack(attentions), stack(outputs), stack(gateSigmas), stack(outTanhs), inactiveAll,
            logitWeights, inputGates, weightHh, projection, outputWeight, keepAll!]);
        return [stack(hs), c, inactiveAll];
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
    {
        using var scope = NewDisposeScope();
        var saved = ctx.get_saved_variables();
        var options = (Options)ctx.get_data("options");
        var config = options.Config;
        var (hpAll, cpAll, weightAll, sigmaAll, candidateAll, tanhCAll, hhatAll) = (saved[0], saved[1], saved[2], saved[3], saved[4], saved[5], saved[6]);
        var (projectedAll, attentionAll, outputAll, gateSigmaAll, outTanhAll, inactiveAll) = (saved[7], saved[8], saved[9], saved[10], saved[11], saved[12]);
        var (logitWeights, inputGates, weightHh, projection, outputWeight, keepAll) = (saved[13], saved[14], saved[15], saved[16], saved[17], saved[18]);
        int steps = (int)hpAll.shape[0], units = config.Units, hidden = config.Hidden;
        long batch = hpAll.shape[2];
        int heads = config.CommHeads, keySize = config.CommKey, valueSize = config.CommValue;

        // Everything that does not depend on the incoming gradient, for all steps at once.
        var activeSteps = inactiveAll.logical_not().to_type(ScalarType.Float32).unbind(0);          // [K, B, 1] each
        // ∂z for the gates [i|f|g|o] is [dĉ ⊙ g | dĉ ⊙ c_{t-1} | dĉ ⊙ i | dĥ ⊙ tanh(ĉ)] ⊙ [σ'(i) | σ'(f) | tanh'(g) | σ'(o)]:
        // the products of the two known factors are formed here as [T, K, B, 4, h], so a step stacks [dĉ, dĉ, dĉ, dĥ]
        // and multiplies once.
        var sigmaChunks = sigmaAll.chunk(4, -1);
        var gateFactors = stack([
            candidateAll * sigmaChunks[0] * (1 - sigmaChunks[0]), cpAll * sigmaChunks[1] * (1 - sigmaChunks[1]),
            sigmaChunks[0] * (1 - candidateAll.square()), tanhCAll * sigmaChunks[3] * (1 - sigmaChunks[3])], 3).unbind(0);
        var forget = sigmaChunks[1].unbind(0);
        var cellFromHhat = (sigmaChunks[3] * (1 - tanhCAll.square())).unbind(0);                    // ∂ĥ/∂ĉ = o ⊙ tanh'(ĉ)
        // h̃ = ĥ + σ(G) ⊙ tanh(O): [∂h̃/∂O, ∂h̃/∂G] as [T, K, B, 2, h], matching [O | G]'s columns.
        var commFactors = stack([gateSigmaAll * (1 - outTanhAll.square()), gateSigmaAll * (1 - gateSigmaAll) * outTanhAll], 3).unbind(0);
        // ∂z/∂s = σ'(s) ν W_ih, σ'(s) = a(1 - a).
        var gatesFromLogit = (weightAll * (1 - weightAll) * inputGates).unbind(0);                  // [K, B, 4h]
        var attentions = attentionAll.unbind(0);
        var (queryAll, keyAll, valueAll) = CommunicationAttention.Heads(projectedAll, heads, keySize, valueSize);
        var (queries, keys, values) = (queryAll.unbind(0), keyAll.unbind(0), valueAll.unbind(0));
        var lw = logitWeights.unbind(0);
        var keep = keepAll?.unbind(0);
        long projectedWidth = projectedAll.shape[^1];
        var weightHhT = weightHh.transpose(1, 2).contiguous();
        var projectionT = projection.transpose(1, 2).contiguous();
        var gradHs = Defined(gradOutputs[0])?.unbind(0);

        var dh = zeros_like(hpAll[0]);
        var dc = Defined(gradOutputs[1]) ?? zeros_like(hpAll[0]);
        var (dzs, dps, dboths, dss) = (new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps]);
        for (int t = steps - 1; t >= 0; t--)
        {
            var act = activeSteps[t];
            if (gradHs is not null) dh = dh + gradHs[t];
            var dCommunicated = dh * act;
            var dhp = dh - dCommunicated;                                      // inactive units keep h_{t-1}
            var dCell = dc * act;
            var dcp = dc - dCell;

            // [O | G] = o Fᵀ + f.
            var dboth = dCommunicated.unsqueeze(2).mul(commFactors[t]).view(units * batch, 2 * hidden);
            dboths[t] = dboth;
            var dOutput = dboth.mm(outputWeight).view(units, 1, batch, heads, valueSize);
            // Attention (CommunicationAttention.Attend) in the same broadcast layout: a [K, L, B, n, 1].
            var attention = attentions[t];
            var dAttention = dOutput.mul(values[t]).sum(-1, keepdim: true);
            var dv = attention.mul(dOutput).sum(dim: 0);                                          // [L, B, n, d_cv]
            var weighted = attention.mul(dAttention);
            var dLogits = weighted.addcmul(attention, weighted.sum(1, keepdim: true), MinusOne);   // a ⊙ (δ - Σ a δ)
            var dq = dLogits.mul(keys[t]).sum(dim: 1);                                            // [K, B, n, d_ck]
            var dk = dLogits.mul(queries[t]).sum(dim: 0);                                         // [L, B, n, d_ck]
            // dp has the fused projection's head-major blocks [dq | dk | dv]; with equal sizes that is a cat over heads.
            var dp = keySize == valueSize
                ? cat([dq, dk, dv], 2).view(units, batch, projectedWidth)
                : cat([dq.view(units, batch, heads * keySize), dk.view(units, batch, heads * keySize), dv.view(units, batch, heads * valueSize)], -1);
            dps[t] = dp;
            // Gradient reaches ĥ through the projections only for active units (blocked_grad).
            var dhhat = dp.bmm(projectionT).mul_(act).add_(dCommunicated);

            // ĥ = o ⊙ tanh(ĉ), ĉ = f ⊙ c_{t-1} + i ⊙ g.
            dCell = dCell.addcmul(dhhat, cellFromHhat[t], One);
            var dz = stack([dCell, dCell, dCell, dhhat], 2).mul_(gateFactors[t]).view(units, batch, 4 * hidden);
            dzs[t] = dz;
            dcp = dcp.addcmul(dCell, forget[t], One);
            dhp = dhp.add_(dz.bmm(weightHhT));
            // z's input side is a ⊙ (ν W_ih), a = σ(s), s = Σ h_{t-1} ⊙ logit weights.
            var ds = dz.mul(gatesFromLogit[t]).sum(-1, keepdim: true);                              // [K, B, 1]
            dss[t] = ds;
            dhp = dhp.addcmul_(ds, lw[t], One);
            if (keep is not null && options.ResetSteps![t])
            {
                dhp = dhp * keep[t];
                dcp = dcp * keep[t];
            }
            dh = dhp;
            dc = dcp;
        }

        // Weight gradients: one (batched) matrix product over all steps.
        var dzAll = stack(dzs);                                                                      // [T, K, B, 4h]
        var dpAll = stack(dps);                                                                      // [T, K, B, P]
        var dbothAll = cat(dboths, 0);                                                               // [T·K·B, 2h]
        var dsAll = stack(dss);                                                                      // [T, K, B, 1]
        Tensor UnitMajor(Tensor all) => all.transpose(0, 1).reshape(units, steps * batch, all.shape[3]);
        var dWeightHh = UnitMajor(hpAll).transpose(1, 2).bmm(UnitMajor(dzAll));
        var dBias = dzAll.sum([0, 2]).unsqueeze(1);
        var dProjection = UnitMajor(hhatAll).transpose(1, 2).bmm(UnitMajor(dpAll));
        var dOutputWeight = dbothAll.t().mm(outputAll.view(steps * units * batch, heads * valueSize));
        var dOutputBias = dbothAll.sum(dim: 0);
        var dLogitWeights = dsAll * hpAll;
        var dInputGates = weightAll * dzAll;
        List<Tensor> grads = [dLogitWeights, dInputGates, dh, dc, dWeightHh, dBias, dProjection, dOutputWeight, dOutputBias];
        scope.MoveToOuter(grads);
        return [.. grads, null!, null!];
    }

    private static Tensor? Defined(Tensor? gradient) => gradient is null || gradient.IsInvalid ? null : gradient;
}
