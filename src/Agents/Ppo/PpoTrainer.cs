using System.Diagnostics;
using Rims.Envs.Vector;
using Rims.Policies;
using TorchSharp;
using static TorchSharp.torch;
using Adam = TorchSharp.Modules.Adam;

namespace Rims.Agents.Ppo;

/// <summary>
/// Recurrent PPO with CleanRL ppo_atari_lstm semantics. One <see cref="RunIteration"/> = collect NumSteps
/// steps from every env, then UpdateEpochs passes of minibatches made of whole env sequences, each replayed
/// from the recurrent state stored at rollout start with the episode-start masks used while acting.
/// </summary>
public sealed class PpoTrainer : IDisposable
{
    private readonly PpoConfig config;
    private readonly VectorEnv envs;
    private readonly ActorCritic policy;
    private readonly Adam optimizer;
    private readonly Generator sampler;
    private readonly int numEnvs, numSteps, obsSize;

    // Rollout storage, time-major [T, N]; reused every iteration.
    private readonly byte[] rolloutObs;
    private readonly float[] starts, logProbs, values, rewards, advantages, returns;
    private readonly long[] actions;
    private readonly int[] actionBatch;
    private readonly float[] nextStarts, nextValues;
    private readonly double[]? unitCounts;
    private Tensor state;

    /// <summary>Creates a trainer; <paramref name="envs"/> must not have been reset yet.</summary>
    public PpoTrainer(PpoConfig config, VectorEnv envs, ActorCritic policy)
    {
        config.Validate();
        if (envs.Count != config.NumEnvs) throw new ArgumentException($"config wants {config.NumEnvs} envs, got {envs.Count}");
        this.config = config;
        this.envs = envs;
        this.policy = policy;
        numEnvs = config.NumEnvs;
        numSteps = config.NumSteps;
        obsSize = envs.Spec.Size;
        optimizer = optim.Adam(policy.parameters(), config.LearningRate, eps: config.AdamEps);
        sampler = new Generator((ulong)config.Seed);
        int size = numSteps * numEnvs;
        rolloutObs = new byte[size * obsSize];
        starts = new float[size];
        logProbs = new float[size];
        values = new float[size];
        rewards = new float[size];
        advantages = new float[size];
        returns = new float[size];
        actions = new long[size];
        actionBatch = new int[numEnvs];
        nextStarts = new float[numEnvs];
        nextValues = new float[numEnvs];
        if (policy.Core.Units > 0) unitCounts = new double[policy.Core.Units];
        envs.Reset(config.Seed);
        // The first observation of every env starts an episode.
        Array.Fill(nextStarts, 1f);
        state = policy.Core.InitialState(numEnvs);
    }

    /// <summary>Agent steps taken so far.</summary>
    public long GlobalStep { get; private set; }

    /// <summary>Iterations done so far.</summary>
    public long Iteration { get; private set; }

    /// <summary>The policy being trained.</summary>
    public ActorCritic Policy => policy;

    /// <summary>The optimizer (for checkpoints).</summary>
    public Adam Optimizer => optimizer;

    /// <summary>The sampling generator (for checkpoints).</summary>
    public Generator Sampler => sampler;

    /// <summary>Restores counters when resuming from a checkpoint.</summary>
    public void RestoreCounters(long iteration, long globalStep)
    {
        Iteration = iteration;
        GlobalStep = globalStep;
    }

    /// <summary>
    /// Writes what the next iteration depends on besides the weights, the optimizer and the counters: the recurrent
    /// state [N, StateSize] and episode-start flags [N] the next rollout starts from, the sampling generator, torch's
    /// global generator (dropout), and the envs (<see cref="VectorEnv.SaveState"/>). Call between iterations.
    /// </summary>
    public void SaveState(BinaryWriter writer)
    {
        var shape = state.shape;
        writer.Write(shape.Length);
        foreach (long dim in shape) writer.Write(dim);
        foreach (float value in state.data<float>()) writer.Write(value);
        foreach (float start in nextStarts) writer.Write(start);
        WriteGenerator(writer, sampler.get_state());
        WriteGenerator(writer, random.get_rng_state());
        envs.SaveState(writer);
    }

    /// <summary>Restores what <see cref="SaveState"/> wrote into a trainer built from the same config.</summary>
    /// <returns>The number of envs that could not restore their state and start fresh episodes instead.</returns>
    /// <exception cref="InvalidDataException">The state is for another number of envs or another core.</exception>
    public int LoadState(BinaryReader reader)
    {
        var shape = new long[reader.ReadInt32()];
        for (int i = 0; i < shape.Length; i++) shape[i] = reader.ReadInt64();
        if (!shape.SequenceEqual(state.shape))
            throw new InvalidDataException($"the saved recurrent state is [{string.Join(", ", shape)}], this trainer's [{string.Join(", ", state.shape)}]");
        var values = new float[state.numel()];
        for (int i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
        state.Dispose();
        state = tensor(values, shape);
        for (int i = 0; i < numEnvs; i++) nextStarts[i] = reader.ReadSingle();
        using (var samplerState = ReadGenerator(reader)) sampler.set_state(samplerState);
        using (var globalState = ReadGenerator(reader)) random.set_rng_state(globalState);
        var restored = envs.LoadState(reader);
        int fresh = 0;
        for (int i = 0; i < numEnvs; i++)
        {
            if (restored[i]) continue;
            // The env is in the episode its seeded reset started, so its state must start one too.
            nextStarts[i] = 1f;
            fresh++;
        }
        return fresh;
    }

    private static void WriteGenerator(BinaryWriter writer, Tensor generatorState)
    {
        using (generatorState)
        {
            var bytes = generatorState.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    private static Tensor ReadGenerator(BinaryReader reader) => tensor(reader.ReadBytes(reader.ReadInt32()));

    /// <summary>Runs one rollout and one update.</summary>
    public IterationStats RunIteration()
    {
        var total = Stopwatch.StartNew();
        Iteration++;
        double learningRate = config.AnnealLr
            ? config.LearningRate * (1.0 - (Iteration - 1.0) / config.Iterations)
            : config.LearningRate;
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        if (unitCounts is not null) Array.Clear(unitCounts);

        // Be careful: the update replays from the state stored here, before the rollout moves it on.
        using var initialState = state.clone();
        var (episodes, envSeconds, actingSeconds) = CollectRollout();
        ComputeAdvantages();
        var update = Update(initialState);

        total.Stop();
        return new IterationStats
        {
            Iteration = Iteration,
            GlobalStep = GlobalStep,
            Sps = config.BatchSize / total.Elapsed.TotalSeconds,
            LearningRate = learningRate,
            ValueLoss = update.ValueLoss,
            PolicyLoss = update.PolicyLoss,
            Entropy = update.Entropy,
            ApproxKl = update.ApproxKl,
            ClipFrac = update.ClipFrac,
            ExplainedVariance = ExplainedVariance(),
            Episodes = episodes,
            UnitActivation = unitCounts?.Select(c => c / config.BatchSize).ToArray(),
            Profile = new IterationProfile(envSeconds, actingSeconds, update.ForwardSeconds, update.BackwardSeconds,
                update.OptimizerSeconds, total.Elapsed.TotalSeconds),
        };
    }

    private (List<(long, EpisodeEnd)> Episodes, double EnvSeconds, double ActingSeconds) CollectRollout()
    {
        var episodes = new List<(long, EpisodeEnd)>();
        var envClock = new Stopwatch();
        var actClock = new Stopwatch();
        for (int t = 0; t < numSteps; t++)
        {
            int row = t * numEnvs;
            envs.Observations.CopyTo(rolloutObs.AsSpan(row * obsSize, numEnvs * obsSize));
            nextStarts.CopyTo(starts.AsSpan(row, numEnvs));

            actClock.Start();
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var observations = tensor(envs.Observations, [numEnvs, obsSize]);
                var episodeStart = tensor(nextStarts, [numEnvs]);
                var step = policy.Step(observations, state, episodeStart);
                var action = ActionDistribution.Sample(step.Logits, sampler);
                var logProb = ActionDistribution.LogProb(step.Logits, action);
                action.data<long>().CopyTo(actions, row);
                logProb.data<float>().CopyTo(logProbs, row);
                step.Values.data<float>().CopyTo(values, row);
                if (unitCounts is not null && step.ActiveUnits is not null)
                {
                    var perUnit = step.ActiveUnits.sum(dim: 0).data<float>();
                    for (int k = 0; k < unitCounts.Length; k++) unitCounts[k] += perUnit[k];
                }
                var next = step.State.DetachFromDisposeScope();
                state.Dispose();
                state = next;
            }
            actClock.Stop();

            for (int i = 0; i < numEnvs; i++) actionBatch[i] = (int)actions[row + i];
            envClock.Start();
            envs.Step(actionBatch);
            envClock.Stop();
            GlobalStep += numEnvs;

            for (int i = 0; i < numEnvs; i++)
            {
                rewards[row + i] = envs.Rewards[i];
                nextStarts[i] = envs.Terminated[i] || envs.Truncated[i] ? 1f : 0f;
            }
            actClock.Start();
            BootstrapTruncated(row);
            actClock.Stop();
            foreach (var episode in envs.FinishedEpisodes) episodes.Add((GlobalStep, episode));
        }
        return (episodes, envClock.Elapsed.TotalSeconds, actClock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A time limit is not a terminal state: add gamma * V(final observation) to the truncating step's reward
    /// (SB3's treatment), evaluated with the state the env reached, since the returned observation is already
    /// the next episode's.
    /// </summary>
    private void BootstrapTruncated(int row)
    {
        List<int>? truncated = null;
        for (int i = 0; i < numEnvs; i++)
            if (envs.Truncated[i] && !envs.Terminated[i]) (truncated ??= []).Add(i);
        if (truncated is null) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var final = new byte[truncated.Count * obsSize];
        for (int j = 0; j < truncated.Count; j++)
            envs.FinalObservations.AsSpan(truncated[j] * obsSize, obsSize).CopyTo(final.AsSpan(j * obsSize));
        var index = tensor(truncated.Select(i => (long)i).ToArray());
        var step = policy.Step(tensor(final, [truncated.Count, obsSize]), state.index_select(0, index), zeros(truncated.Count));
        var finalValues = step.Values.data<float>();
        for (int j = 0; j < truncated.Count; j++) rewards[row + truncated[j]] += config.Gamma * finalValues[j];
    }

    private void ComputeAdvantages()
    {
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            // The value after the last step, from the state reached; the state itself is not advanced.
            var step = policy.Step(tensor(envs.Observations, [numEnvs, obsSize]), state, tensor(nextStarts, [numEnvs]));
            step.Values.data<float>().CopyTo(nextValues, 0);
        }
        Gae.Compute(numSteps, numEnvs, config.Gamma, config.GaeLambda, rewards, values, starts, nextValues, nextStarts,
            advantages, returns);
    }

    private sealed record UpdateStats(double ValueLoss, double PolicyLoss, double Entropy, double ApproxKl, double ClipFrac,
        double ForwardSeconds, double BackwardSeconds, double OptimizerSeconds);

    private UpdateStats Update(Tensor initialState)
    {
        using var scope = NewDisposeScope();
        var obsAll = tensor(rolloutObs, [numSteps, numEnvs, obsSize]);
        var startsAll = tensor(starts, [numSteps, numEnvs]);
        var actionsAll = tensor(actions, [numSteps, numEnvs]);
        var logProbsAll = tensor(logProbs, [numSteps, numEnvs]);
        var advantagesAll = tensor(advantages, [numSteps, numEnvs]);
        var returnsAll = tensor(returns, [numSteps, numEnvs]);
        var valuesAll = tensor(values, [numSteps, numEnvs]);
        var parameters = policy.parameters().ToArray();

        int envsPerBatch = numEnvs / config.NumMinibatches;
        var order = Enumerable.Range(0, numEnvs).ToArray();
        double valueLoss = 0, policyLoss = 0, entropy = 0, approxKl = 0, clipFrac = 0;
        int batches = 0;
        var forward = new Stopwatch();
        var backward = new Stopwatch();
        var step = new Stopwatch();
        float clip = config.ClipCoef;
        // Seeded per iteration, so a resumed run draws the same minibatches without saving RNG state.
        var minibatchRandom = new Random(unchecked(config.Seed * 1_000_003 + (int)Iteration));
        for (int epoch = 0; epoch < config.UpdateEpochs; epoch++)
        {
            minibatchRandom.Shuffle(order);
            double epochKl = 0;
            for (int start = 0; start < numEnvs; start += envsPerBatch)
            {
                using var batchScope = NewDisposeScope();
                forward.Start();
                var index = tensor(order.AsSpan(start, envsPerBatch).ToArray().Select(i => (long)i).ToArray());
                // Minibatches are whole env sequences; time is never shuffled.
                var replay = policy.Sequence(obsAll.index_select(1, index), initialState.index_select(0, index),
                    startsAll.index_select(1, index));
                var newLogProb = ActionDistribution.LogProb(replay.Logits, actionsAll.index_select(1, index));
                var newEntropy = ActionDistribution.Entropy(replay.Logits);
                var logRatio = newLogProb - logProbsAll.index_select(1, index);
                var ratio = logRatio.exp();
                using (no_grad())
                {
                    epochKl = ((ratio - 1) - logRatio).mean().item<float>();
                    approxKl += epochKl;
                    clipFrac += (ratio - 1).abs().gt(clip).to_type(ScalarType.Float32).mean().item<float>();
                }

                var batchAdvantages = advantagesAll.index_select(1, index);
                if (config.NormAdv)
                    batchAdvantages = (batchAdvantages - batchAdvantages.mean()) / (batchAdvantages.std() + 1e-8f);
                var pgLoss = maximum(-batchAdvantages * ratio, -batchAdvantages * ratio.clamp(1 - clip, 1 + clip)).mean();

                var newValues = replay.Values;
                var batchReturns = returnsAll.index_select(1, index);
                Tensor vLoss;
                if (config.ClipVloss)
                {
                    var oldValues = valuesAll.index_select(1, index);
                    var unclipped = (newValues - batchReturns).square();
                    float valueClip = config.VfClipCoef ?? clip;
                    var clipped = oldValues + (newValues - oldValues).clamp(-valueClip, valueClip);
                    vLoss = 0.5f * maximum(unclipped, (clipped - batchReturns).square()).mean();
                }
                else
                {
                    vLoss = 0.5f * (newValues - batchReturns).square().mean();
                }
                var entropyMean = newEntropy.mean();
                var loss = pgLoss - config.EntCoef * entropyMean + config.VfCoef * vLoss;
                forward.Stop();

                optimizer.zero_grad();
                backward.Start();
                loss.backward();
                backward.Stop();
                step.Start();
                nn.utils.clip_grad_norm_(parameters, config.MaxGradNorm);
                optimizer.step();
                step.Stop();

                valueLoss += vLoss.item<float>();
                policyLoss += pgLoss.item<float>();
                entropy += entropyMean.item<float>();
                batches++;
            }
            if (config.TargetKl is { } target && epochKl > target) break;
        }
        return new UpdateStats(valueLoss / batches, policyLoss / batches, entropy / batches, approxKl / batches,
            clipFrac / batches, forward.Elapsed.TotalSeconds, backward.Elapsed.TotalSeconds, step.Elapsed.TotalSeconds);
    }

    private double ExplainedVariance()
    {
        double meanReturn = returns.Average(r => (double)r);
        double varReturn = returns.Sum(r => (r - meanReturn) * (r - meanReturn)) / returns.Length;
        if (varReturn == 0) return double.NaN;
        double meanResidual = 0;
        for (int i = 0; i < returns.Length; i++) meanResidual += returns[i] - values[i];
        meanResidual /= returns.Length;
        double varResidual = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            double d = returns[i] - values[i] - meanResidual;
            varResidual += d * d;
        }
        return 1 - varResidual / returns.Length / varReturn;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        state.Dispose();
        optimizer.Dispose();
        sampler.Dispose();
    }
}
