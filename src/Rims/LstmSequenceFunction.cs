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
/// [T, K, B] (bool, no gradient).
/// </remarks>
internal sealed class LstmSequenceFunction : autograd.MultiTensorFunction<LstmSequenceFunction>
{
    // Cached: TorchSharp allocates a native Scalar for every implicit conversion.
    private static readonly Scalar One = 1f;

    /// <summary>What a call needs besides tensors: the layer's config and which steps reset some row.</summary>
    internal sealed record Options(RimsConfig Config, bool[]? ResetSteps);

    /// <inheritdoc />
    public override string Name => "RimsLstmSequence";

    /// <inheritdoc />
    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (logitWeights, inputGates, h, c) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (Tensor)vars[3]);
        var (weightHh, bias, projection, outputWeight, outputBias) = ((Tensor)vars[4], (Tensor)vars[5], (Tensor)vars[6], (Tensor)vars[7], (Tensor)vars[8]);
        var keepAll = vars[9] as Tensor;
        var options = (Options)vars[10];
        var config = options.Config;
        int steps = (int)logitWeights.shape[0], units = config.Units, hidden = config.Hidden;
        long batch = h.shape[1];
        int heads = config.CommHeads, keySize = config.CommKey, valueSize = config.CommValue;

        var lw = logitWeights.unbind(0);
        var ig = inputGates.unbind(0);
        var keep = keepAll?.unbind(0);
        var flags = ones([units - config.ActiveUnits, batch], ScalarType.Bool);
        var (hps, cps, weights, sigmas, candidates, tanhCs, hhats, projected, attentions, outputs, gateSigmas, outTanhs, inactives, hs) =
            (new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps],
             new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps], new Tensor[steps]);
        for (int t = 0; t < steps; t++)
        {
            if (keep is not null && options.ResetSteps![t])
            {
                h = h * keep[t];
                c = c * keep[t];
            }
            hps[t] = h;
            cps[t] = c;
            var logits = h.mul(lw[t]).sum(-1);                                                        // [K, B]
            var (inputWeight, _, inactive) = UnitSelection.Select(logits, config, flags, withScore: false);
            weights[t] = inputWeight;
            var z = h.bmm(weightHh).add_(bias.addcmul(inputWeight.unsqueeze(-1), ig[t], One));     // [K, B, 4h]
            var sigma = z.sigmoid();
            var gates = sigma.chunk(4, -1);
            var candidate = z.chunk(4, -1)[2].tanh();
            var cellC = gates[1].mul(c).addcmul_(gates[0], candidate, One);
            var tanhC = cellC.tanh();
            var hhat = gates[3].mul(tanhC);
            sigmas[t] = sigma;
            candidates[t] = candidate;
            tanhCs[t] = tanhC;
            hhats[t] = hhat;

            var p = hhat.bmm(projection);                                                          // [K, B, P]
            var (q, k, v) = Heads(p, units, batch, heads, keySize, valueSize);
            var attention = einsum("kbnd,lbnd->bnkl", q, k).softmax(-1);
            var output = einsum("bnkl,lbnd->kbnd", attention, v).reshape(units * batch, heads * valueSize);
            var both = nn.functional.linear(output, outputWeight, outputBias).view(units, batch, 2 * hidden).chunk(2, -1);
            var gateSigma = both[1].sigmoid();
            var outTanh = both[0].tanh();
            var communicated = hhat.addcmul(gateSigma, outTanh, One);
            projected[t] = p;
            attentions[t] = attention;
            outputs[t] = output;
            gateSigmas[t] = gateSigma;
            outTanhs[t] = outTanh;

            var keepState = inactive.unsqueeze(-1);
            h = where(keepState, h, communicated);
            c = where(keepState, c, cellC);
            hs[t] = h;
            inactives[t] = inactive;
        }
        var inactiveAll = stack(inactives);
        ctx.save_for_backward([
            stack(hps), stack(cps), stack(weights), stack(sigmas), stack(candidates), stack(tanhCs), stack(hhats),
            stack(projected), stack(attentions), stack(outputs), stack(gateSigmas), stack(outTanhs), inactiveAll,
            logitWeights, inputGates, weightHh, projection, outputWeight, keepAll!]);
        ctx.save_data("options", options);
        ctx.mark_non_differentiable([inactiveAll]);
        // TorchSharp materialises missing output gradients from tensors that the caller's dispose scope has freed by
        // the time the backward runs; missing gradients come as invalid tensors instead and are read as zeros here.
        ctx.set_materialize_grads(false);
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
        var active = inactiveAll.logical_not().unsqueeze(-1).to_type(ScalarType.Float32);           // [T, K, B, 1]
        // Gate derivatives [σ'(i) | σ'(f) | tanh'(g) | σ'(o)], and the factors the cell's chain rule multiplies
        // dĉ by for i, f, g: [g | c_{t-1} | i].
        var sigmaChunks = sigmaAll.chunk(4, -1);
        var gateDerivative = cat([
            sigmaChunks[0] * (1 - sigmaChunks[0]), sigmaChunks[1] * (1 - sigmaChunks[1]),
            1 - candidateAll.square(), sigmaChunks[3] * (1 - sigmaChunks[3])], -1).unbind(0);
        var cellFactors = stack([candidateAll, cpAll, sigmaChunks[0]], 3).unbind(0);                 // [K, B, 3, h]
        var forget = sigmaChunks[1].unbind(0);
        var outGate = sigmaChunks[3].unbind(0);
        var tanhCDerivative = (1 - tanhCAll.square()).unbind(0);
        var tanhC = tanhCAll.unbind(0);
        var gateDerivativeComm = (gateSigmaAll * (1 - gateSigmaAll) * outTanhAll).unbind(0);        // ∂h̃/∂G
        var outDerivativeComm = (gateSigmaAll * (1 - outTanhAll.square())).unbind(0);               // ∂h̃/∂O
        var weightDerivative = (weightAll * (1 - weightAll)).unbind(0);                              // σ'(s), [K, B]
        var activeSteps = active.unbind(0);
        var attentions = attentionAll.unbind(0);
        var projectedSteps = projectedAll.unbind(0);
        var lw = logitWeights.unbind(0);
        var ig = inputGates.unbind(0);
        var keep = keepAll?.unbind(0);
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

            // h̃ = ĥ + σ(G) ⊙ tanh(O); [O | G] = o Fᵀ + f.
            var dboth = cat([dCommunicated * outDerivativeComm[t], dCommunicated * gateDerivativeComm[t]], -1).view(units * batch, 2 * hidden);
            dboths[t] = dboth;
            var dOutput = dboth.mm(outputWeight).view(units, batch, heads, valueSize);
            var (q, k, v) = Heads(projectedSteps[t], units, batch, heads, keySize, valueSize);
            var attention = attentions[t];
            var dAttention = einsum("kbnd,lbnd->bnkl", dOutput, v);
            var dv = einsum("bnkl,kbnd->lbnd", attention, dOutput);
            var dLogits = attention * (dAttention - (attention * dAttention).sum(-1, keepdim: true));
            var dq = einsum("bnkl,lbnd->kbnd", dLogits, k);
            var dk = einsum("bnkl,kbnd->lbnd", dLogits, q);
            var dp = cat([dq.reshape(units, batch, heads * keySize), dk.reshape(units, batch, heads * keySize), dv.reshape(units, batch, heads * valueSize)], -1);
            dps[t] = dp;
            // Gradient reaches ĥ through the projections only for active units (blocked_grad).
            var dhhat = dp.bmm(projectionT).mul_(act).add_(dCommunicated);

            // ĥ = o ⊙ tanh(ĉ), ĉ = f ⊙ c_{t-1} + i ⊙ g.
            dCell = dCell.addcmul(dhhat, outGate[t] * tanhCDerivative[t], One);
            var dz = cat([(dCell.unsqueeze(2) * cellFactors[t]).view(units, batch, 3 * hidden), dhhat * tanhC[t]], -1).mul_(gateDerivative[t]);
            dzs[t] = dz;
            dcp = dcp.addcmul(dCell, forget[t], One);
            dhp = dhp.add_(dz.bmm(weightHhT));
            // z's input side is a ⊙ (ν W_ih), a = σ(s), s = Σ h_{t-1} ⊙ logit weights.
            var ds = (dz * ig[t]).sum(-1).mul_(weightDerivative[t]);                                 // [K, B]
            dss[t] = ds;
            dhp = dhp.addcmul_(ds.unsqueeze(-1), lw[t], One);
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
        var dsAll = stack(dss).unsqueeze(-1);                                                        // [T, K, B, 1]
        Tensor UnitMajor(Tensor all) => all.transpose(0, 1).reshape(units, steps * batch, all.shape[3]);
        var dWeightHh = UnitMajor(hpAll).transpose(1, 2).bmm(UnitMajor(dzAll));
        var dBias = dzAll.sum([0, 2]).unsqueeze(1);
        var dProjection = UnitMajor(hhatAll).transpose(1, 2).bmm(UnitMajor(dpAll));
        var dOutputWeight = dbothAll.t().mm(outputAll.view(steps * units * batch, heads * valueSize));
        var dOutputBias = dbothAll.sum(dim: 0);
        var dLogitWeights = dsAll * hpAll;
        var dInputGates = weightAll.unsqueeze(-1) * dzAll;
        List<Tensor> grads = [dLogitWeights, dInputGates, dh, dc, dWeightHh, dBias, dProjection, dOutputWeight, dOutputBias];
        scope.MoveToOuter(grads);
        return [.. grads, null!, null!];
    }

    private static Tensor? Defined(Tensor? gradient) => gradient is null || gradient.IsInvalid ? null : gradient;

    /// <summary>Queries, keys and values [K, B, n, d] of the fused projection [K, B, n(2d_ck + d_cv)] (head-major column blocks).</summary>
    private static (Tensor Q, Tensor K, Tensor V) Heads(Tensor projected, long units, long batch, int heads, int keySize, int valueSize)
    {
        Tensor Part(long start, int size) => projected.narrow(-1, start, heads * size).view(units, batch, heads, size);
        return (Part(0, keySize), Part(heads * keySize, keySize), Part(2 * heads * keySize, valueSize));
    }
}
