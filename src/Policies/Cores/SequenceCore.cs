using TorchSharp;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// The core between the encoder and the actor-critic heads, stepped while acting and replayed over whole sequences
/// in the PPO update: recurrent (LSTM, GRU, RIMs) or memoryless (<see cref="FeedForwardCore"/>, whose state is
/// empty). Its state is one flat tensor [B, StateSize] (for LSTM-style cells h then c, concatenated; zero-width
/// without recurrence) so rollout storage, masking and minibatch slicing are the same for every core. Episode starts
/// reset the state by multiplying it with (1 - episode_start) before the step (CleanRL semantics); this happens
/// here, once, so every core shares the code path.
/// </summary>
public abstract class SequenceCore : nn.Module
{
    /// <summary>Creates a core named <paramref name="name"/>.</summary>
    protected SequenceCore(string name) : base(name) { }

    /// <summary>Width of the input feature vector.</summary>
    public abstract int InputSize { get; }

    /// <summary>Width of the output the heads read.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Width of the flat recurrent state (0 for a core without recurrence).</summary>
    public abstract int StateSize { get; }

    /// <summary>Number of modular units (RIMs), or 0 for monolithic cores.</summary>
    public virtual int Units => 0;

    /// <summary>The zero state for <paramref name="batch"/> sequences.</summary>
    public Tensor InitialState(long batch, Device? device = null) => zeros(batch, StateSize, device: device);

    /// <summary>
    /// The cell proper: one step from an already-masked state. x [B, InputSize], state [B, StateSize].
    /// </summary>
    protected abstract CoreStep Cell(Tensor x, Tensor state);

    /// <summary>
    /// One acting step. <paramref name="episodeStart"/> is [B] with 1 where this step begins a new episode:
    /// the state is zeroed there before the cell runs.
    /// </summary>
    public CoreStep Step(Tensor x, Tensor state, Tensor episodeStart)
    {
        using var keep = (1.0f - episodeStart).unsqueeze(1);
        return Cell(x, state * keep);
    }

    /// <summary>
    /// Replays a whole sequence from <paramref name="state"/> (the state stored at rollout start) with the same
    /// episode-start masks used while acting. x [T, B, InputSize], episodeStarts [T, B].
    /// </summary>
    public virtual CoreSequence Sequence(Tensor x, Tensor state, Tensor episodeStarts)
    {
        long steps = x.shape[0];
        var outputs = new List<Tensor>((int)steps);
        var actives = new List<Tensor>((int)steps);
        for (long t = 0; t < steps; t++)
        {
            var step = Step(x[t], state, episodeStarts[t]);
            outputs.Add(step.Output);
            if (step.ActiveUnits is not null) actives.Add(step.ActiveUnits);
            state = step.State;
        }
        return new CoreSequence(stack(outputs), state, actives.Count > 0 ? stack(actives) : null);
    }
}
