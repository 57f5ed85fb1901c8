using Rims.Agents.Ppo;
using Rims.Envs;
using Rims.Policies;
using static TorchSharp.torch;

namespace Rims.Agents.Evaluation;

/// <summary>A trained actor-critic acting one env, carrying its recurrent state and resetting it at episode starts.</summary>
public sealed class CheckpointPolicy : EvalPolicy
{
    private readonly ActorCritic policy;
    private readonly Generator sampler;
    private readonly bool deterministic;
    private readonly int obsSize;
    private Tensor state;
    private bool episodeStart = true;

    /// <summary>Loads <paramref name="checkpointPath"/> for an env with <paramref name="spec"/> and <paramref name="actionCount"/>.</summary>
    public CheckpointPolicy(string checkpointPath, ObservationSpec spec, int actionCount, int seed, bool deterministic)
    {
        Header = Checkpoint.ReadHeader(checkpointPath);
        policy = PolicyFactory.Create(Header.Config, spec, actionCount);
        Checkpoint.LoadPolicy(checkpointPath, policy);
        policy.eval();
        sampler = new Generator((ulong)seed);
        this.deterministic = deterministic;
        obsSize = spec.Size;
        state = policy.Core.InitialState(1);
    }

    /// <summary>The checkpoint's header (config, counters).</summary>
    public CheckpointHeader Header { get; }

    /// <inheritdoc />
    public override int Units => policy.Core.Units;

    /// <inheritdoc />
    public override void BeginEpisode() => episodeStart = true;

    /// <inheritdoc />
    public override int Act(ReadOnlySpan<byte> observation, Span<int> activeUnits)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var step = policy.Step(tensor(observation.ToArray(), [1, obsSize]), state, tensor(new[] { episodeStart ? 1f : 0f }));
        episodeStart = false;
        var action = deterministic ? step.Logits.argmax(-1) : ActionDistribution.Sample(step.Logits, sampler);
        if (step.ActiveUnits is { } active)
        {
            var mask = active.data<float>();
            for (int k = 0; k < activeUnits.Length; k++) activeUnits[k] = mask[k] > 0.5f ? 1 : 0;
        }
        var next = step.State.DetachFromDisposeScope();
        state.Dispose();
        state = next;
        return (int)action.item<long>();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        state.Dispose();
        sampler.Dispose();
        policy.Dispose();
        base.Dispose();
    }
}
