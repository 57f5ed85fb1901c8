using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>
/// K independent LSTM or GRU cells run as one batched matrix product ([K, in, G·h] weights, bmm over units)
/// instead of a loop over K modules. Gate order follows torch.nn.LSTMCell [i|f|g|o] and GRUCell [r|z|n].
/// </summary>
public sealed class BatchedUnitCell : nn.Module
{
    private readonly Parameter weightIh, weightHh, biasIh, biasHh;
    private readonly RimsCellType type;

    /// <summary>Creates K cells reading <paramref name="inputSize"/> into <paramref name="hidden"/> units each; init U(±1/√h).</summary>
    public BatchedUnitCell(int units, int inputSize, int hidden, RimsCellType type) : base("cell")
    {
        this.type = type;
        int gates = (type == RimsCellType.Lstm ? 4 : 3) * hidden;
        double bound = 1 / Math.Sqrt(hidden);
        weightIh = new Parameter((rand(units, inputSize, gates) * 2 - 1) * bound);
        weightHh = new Parameter((rand(units, hidden, gates) * 2 - 1) * bound);
        biasIh = new Parameter((rand(units, gates) * 2 - 1) * bound);
        biasHh = new Parameter((rand(units, gates) * 2 - 1) * bound);
        RegisterComponents();
    }

    /// <summary>The parameters by canonical name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> Canonical() =>
        [("cell.weight_ih", weightIh), ("cell.weight_hh", weightHh), ("cell.bias_ih", biasIh), ("cell.bias_hh", biasHh)];

    /// <summary>
    /// One step for all units: input [K, B, in], previous h (and c) [K, B, h]. Returns the candidate ĥ and ĉ
    /// (ĉ null for GRU), [K, B, h].
    /// </summary>
    public (Tensor H, Tensor? C) Forward(Tensor input, Tensor previousH, Tensor? previousC)
    {
        using var scope = NewDisposeScope();
        var fromInput = input.bmm(weightIh) + biasIh.unsqueeze(1);
        var fromHidden = previousH.bmm(weightHh) + biasHh.unsqueeze(1);
        if (type == RimsCellType.Lstm)
        {
            var z = (fromInput + fromHidden).chunk(4, -1);
            var c = z[1].sigmoid() * previousC! + z[0].sigmoid() * z[2].tanh();
            var h = z[3].sigmoid() * c.tanh();
            return (scope.MoveToOuter(h), scope.MoveToOuter(c));
        }
        var a = fromInput.chunk(3, -1);
        var e = fromHidden.chunk(3, -1);
        var r = (a[0] + e[0]).sigmoid();
        var update = (a[1] + e[1]).sigmoid();
        var n = (a[2] + r * e[2]).tanh();
        var next = (1 - update) * n + update * previousH;
        return (scope.MoveToOuter(next), null);
    }
}
