using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// The units' attention over the input (fixtures README §4 steps 1-3): one shared, bias-free key and value
/// projection of the input, and a query per unit computed from that unit's previous state. The input logit of unit
/// k is s_k = q_k · κ / √d_k = h_{t-1,k} · (W_q[k] κ / √d_k): the second factor does not depend on the state, so it
/// is computed for a whole sequence at once and each step is one dot product per unit.
/// </summary>
public sealed class InputAttention : nn.Module
{
    private readonly Parameter key, value, query;
    private readonly double scale;

    /// <summary>Creates the attention with the canonical layout: key [d_in, d_k], value [d_in, d_v], query [K, h, d_k], drawn as <see cref="RimsConfig.Init"/> says.</summary>
    public InputAttention(RimsConfig config) : base("input_attention")
    {
        scale = Math.Sqrt(config.InputKey);
        key = new Parameter(RimsInitialization.AttentionProjection(config, config.InputSize, config.InputSize, config.InputKey));
        value = new Parameter(RimsInitialization.AttentionProjection(config, config.InputSize, config.InputSize, config.InputValueSize));
        query = new Parameter(RimsInitialization.AttentionProjection(config, config.Hidden, config.Units, config.Hidden, config.InputKey));
        RegisterComponents();
    }

    /// <summary>The parameters by canonical name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Canonical() =>
        [("input_attention.key", key), ("input_attention.value", value), ("input_attention.query", query)];

    /// <summary>
    /// Everything of the attention that does not depend on the recurrent state, for inputs x [T, B, d_in]: the logit
    /// weights W_q[k] κ_{t,b} / √d_k as [T, K, B, h] (unit-major, so step t is one contiguous [K, B, h] slice) and
    /// the value ν [T, B, d_v].
    /// </summary>
    public (Tensor LogitWeights, Tensor Value) Precompute(Tensor x)
    {
        using var scope = NewDisposeScope();
        long steps = x.shape[0], batch = x.shape[1];
        var flat = x.reshape(steps * batch, x.shape[2]);
        var inputKey = flat.mm(key).div_(scale);                                                  // [T·B, d_k]
        // [T, 1, B, d_k] x [1, K, d_k, h] -> [T, K, B, h]: one broadcast matmul for all steps and units.
        var logitWeights = inputKey.view(steps, 1, batch, -1).matmul(query.transpose(1, 2).unsqueeze(0));
        var inputValue = flat.mm(value).view(steps, batch, -1);                                   // [T, B, d_v]
        return (scope.MoveToOuter(logitWeights), scope.MoveToOuter(inputValue));
    }
}
