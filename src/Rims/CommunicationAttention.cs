using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// Multi-head attention among units (fixtures README §4.1 step 9): per-unit bias-free query, key and value
/// projections, softmax over all K units (itself included, inactive ones not masked), then the official gated
/// residual ĥ + σ(o·Gᵀ + g) ⊙ tanh(o·Fᵀ + f) with F and G shared by all units.
/// </summary>
public sealed class CommunicationAttention : nn.Module
{
    private readonly Parameter query, key, value;
    private readonly Linear outFc, gateFc;
    private readonly Dropout dropout;
    private readonly int heads, keySize, valueSize;
    private readonly double scale;

    /// <summary>Creates the attention for <paramref name="config"/>.</summary>
    public CommunicationAttention(RimsConfig config) : base("comm")
    {
        heads = config.CommHeads;
        keySize = config.CommKey;
        valueSize = config.CommValue;
        scale = Math.Sqrt(keySize);
        int k = config.Units, h = config.Hidden;
        query = new Parameter(randn(k, h, heads * keySize) / Math.Sqrt(h));
        key = new Parameter(randn(k, h, heads * keySize) / Math.Sqrt(h));
        value = new Parameter(randn(k, h, heads * valueSize) / Math.Sqrt(h));
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

    /// <summary>
    /// <paramref name="blocked"/> [K, B, h] is ĥ with gradient blocked for inactive units (queries, keys,
    /// values); <paramref name="candidate"/> [K, B, h] is the plain ĥ the residual adds. Returns h̃ [K, B, h].
    /// </summary>
    public Tensor Forward(Tensor blocked, Tensor candidate)
    {
        using var scope = NewDisposeScope();
        long units = blocked.shape[0], batch = blocked.shape[1];
        // [K, B, n·d] -> [B, n, K, d]: heads are head-major column blocks.
        Tensor Heads(Tensor projected, int size) => projected.view(units, batch, heads, size).permute(1, 2, 0, 3);
        var q = Heads(blocked.bmm(query), keySize);
        var k = Heads(blocked.bmm(key), keySize);
        var v = Heads(blocked.bmm(value), valueSize);
        var weights = (q.matmul(k.transpose(-2, -1)) / scale).softmax(-1);     // [B, n, K, K]
        var output = weights.matmul(v).permute(2, 0, 1, 3).reshape(units, batch, heads * valueSize);
        var projected = outFc.forward(output);
        if (dropout.p > 0) projected = dropout.forward(projected);
        var update = gateFc.forward(output).sigmoid() * projected.tanh();
        return scope.MoveToOuter(candidate + update);
    }
}
