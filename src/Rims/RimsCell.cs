using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>One step of a RIMs layer: new h [B, K·h], new c (LSTM) or null, the active mask [B, K] and the selection score [B, K].</summary>
public sealed record RimsStep(Tensor H, Tensor? C, Tensor Mask, Tensor Score);

/// <summary>
/// Recurrent Independent Mechanisms (Goyal et al.), the math of ../shared/fixtures/rims/README.md §4 with the
/// official code's quirks: K units with their own LSTM/GRU weights compete through input attention; the k_A
/// winners update, communicate through multi-head attention with a gated residual, and the rest keep their
/// state and pass gradient through time unchanged. State layout [B, K·h], unit k in columns k·h..(k+1)·h-1.
/// </summary>
public sealed class RimsCell : nn.Module
{
    private readonly InputAttention inputAttention;
    private readonly BatchedUnitCell cell;
    private readonly CommunicationAttention comm;
    private readonly Dropout inputDropout;

    /// <summary>Creates a layer; the config is validated first.</summary>
    public RimsCell(RimsConfig config) : base("rims_cell")
    {
        Config = config.Validated();
        inputAttention = new InputAttention(config);
        cell = new BatchedUnitCell(config.Units, config.InputValueSize, config.Hidden, config.Cell);
        comm = new CommunicationAttention(config);
        inputDropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>The layer's sizes and switches.</summary>
    public RimsConfig Config { get; }

    /// <summary>Every parameter by its canonical name (fixtures README §2.1, without the "param." prefix).</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> CanonicalParameters() =>
        [.. inputAttention.Canonical(), .. cell.Canonical(), .. comm.Canonical()];

    /// <summary>Copies parameters in the canonical layout (e.g. from a safetensors file) into the layer.</summary>
    public void LoadCanonical(Func<string, Tensor> lookup)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in CanonicalParameters())
        {
            var source = lookup(name);
            if (!source.shape.SequenceEqual(parameter.shape))
                throw new ArgumentException($"parameter {name}: shape [{string.Join(", ", source.shape)}] does not match the layer's [{string.Join(", ", parameter.shape)}]");
            parameter.copy_(source);
        }
    }

    /// <summary>One step: x [B, d_in], h [B, K·h], c [B, K·h] for LSTM cells (null for GRU).</summary>
    public RimsStep Step(Tensor x, Tensor h, Tensor? c)
    {
        using var scope = NewDisposeScope();
        int units = Config.Units, hidden = Config.Hidden;
        long batch = x.shape[0];
        // Work unit-major, [K, B, h], so every per-unit projection is one bmm.
        var previousH = h.view(batch, units, hidden).transpose(0, 1);
        var previousC = c?.view(batch, units, hidden).transpose(0, 1);

        var (logits, inputValue) = inputAttention.Forward(x, previousH);
        var (inputWeight, score, mask) = UnitSelection.Select(logits, Config);
        // Every unit gets its attended input, active or not (quirk 2).
        var unitInput = inputWeight.t().unsqueeze(-1) * inputValue.unsqueeze(0);                          // [K, B, d_v]
        if (Config.Dropout > 0) unitInput = inputDropout.forward(unitInput);
        var (candidateH, candidateC) = cell.Forward(unitInput, previousH, previousC);

        var m = mask.t().unsqueeze(-1);                                                          // [K, B, 1]
        // Gradient reaches ĥ through communication only for active units (the official blocked_grad).
        var blocked = m * candidateH + (1 - m) * candidateH.detach();
        var communicated = comm.Forward(blocked, candidateH);
        var nextH = (m * communicated + (1 - m) * previousH).transpose(0, 1).reshape(batch, units * hidden);
        Tensor? nextC = candidateC is null
            ? null
            : scope.MoveToOuter((m * candidateC + (1 - m) * previousC!).transpose(0, 1).reshape(batch, units * hidden));
        return new RimsStep(scope.MoveToOuter(nextH), nextC, scope.MoveToOuter(mask), scope.MoveToOuter(score));
    }
}
