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
        var (q, k, v) = Heads(blocked.bmm(weights.Projection), heads, keySize, valueSize);
        var (_, output) = Attend(q, k, v);
        var both = nn.functional.linear(output.view(units, batch, heads * valueSize), weights.OutputWeight, weights.OutputBias).chunk(2, -1);
        var outProjected = both[0];
        if (dropout.p > 0) outProjected = dropout.forward(outProjected);
        return candidate.addcmul(both[1].sigmoid(), outProjected.tanh(), One);
    }

    /// <summary>
    /// Splits a fused projection [..., K, B, n(2d_ck + d_cv)] (head-major column blocks) into queries
    /// [..., K, 1, B, n, d_ck], keys [..., 1, K, B, n, d_ck] and values [..., 1, K, B, n, d_cv]: views laid out so that
    /// <see cref="Attend"/> pairs every unit's query with every unit's key by broadcasting, with no permute or copy.
    /// </summary>
    internal static (Tensor Q, Tensor K, Tensor V) Heads(Tensor projected, int heads, int keySize, int valueSize)
    {
        var shape = projected.shape;
        long[] lead = shape[..^3];
        long units = shape[^3], batch = shape[^2];
        if (keySize == valueSize)
        {
            // Equal sizes: the 3n head blocks viewed once per side, then narrowed (five ops instead of six).
            var asQuery = projected.view([.. lead, units, 1, batch, 3 * heads, keySize]);
            var asKey = projected.view([.. lead, 1, units, batch, 3 * heads, keySize]);
            return (asQuery.narrow(-2, 0, heads), asKey.narrow(-2, heads, heads), asKey.narrow(-2, 2 * heads, heads));
        }
        Tensor Part(long start, int size, bool query) =>
            projected.narrow(-1, start, heads * size).view([.. lead, query ? units : 1, query ? 1 : units, batch, heads, size]);
        return (Part(0, keySize, true), Part(heads * keySize, keySize, false), Part(2 * heads * keySize, valueSize, false));
    }

    /// <summary>
    /// Softmax attention of every unit over all units, per batch row and head, from the views of <see cref="Heads"/>:
    /// attention [K, K, B, n, 1] (query unit, key unit; softmax over the key unit, 1/√d_ck already in the query
    /// weights) and output [K, B, n, d_cv] = Σ_l attention[k, l] v[l].
    /// </summary>
    /// <remarks>
    /// K is small (6 in the paper), so broadcast products summed over one axis cost fewer libtorch ops per step than
    /// einsum or bmm, which both need [B·n, K, d] copies of q, k and v (measured: about 0.6x einsum's time at grid size).
    /// </remarks>
    internal static (Tensor Attention, Tensor Output) Attend(Tensor q, Tensor k, Tensor v)
    {
        var attention = q.mul(k).sum(-1, keepdim: true).softmax(1);
        return (attention, attention.mul(v).sum(1));
    }
}
