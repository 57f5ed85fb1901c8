using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using Rims.Envs;
using Rims.Envs.Vector;
using Rims.Policies;
using static TorchSharp.torch;

namespace Rims.Agents.Ppo;

/// <summary>What a finished run leaves behind.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="GlobalStep">Agent steps trained.</param>
/// <param name="FinalReturnMean">Mean raw return of the last 100 episodes (NaN if none ended).</param>
/// <param name="FinalSuccessRate">Success rate of the last 100 episodes, where the env has the notion.</param>
public sealed record RunResult(string RunDirectory, long GlobalStep, double FinalReturnMean, double? FinalSuccessRate);

/// <summary>
/// A whole training run: builds envs and policy from the config, creates the run folder, iterates the
/// trainer, logs every iteration (progress.csv, episodes.csv, TensorBoard, run.log), saves checkpoints,
/// and writes summary.json at the end.
/// </summary>
public static class PpoRun
{
    /// <summary>Creates the N envs of a config through the registry.</summary>
    public static VectorEnv MakeEnvs(PpoConfig config, EnvRegistry? registry = null)
    {
        registry ??= EnvRegistry.Default;
        var settings = new EnvSettings { RomsDirectory = config.Roms, Options = config.EnvOptions };
        var envs = new List<IEnv>(config.NumEnvs);
        try
        {
            for (int i = 0; i < config.NumEnvs; i++) envs.Add(registry.Make(config.Env, settings));
        }
        catch
        {
            foreach (var env in envs) env.Dispose();
            throw;
        }
        return new VectorEnv(envs, config.EnvThreads);
    }

    /// <summary>Trains as <paramref name="config"/> says; <paramref name="onIteration"/> sees every iteration.</summary>
    /// <param name="config">The run's settings.</param>
    /// <param name="command">The command line that started the run, recorded in config.json.</param>
    /// <param name="runDirectory">The run folder (null: runs/{env}__{core}__{seed}__{utc time}).</param>
    /// <param name="onIteration">Progress callback (the CLI's live display).</param>
    /// <param name="cancellation">Stops after the current iteration, still saving a checkpoint and the summary.</param>
    public static RunResult Train(PpoConfig config, string command, string? runDirectory = null,
        Action<IterationStats, RecentEpisodes>? onIteration = null, CancellationToken cancellation = default)
    {
        config.Validate();
        using var envs = MakeEnvs(config);
        set_num_threads(config.Threads ?? PpoConfig.DefaultThreads(envs.Spec));
        using var policy = CreateSeededPolicy(config, envs);
        int framesPerStep = envs.Envs[0] is IFramedEnv framed ? framed.FramesPerStep : 1;
        var path = runDirectory ?? Path.Combine("runs", RunFolder.DefaultName(config.Env, config.Core, config.Seed, DateTime.UtcNow));

        var configJson = BuildInfo.RunConfig(config, command, policy.ParameterCount);
        configJson["frame_skip"] = framesPerStep;
        configJson["observation"] = envs.Spec.ToString();
        configJson["actions"] = envs.ActionCount;

        // CleanRL's tag names, so progress.csv, TensorBoard and CleanRL's own logs line up column for column.
        string[] columns =
        [
            "iteration", "global_step", "frames", "wall_seconds", "charts/SPS", "episodes", "charts/episodic_return",
            "charts/episodic_length", "charts/success_rate", "charts/learning_rate", "losses/value_loss", "losses/policy_loss",
            "losses/entropy", "losses/approx_kl", "losses/clipfrac", "losses/explained_variance",
            .. Enumerable.Range(0, policy.Core.Units).Select(k => $"rims/unit_active_{k}"),
        ];
        using var run = RunFolder.Create(path, configJson, columns);
        run.Log.Information("training {Env} with {Core} core, {Parameters} parameters, {Iterations} iterations: {Command}",
            config.Env, config.Core, policy.ParameterCount, config.Iterations, command);

        using var trainer = new PpoTrainer(config, envs, policy);
        var recent = new RecentEpisodes();
        var unitTotals = new double[policy.Core.Units];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (trainer.Iteration < config.Iterations && !cancellation.IsCancellationRequested)
        {
            var stats = trainer.RunIteration();
            foreach (var (step, episode) in stats.Episodes)
            {
                recent.Add(episode);
                run.Episodes.Append(step, episode.Return, episode.Length, episode.Success);
                run.Board.add_scalar("charts/episodic_return", (float)episode.Return, (int)step);
                run.Board.add_scalar("charts/episodic_length", episode.Length, (int)step);
            }
            if (stats.UnitActivation is { } activation)
                for (int k = 0; k < activation.Length; k++) unitTotals[k] += activation[k];
            LogIteration(run, stats, framesPerStep, clock.Elapsed.TotalSeconds);
            onIteration?.Invoke(stats, recent);
            if (config.SaveEvery > 0 && stats.Iteration % config.SaveEvery == 0)
                Checkpoint.Save(Path.Combine(run.CheckpointsPath, $"iter_{stats.Iteration:D6}.ckpt"), trainer, config);
        }
        var finalCheckpoint = Path.Combine(run.CheckpointsPath, "final.ckpt");
        Checkpoint.Save(finalCheckpoint, trainer, config);

        double? successRate = recent.SuccessRate;
        var summary = new JsonObject
        {
            ["env"] = config.Env,
            ["core"] = config.Core,
            ["seed"] = config.Seed,
            ["total_steps"] = trainer.GlobalStep,
            ["frames"] = trainer.GlobalStep * framesPerStep,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds,
            ["sps"] = trainer.GlobalStep / clock.Elapsed.TotalSeconds,
            ["parameters"] = policy.ParameterCount,
            ["episodes"] = recent.Count,
            ["mean_return_last_100"] = double.IsNaN(recent.MeanReturn) ? null : recent.MeanReturn,
            ["success_rate_last_100"] = successRate,
            ["unit_activation"] = policy.Core.Units > 0 && trainer.Iteration > 0
                ? new JsonArray(unitTotals.Select(t => (JsonNode?)JsonValue.Create(t / trainer.Iteration)).ToArray())
                : null,
            ["checkpoint"] = Path.GetRelativePath(run.Path, finalCheckpoint),
            ["completed"] = trainer.Iteration >= config.Iterations,
        };
        run.WriteSummary(summary);
        run.Log.Information("finished at step {Step}: mean return {Return:F2} over the last {Count} episodes",
            trainer.GlobalStep, recent.MeanReturn, Math.Min(recent.Count, 100));
        return new RunResult(run.Path, trainer.GlobalStep, recent.MeanReturn, successRate);
    }

    private static readonly Lock TorchSeedLock = new();

    /// <summary>
    /// Seeds torch's global generator and builds the policy under one lock, so runs trained on parallel threads
    /// (compare --parallel) still get the initial weights their seed implies.
    /// </summary>
    public static ActorCritic CreateSeededPolicy(PpoConfig config, VectorEnv envs)
    {
        lock (TorchSeedLock)
        {
            random.manual_seed(config.Seed);
            return PolicyFactory.Create(config, envs.Spec, envs.ActionCount);
        }
    }

    private static void LogIteration(RunFolder run, IterationStats stats, int framesPerStep, double wallSeconds)
    {
        var ended = stats.Episodes;
        double? Mean(Func<Envs.Vector.EpisodeEnd, double> f) => ended.Count == 0 ? null : ended.Average(e => f(e.Episode));
        var withSuccess = ended.Where(e => e.Episode.Success >= 0).ToList();
        double? success = withSuccess.Count == 0 ? null : withSuccess.Average(e => (double)e.Episode.Success);
        double?[] row =
        [
            stats.Iteration, stats.GlobalStep, stats.GlobalStep * framesPerStep, wallSeconds, stats.Sps, ended.Count,
            Mean(e => e.Return), Mean(e => e.Length), success, stats.LearningRate, stats.ValueLoss, stats.PolicyLoss,
            stats.Entropy, stats.ApproxKl, stats.ClipFrac, stats.ExplainedVariance,
            .. (stats.UnitActivation ?? []).Select(a => (double?)a),
        ];
        run.Progress.Append(row);
        int step = (int)stats.GlobalStep;
        run.Board.add_scalar("charts/SPS", (float)stats.Sps, step);
        run.Board.add_scalar("charts/learning_rate", (float)stats.LearningRate, step);
        run.Board.add_scalar("losses/value_loss", (float)stats.ValueLoss, step);
        run.Board.add_scalar("losses/policy_loss", (float)stats.PolicyLoss, step);
        run.Board.add_scalar("losses/entropy", (float)stats.Entropy, step);
        run.Board.add_scalar("losses/approx_kl", (float)stats.ApproxKl, step);
        run.Board.add_scalar("losses/clipfrac", (float)stats.ClipFrac, step);
        run.Board.add_scalar("losses/explained_variance", (float)stats.ExplainedVariance, step);
        if (success is { } s) run.Board.add_scalar("charts/success_rate", (float)s, step);
        if (stats.UnitActivation is { } activation)
            for (int k = 0; k < activation.Length; k++) run.Board.add_scalar($"rims/unit_active_{k}", (float)activation[k], step);
        var p = stats.Profile;
        run.Log.Information(
            "iteration {Iteration} step {Step} sps {Sps:F0} episodes {Episodes} return {Return} value_loss {ValueLoss:F4} " +
            "entropy {Entropy:F3} kl {Kl:F4} | time env {Env:F2}s acting {Acting:F2}s update-forward {Forward:F2}s backward {Backward:F2}s optimizer {Optimizer:F2}s other {Other:F2}s",
            stats.Iteration, stats.GlobalStep, stats.Sps, ended.Count, Mean(e => e.Return), stats.ValueLoss, stats.Entropy,
            stats.ApproxKl, p.Env, p.Acting, p.UpdateForward, p.Backward, p.Optimizer, p.Other);
    }
}
