using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims;

/// <summary>One step of a RIMs layer: new h [B, K·h], new c (LSTM) or null, the active mask [B, K] and the selection score [B, K].</summary>
public sealed record RimsStep(Tensor H, Tensor? C, Tensor Mask, Tensor Score);

/// <summary>A sequence of RIMs steps.</summary>
/// <param name="H">h after every step, [T, B, K·h].</param>
/// <param name="FinalH">h after the last step, [B, K·h].</param>
/// <param name="FinalC">c after the last step for LSTM cells, [B, K·h], else null.</param>
/// <param name="Mask">1 where a unit was active, [T, B, K] (a constant).</param>
/// <param name="Score">The selection score of every step, [T, B, K] (no gradient), or null when not asked for.</param>
public sealed record RimsSequence(Tensor H, Tensor FinalH, Tensor? FinalC, Tensor Mask, Tensor? Score);

/// <summary>
/// Recurrent Independent Mechanisms (Goyal et al.), the math of ../shared/fixtures/rims/README.md §4 with the
/// official code's quirks: K units with their own LSTM/GRU weights compete through input attention; the k_A
/// winners update, communicate through multi-head attention with a gated residual, and the rest keep their
/// state and pass gradient through time unchanged. State layout [B, K·h], unit k in columns k·h..(k+1)·h-1.
/// </summary>
/// <remarks>
/// Speed: libtorch's per-op overhead, not arithmetic, dominates at RL sizes, so <see cref="Sequence"/> computes
/// everything that does not depend on the recurrent state for all steps at once (input keys and values folded into
/// per-unit logit weights, the input-side half of the gate pre-activations) and keeps the state unit-major,
/// [K, B, h], so each per-unit projection is one bmm; attention among units is a broadcast product over the K x K
/// unit pairs (no einsum, no permuted copies). <see cref="Step"/> is the op-by-op code with T = 1 and scores; acting
/// without gradients calls <see cref="Sequence"/> with T = 1 instead, which for LSTM units with null-input selection
/// runs the hand-written recurrence with nothing saved.
/// </remarks>
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
        cell = new BatchedUnitCell(config);
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

    /// <summary>
    /// One step with its selection scores: x [B, d_in], h [B, K·h], c [B, K·h] for LSTM cells (null for GRU). Always
    /// the op-by-op path (scores are asked for), the reference the sequence path is tested against.
    /// </summary>
    public RimsStep Step(Tensor x, Tensor h, Tensor? c)
    {
        using var scope = NewDisposeScope();
        var run = Sequence(x.unsqueeze(0), h, c, resets: null, withScore: true);
        var step = new RimsStep(run.FinalH, run.FinalC, run.Mask[0], run.Score![0]);
        scope.MoveToOuter([step.H, step.Mask, step.Score]);
        if (step.C is not null) scope.MoveToOuter(step.C);
        return step;
    }

    /// <summary>
    /// Runs the layer over x [T, B, d_in] from h [B, K·h] (and c for LSTM cells). <paramref name="resets"/>, if
    /// given, is [T, B] with 1 where the state is zeroed before that step (an episode start), as PPO replays
    /// rollouts. <paramref name="withScore"/> also returns the selection scores.
    /// </summary>
    public RimsSequence Sequence(Tensor x, Tensor h, Tensor? c, Tensor? resets = null, bool withScore = false)
    {
        using var scope = NewDisposeScope();
        int units = Config.Units, hidden = Config.Hidden;
        long steps = x.shape[0], batch = x.shape[1];
        bool lstm = Config.Cell == RimsCellType.Lstm;
        bool inputDropoutActive = Config.Dropout > 0 && training;

        var (logitWeights, inputValue) = inputAttention.Precompute(x);
        if (HandWrittenBackward && lstm && !inputDropoutActive && !withScore && Config.Selection == RimsSelection.NullInput
            && (Config.Dropout == 0 || !training))
        {
            var fast = HandWrittenSequence(logitWeights, cell.InputGates(inputValue), h, c!, resets);
            scope.MoveToOuter([fast.H, fast.FinalH, fast.FinalC!, fast.Mask]);
            return fast;
        }
        // With dropout on the unit input u = a ν, u has to be formed explicitly; otherwise a (ν W_ih) is exact.
        var inputGates = inputDropoutActive ? null : cell.InputGates(inputValue).unbind(0);
        var values = inputDropoutActive ? inputValue.unbind(0) : null;
        var logitWeightSteps = logitWeights.unbind(0);
        var (inputBias, hiddenBias) = cell.StepBiases();
        var commWeights = comm.Fuse();
        // Which steps reset some row: read once, so the other steps skip the multiply.
        float[]? resetRows = resets?.data<float>().ToArray();
        var keep = resets is null ? null : (1f - resets).view(steps, 1, batch, 1).unbind(0);

        // Unit-major state, [K, B, h], for the whole sequence.
        var previousH = h.view(batch, units, hidden).transpose(0, 1).contiguous();
        var previousC = lstm ? c!.view(batch, units, hidden).transpose(0, 1).contiguous() : null;
        var selection = UnitSelection.Constants.For(Config, batch);
        var hs = new Tensor[steps];
        var inactives = new Tensor[steps];
        var scores = withScore ? new Tensor[steps] : null;
        for (int t = 0; t < steps; t++)
        {
            if (keep is not null && AnyReset(resetRows!, t, batch))
            {
                previousH = previousH * keep[t];
                if (lstm) previousC = previousC! * keep[t];
            }
            var logits = previousH.mul(logitWeightSteps[t]).sum(-1, keepdim: true);               // [K, B, 1]
            var (weight, score, keepState) = UnitSelection.Select(logits, Config, selection, withScore);
            // Every unit gets its attended input, active or not (quirk 2).
            var unitInput = values is null ? null : inputDropout.forward(weight * values[t].unsqueeze(0));
            var inputSide = cell.InputSide(inputBias, weight, inputGates?[t], unitInput);
            var (candidateH, candidateC) = cell.Step(inputSide, hiddenBias, previousH, previousC);

            // Gradient reaches ĥ through communication only for active units (the official blocked_grad).
            var blocked = where(keepState, candidateH.detach(), candidateH);
            var communicated = comm.Forward(blocked, candidateH, commWeights);
            previousH = where(keepState, previousH, communicated);
            if (lstm) previousC = where(keepState, previousC!, candidateC!);
            hs[t] = previousH;
            inactives[t] = keepState;
            if (scores is not null) scores[t] = score!;
        }

        // [T, K, B, h] -> [T, B, K·h]; masks and scores [T, K, B, 1] -> [T, B, K].
        Tensor BatchMajor(Tensor unitMajor) => unitMajor.transpose(0, 1).reshape(batch, units * hidden);
        var outputs = stack(hs).transpose(1, 2).reshape(steps, batch, units * hidden);
        var mask = stack(inactives).squeeze(-1).logical_not().transpose(1, 2).to_type(ScalarType.Float32);
        var result = new RimsSequence(outputs, BatchMajor(previousH), lstm ? BatchMajor(previousC!) : null, mask,
            scores is null ? null : stack(scores).squeeze(-1).transpose(1, 2).contiguous());
        scope.MoveToOuter([result.H, result.FinalH, result.Mask]);
        if (result.FinalC is not null) scope.MoveToOuter(result.FinalC);
        if (result.Score is not null) scope.MoveToOuter(result.Score);
        return result;
    }

    /// <summary>
    /// Whether <see cref="Sequence"/> runs the hand-written recurrence
    /// (<see cref="LstmSequenceFunction"/>) where it applies: LSTM units, null-input selection, no active dropout, no
    /// scores asked for. With gradient recording on it is one autograd node with a hand-written backward; without, the
    /// same forward with nothing saved. Elsewhere, or when false, the sequence is recorded op by op by autograd (the
    /// reference path).
    /// </summary>
    public bool HandWrittenBackward { get; set; } = true;

    private RimsSequence HandWrittenSequence(Tensor logitWeights, Tensor inputGates, Tensor h, Tensor c, Tensor? resets)
    {
        int units = Config.Units, hidden = Config.Hidden;
        long steps = logitWeights.shape[0], batch = h.shape[0];
        bool[]? resetSteps = null;
        if (resets is not null)
        {
            var rows = resets.data<float>().ToArray();
            resetSteps = [.. Enumerable.Range(0, (int)steps).Select(t => AnyReset(rows, t, batch))];
        }
        var keep = resets is null ? null : (1f - resets).view(steps, 1, batch, 1);
        var (inputBias, _) = cell.StepBiases();
        var commWeights = comm.Fuse();
        var (unitH, unitC) = (h.view(batch, units, hidden).transpose(0, 1).contiguous(), c.view(batch, units, hidden).transpose(0, 1).contiguous());
        var options = new LstmSequenceFunction.Options(Config, resetSteps);
        var outputs = is_grad_enabled()
            ? LstmSequenceFunction.apply(logitWeights, inputGates, unitH, unitC, cell.WeightHh, inputBias, commWeights.Projection,
                commWeights.OutputWeight, commWeights.OutputBias, keep!, options)
            : LstmSequenceFunction.Forward(logitWeights, inputGates, unitH, unitC, cell.WeightHh, inputBias, commWeights.Projection,
                commWeights.OutputWeight, commWeights.OutputBias, keep, options, saved: null);
        var (hs, finalC, inactive) = (outputs[0], outputs[1], outputs[2]);
        Tensor BatchMajor(Tensor unitMajor) => unitMajor.transpose(0, 1).reshape(batch, units * hidden);
        return new RimsSequence(hs.transpose(1, 2).reshape(steps, batch, units * hidden), BatchMajor(hs[steps - 1]), BatchMajor(finalC),
            inactive.squeeze(-1).logical_not().transpose(1, 2).to_type(ScalarType.Float32), null);
    }

    private static bool AnyReset(float[] resets, int step, long batch)
    {
        for (long b = 0; b < batch; b++)
            if (resets[step * batch + b] != 0) return true;
        return false;
    }
}
