using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// The RIMs layer as a recurrent core. State = [h of all units, then c of all units for LSTM cells], each
/// K·h wide. The heads read the concatenated h of all units, active or not (the paper's App. C.3; the official
/// Atari code bypassed the RIMs here). Every step reports which units were active.
/// </summary>
public sealed class RimsCore : SequenceCore
{
    private readonly RimsCell cell;
    private readonly int total;
    private readonly bool hasCellState;

    /// <summary>A RIMs core over <paramref name="inputSize"/> features; the config's InputSize is overridden.</summary>
    public RimsCore(int inputSize, RimsConfig config) : base("rims_core")
    {
        cell = new RimsCell(config with { InputSize = inputSize });
        InputSize = inputSize;
        total = cell.Config.TotalHidden;
        hasCellState = cell.Config.Cell == RimsCellType.Lstm;
        RegisterComponents();
    }

    /// <summary>The layer's configuration.</summary>
    public RimsConfig Config => cell.Config;

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <inheritdoc />
    public override int OutputSize => total;

    /// <inheritdoc />
    public override int StateSize => hasCellState ? 2 * total : total;

    /// <inheritdoc />
    public override int Units => cell.Config.Units;

    /// <summary>
    /// One step. With gradient recording on, the cell's op-by-op step (the reference the sequence path is tested
    /// against); without it (acting), the sequence path with T = 1, which for LSTM units with null-input selection runs
    /// the hand-written recurrence and skips the work only a backward or the scores need.
    /// </summary>
    protected override CoreStep Cell(Tensor x, Tensor state)
    {
        using var h = state.narrow(1, 0, total);
        using var c = hasCellState ? state.narrow(1, total, total) : null;
        Tensor output, mask;
        Tensor? finalC;
        if (is_grad_enabled())
        {
            var step = cell.Step(x, h, c);
            step.Score.Dispose();
            (output, finalC, mask) = (step.H, step.C, step.Mask);
        }
        else
        {
            using var run = NewDisposeScope();
            var sequence = cell.Sequence(x.unsqueeze(0), h, c);
            (output, finalC, mask) = (sequence.FinalH, sequence.FinalC, sequence.Mask[0]);
            run.MoveToOuter(output, mask);
            if (finalC is not null) run.MoveToOuter(finalC);
        }
        var next = finalC is null ? output.alias() : cat([output, finalC], 1);
        finalC?.Dispose();
        return new CoreStep(output, next, mask);
    }

    /// <summary>
    /// The whole replay in the cell's sequence path (state-independent work done once for all T, unit-major state),
    /// with the base contract: the state is zeroed where <paramref name="episodeStarts"/> [T, B] is 1, before that step.
    /// </summary>
    public override CoreSequence Sequence(Tensor x, Tensor state, Tensor episodeStarts)
    {
        using var h = state.narrow(1, 0, total);
        using var c = hasCellState ? state.narrow(1, total, total) : null;
        var run = cell.Sequence(x, h, c, episodeStarts);
        var final = run.FinalC is null ? run.FinalH : cat([run.FinalH, run.FinalC], 1);
        if (run.FinalC is not null)
        {
            run.FinalH.Dispose();
            run.FinalC.Dispose();
        }
        return new CoreSequence(run.H, final, run.Mask);
    }
}
