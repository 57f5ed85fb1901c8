using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// Multi-head attention among units (fixtures README §4.1 step 9): per-unit bias-free query, key and value
/// projections, softmax over all K units (itself included, inactive ones not masked), then the official gated
/// residual ĥ + σ(o·Gᵀ + g) ⊙ tanh(o·Fᵀ + f) with F and G shared by all units. A step runs the three projections
/// as one bmm and F and G as one addmm, from weights concatenated once per sequence (<see cref="Fuse"/>).
/// </summary>
public sealed class CommunicationAttention : nn.Module
{
    // Cached: TorchSharp allocates a native Scalar for every implicit conversion.
    private static readonly Scalar One = 1f;
    private readonly Parameter query, key, value;
    private readonly Linear outFc, gateFc;
    private readonly Dropout dropout;
    private readonly int heads, keySize, valueSize, hidden;
    private readonly double scale;

    /// <summary>Creates the attention for <paramref name="config"/>; q/k/v drawn as <see cref="RimsConfig.Init"/> says, F and G as torch.nn.Linear.</summary>
    public CommunicationAttention(RimsConfig config) : base("comm")
    {
        heads = config.CommHeads;
        keySize = config.CommKey;
        valueSize = config.CommValue;
        hidden = config.Hidden;
        // 1/√d_ck folded into the query weights once per sequence instead of dividing every step's logits.
        scale = 1 / Math.Sqrt(keySize);
        int k = config.Units, h = config.Hidden;
        query = new Parameter(RimsInitialization.AttentionProjection(config, h, k, h, heads * keySize));
        key = new Parameter(RimsInitialization.AttentionProjection(config, h, k, h, heads * keySize));
        value = new Parameter(RimsInitialization.AttentionProjection(config, h, k, h, heads * valueSize));
        outFc = nn.Linear(heads * valueSize, h);
        gateFc = nn.Linear(heads * valueSize, h);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The parameters by canonical name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Canonical() =>
    [
        ("comm.query", query), ("comm.key", key), ("comm.value", value),
        ("comm.out_fc.weight", outFc.weight!), ("comm.out_fc.bias", outFc.bias!),
        ("comm.gate_fc.weight", gateFc.weight!), ("comm.gate_fc.bias", gateFc.bias!),
    ];

    /// <summary>The weights a step uses, concatenated once per sequence.</summary>
    /// <param name="Projection">[K, h, n·(2·d_ck + d_cv)]: query, key, value columns side by side.</param>
    /// <param name="OutputWeight">[2h, n·d_cv]: F's rows, then G's.</param>
    /// <param name="OutputBias">[2h]: f, then g.</param>
    public sealed record FusedWeights(Tensor Projection, Tensor OutputWeight, Tensor OutputBias);

    /// <summary>Concatenates the weights for <see cref="Forward"/>; their gradients flow back through the concatenation.</summary>
    public FusedWeights Fuse() => new(cat([query.mul(scale), key, value], -1), cat([outFc.weight!, gateFc.weight!], 0), cat([outFc.bias!, gateFc.bias!], 0));

    /// <summary>
    /// <paramref name="blocked"/> [K, B, h] is ĥ with gradient blocked for inactive units (queries, keys,
    /// values); <paramref name="candidate"/> [K, B, h] is the plain ĥ the residual adds. Returns h̃ [K, B, h].
    /// </summary>
    public Tensor Forward(Tensor blocked, Tensor candidate, FusedWeights weights)
    {
        long units = blocked.shape[0], batch = blocked.shape[1];
        var projected = blocked.bmm(weights.Projection);                              // [K, B, n·(2d_ck + d_cv)]
        Tensor q, k, v;
        if (keySize == valueSize)
        {
            // [K, B, 3, n, d]: heads are head-major column blocks.
            var qkv = projected.view(units, batch, 3, heads, keySize).unbind(2);
            (q, k, v) = (qkv[0], qkv[1], qkv[2]);
        }
        else
        {
            Tensor Heads(long start, int size) => projected.narrow(-1, start, heads * size).view(units, batch, heads, size);
            (q, k, v) = (Heads(0, keySize), Heads(heads * keySize, keySize), Heads(2 * heads * keySize, valueSize));
        }
        // softmax over the K units of q kᵀ (1/√d_ck is in the query weights), per batch row and head, then the values:
        // einsum keeps the [K, B, n, d] layout, so no permutes cross into C#.
        var attention = einsum("kbnd,lbnd->bnkl", q, k).softmax(-1);
        var output = einsum("bnkl,lbnd->kbnd", attention, v).reshape(units * batch, heads * valueSize);
        var both = nn.functional.linear(output, weights.OutputWeight, weights.OutputBias).view(units, batch, 2 * hidden).chunk(2, -1);
        var outProjected = both[0];
        if (dropout.p > 0) outProjected = dropout.forward(outProjected);
        return candidate.addcmul(both[1].sigmoid(), outProjected.tanh(), One);
    }
}
