using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// The units' attention over the input (fixtures README §4 steps 1-3): one shared, bias-free key and value
/// projection of the input, and a query per unit computed from that unit's previous state. Returns the input
/// logit of every unit, s_k = q_k · κ / √d_k, and the value ν.
/// </summary>
public sealed class InputAttention : nn.Module
{
    private readonly Parameter key, value, query;
    private readonly int units, hidden;
    private readonly double scale;

    /// <summary>Creates the attention with the canonical layout: key [d_in, d_k], value [d_in, d_v], query [K, h, d_k].</summary>
    public InputAttention(RimsConfig config) : base("input_attention")
    {
        units = config.Units;
        hidden = config.Hidden;
        scale = Math.Sqrt(config.InputKey);
        key = new Parameter(randn(config.InputSize, config.InputKey) / Math.Sqrt(config.InputSize));
        value = new Parameter(randn(config.InputSize, config.InputValueSize) / Math.Sqrt(config.InputSize));
        query = new Parameter(randn(config.Units, config.Hidden, config.InputKey) / Math.Sqrt(config.Hidden));
        RegisterComponents();
    }

    /// <summary>The parameters by canonical name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Canonical() =>
        [("input_attention.key", key), ("input_attention.value", value), ("input_attention.query", query)];

    /// <summary>Logits [B, K] and value ν [B, d_v] for input x [B, d_in] and previous hidden state [K, B, h].</summary>
    public (Tensor Logits, Tensor Value) Forward(Tensor x, Tensor previousByUnit)
    {
        using var scope = NewDisposeScope();
        var inputKey = x.matmul(key);                                  // [B, d_k]
        var inputValue = x.matmul(value);                              // [B, d_v]
        var queries = previousByUnit.bmm(query);                       // [K, B, d_k]
        var logits = (queries * inputKey.unsqueeze(0)).sum(-1).t() / scale;   // [B, K]
        return (scope.MoveToOuter(logits), scope.MoveToOuter(inputValue));
    }
}
