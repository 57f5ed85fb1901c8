using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// K independent LSTM or GRU cells run as one batched matrix product ([K, in, G·h] weights, bmm over units)
/// instead of a loop over K modules. Gate order follows torch.nn.LSTMCell [i|f|g|o] and GRUCell [r|z|n].
/// A unit's input is its attention weight times the shared value, u_k = a_k ν, so its input-side gate
/// pre-activation is a_k (ν W_ih[k]): the product ν W_ih is computed for a whole sequence at once
/// (<see cref="InputGates"/>) and a step only scales it.
/// </summary>
public sealed class BatchedUnitCell : nn.Module
{
    private readonly Parameter weightIh, weightHh, biasIh, biasHh;
    // Cached: TorchSharp allocates a native Scalar for every implicit conversion.
    private static readonly Scalar One = 1f;
    private readonly RimsCellType type;
    private readonly int hidden;

    /// <summary>
    /// Creates the K cells of <paramref name="config"/>, each reading d_v into h; weights and biases from
    /// U(±<see cref="RimsInitialization.CellBound"/>).
    /// </summary>
    public BatchedUnitCell(RimsConfig config) : base("cell")
    {
        type = config.Cell;
        hidden = config.Hidden;
        int units = config.Units, gates = (type == RimsCellType.Lstm ? 4 : 3) * hidden;
        double bound = RimsInitialization.CellBound(config);
        weightIh = new Parameter(RimsInitialization.Uniform(bound, units, config.InputValueSize, gates));
        weightHh = new Parameter(RimsInitialization.Uniform(bound, units, hidden, gates));
        biasIh = new Parameter(RimsInitialization.Uniform(bound, units, gates));
        biasHh = new Parameter(RimsInitialization.Uniform(bound, units, gates));
        RegisterComponents();
    }

    /// <summary>The hidden-side weights W_hh, [K, h, 4h] for LSTM, [K, h, 3h] for GRU.</summary>
    public Tensor WeightHh => weightHh;

    /// <summary>The parameters by canonical name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Canonical() =>
        [("cell.weight_ih", weightIh), ("cell.weight_hh", weightHh), ("cell.bias_ih", biasIh), ("cell.bias_hh", biasHh)];

    /// <summary>
    /// ν W_ih[k] for every step and unit: value [T, B, d_v] -> [T, K, B, G·h] (one broadcast matmul per sequence).
    /// </summary>
    public Tensor InputGates(Tensor value) => value.unsqueeze(1).matmul(weightIh.unsqueeze(0));

    /// <summary>The biases as one step adds them, [K, 1, G·h] each: for LSTM (b_ih + b_hh, none), for GRU (b_ih, b_hh).</summary>
    public (Tensor Input, Tensor? Hidden) StepBiases() => type == RimsCellType.Lstm
        ? ((biasIh + biasHh).unsqueeze(1), null)
        : (biasIh.unsqueeze(1), biasHh.unsqueeze(1));

    /// <summary>
    /// The input-side gate pre-activation of one step with biases (from <see cref="StepBiases"/>): either
    /// weight [K, B, 1] times the precomputed <paramref name="inputGates"/> [K, B, G·h], or, when the unit input must
    /// be formed explicitly (dropout on it), <paramref name="unitInput"/> [K, B, d_v] times W_ih.
    /// </summary>
    public Tensor InputSide(Tensor inputBias, Tensor weight, Tensor? inputGates, Tensor? unitInput) => unitInput is null
        ? inputBias.addcmul(weight, inputGates!, One)
        : unitInput.bmm(weightIh).add_(inputBias);

    /// <summary>
    /// One step for all units from the input-side pre-activation [K, B, G·h] and the previous h (and c) [K, B, h].
    /// Returns the candidate ĥ and ĉ (ĉ null for GRU), [K, B, h].
    /// </summary>
    public (Tensor H, Tensor? C) Step(Tensor inputSide, Tensor? hiddenBias, Tensor previousH, Tensor? previousC)
    {
        if (type == RimsCellType.Lstm)
        {
            // bmm + add_, not baddbmm: TorchSharp 0.107's baddbmm mixes up its arguments (shape errors).
            var z = previousH.bmm(weightHh).add_(inputSide);
            // One σ over all of [i|f|g|o] costs one kernel instead of three; the g block's σ is simply unused.
            var gates = z.sigmoid().chunk(4, -1);
            var c = gates[1].mul(previousC!).addcmul_(gates[0], z.chunk(4, -1)[2].tanh(), One);
            var h = gates[3].mul(c.tanh());
            return (h, c);
        }
        var e = previousH.bmm(weightHh).add_(hiddenBias!);
        var rz = inputSide.narrow(-1, 0, 2 * hidden).add(e.narrow(-1, 0, 2 * hidden)).sigmoid_();
        var n = inputSide.narrow(-1, 2 * hidden, hidden).addcmul(rz.narrow(-1, 0, hidden), e.narrow(-1, 2 * hidden, hidden), One).tanh_();
        // (1 - z) ⊙ n + z ⊙ h_{t-1} as one lerp (no scalar-minus-tensor).
        return (n.lerp(previousH, rz.narrow(-1, hidden, hidden)), null);
    }
}
