using Rims.Agents.Ppo;
using Rims.Envs;
using Rims.Policies;
using static TorchSharp.torch;

namespace Rims.Agents.Evaluation;

/// <summary>A policy to evaluate: a trained checkpoint or uniformly random actions.</summary>
public abstract class EvalPolicy : IDisposable
{
    /// <summary>Called before each learner episode (after a reset, including life losses).</summary>
    public abstract void BeginEpisode();

    /// <summary>Chooses the action for <paramref name="observation"/>; <paramref name="activeUnits"/> gets the RIMs mask if any.</summary>
    public abstract int Act(ReadOnlySpan<byte> observation, Span<int> activeUnits);

    /// <summary>Number of modular units (0 for monolithic cores and the random policy).</summary>
    public virtual int Units => 0;

    /// <inheritdoc />
    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Uniformly random actions from a seeded stream (the random-agent baseline).</summary>
public sealed class RandomPolicy(int actionCount, int seed) : EvalPolicy
{
    private readonly Random random = new(seed);

    /// <inheritdoc />
    public override void BeginEpisode() { }

    /// <inheritdoc />
    public override int Act(ReadOnlySpan<byte> observation, Span<int> activeUnits) => random.Next(actionCount);
}

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

/// <summary>Plays whole games (all lives) with a policy and collects raw scores, successes and RIMs activity.</summary>
public static class Evaluator
{
    /// <summary>Receives each frame of the first episode (RGB, height, width) and the active units at that step.</summary>
    public delegate void FrameSink(ReadOnlySpan<byte> rgb, int height, int width, ReadOnlySpan<int> activeUnits);

    /// <summary>Runs <paramref name="episodes"/> games of <paramref name="env"/> with <paramref name="policy"/>.</summary>
    public static EvalResult Run(IEnv env, EvalPolicy policy, string envId, int episodes, int seed, bool deterministic,
        string checkpointLabel, string? trainEnv = null, FrameSink? frames = null)
    {
        if (episodes < 1) throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "--episodes must be at least 1");
        var observation = new byte[env.ObservationSpec.Size];
        var returns = new double[episodes];
        var lengths = new int[episodes];
        var successes = new int[episodes];
        int units = policy.Units;
        var active = new int[units];
        var unitTotals = new double[units];
        long totalSteps = 0;
        var trace = units > 0 ? new List<int[]>() : null;
        var renderable = frames is not null ? env as IRenderableEnv : null;
        var rgb = renderable is null ? null : new byte[renderable.RenderHeight * renderable.RenderWidth * 3];

        env.Reset(observation, seed);
        policy.BeginEpisode();
        for (int episode = 0; episode < episodes; episode++)
        {
            double total = 0;
            int length = 0;
            sbyte success = -1;
            if (episode > 0)
            {
                env.Reset(observation);
                policy.BeginEpisode();
            }
            while (true)
            {
                if (episode == 0 && renderable is not null)
                {
                    renderable.RenderRgb(rgb);
                    frames!(rgb, renderable.RenderHeight, renderable.RenderWidth, active);
                }
                int action = policy.Act(observation, active);
                for (int k = 0; k < units; k++) unitTotals[k] += active[k];
                if (episode == 0) trace?.Add([.. active]);
                var result = env.Step(action, observation);
                total += result.Info.RawReward;
                length++;
                totalSteps++;
                if (result.Info.GameOver)
                {
                    success = result.Info.Success;
                    break;
                }
                if (result.Done)
                {
                    // A learner episode ended but the game goes on (a life lost): reset as training did.
                    env.Reset(observation);
                    policy.BeginEpisode();
                }
            }
            returns[episode] = total;
            lengths[episode] = length;
            successes[episode] = success;
        }

        var withSuccess = successes.Where(s => s >= 0).ToArray();
        double mean = returns.Average();
        return new EvalResult
        {
            Env = envId,
            TrainEnv = trainEnv,
            Checkpoint = checkpointLabel,
            Episodes = episodes,
            Seed = seed,
            Deterministic = deterministic,
            Returns = returns,
            Lengths = lengths,
            Successes = successes,
            Mean = mean,
            Std = Reports.Statistics.Std(returns),
            Iqm = Reports.Statistics.InterquartileMean(returns),
            Min = returns.Min(),
            Max = returns.Max(),
            SuccessRate = withSuccess.Length == 0 ? null : withSuccess.Average(),
            UnitActivation = units > 0 ? unitTotals.Select(t => t / totalSteps).ToArray() : null,
            ActivationTrace = trace?.ToArray(),
        };
    }
}
