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
/// <param name="StopReason">Why the run stopped before its total (e.g. "SIGTERM"), or null when it finished.</param>
public sealed record RunResult(string RunDirectory, long GlobalStep, double FinalReturnMean, double? FinalSuccessRate, string? StopReason = null);

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
        var settings = config.EnvSettings;
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
    /// <param name="stop">Ends the run after the current iteration, still saving a checkpoint and the summary.</param>
    public static RunResult Train(PpoConfig config, string command, string? runDirectory = null,
        Action<IterationStats, RecentEpisodes>? onIteration = null, StopRequest? stop = null)
    {
        config.Validate();
        var path = runDirectory ?? Path.Combine("runs", RunFolder.DefaultName(config.Env, config.Core, config.Seed, DateTime.UtcNow));
        return Run(config, command, path, null, onIteration, stop);
    }

    /// <summary>
    /// Continues a stopped run from <paramref name="point"/>, bit-exactly where the envs can snapshot themselves:
    /// weights, optimizer, RNG streams, counters, recurrent state and env states come from the checkpoint; logs
    /// continue after its rows.
    /// </summary>
    /// <param name="point">The run folder's newest complete checkpoint (<see cref="ResumePoint.Find"/>).</param>
    /// <param name="config">The checkpoint's config, changed only as <see cref="ResumePoint.CheckChanges"/> allows.</param>
    /// <param name="command">The resuming command line, recorded in run.log and config.json.</param>
    /// <param name="onIteration">Progress callback.</param>
    /// <param name="stop">Ends the run after the current iteration, as in <see cref="Train"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="config"/> changes a setting a resume may not change.</exception>
    public static RunResult Resume(ResumePoint point, PpoConfig config, string command,
        Action<IterationStats, RecentEpisodes>? onIteration = null, StopRequest? stop = null)
    {
        config.Validate();
        point.CheckChanges(config);
        return Run(config, command, point.RunDirectory, point, onIteration, stop);
    }

    private static RunResult Run(PpoConfig config, string command, string path, ResumePoint? resume,
        Action<IterationStats, RecentEpisodes>? onIteration, StopRequest? stop)
    {
        using var envs = MakeEnvs(config);
        set_num_threads(config.Threads ?? PpoConfig.DefaultThreads(envs.Spec));
        using var policy = CreateSeededPolicy(config, envs);
        int framesPerStep = envs.Envs[0] is IFramedEnv framed ? framed.FramesPerStep : 1;

        var metrics = ProgressMetrics.For(policy.Core.Units);
        string[] columns = [.. metrics.Select(m => m.Tag)];
        using var trainer = new PpoTrainer(config, envs, policy);
        RecentEpisodes recent;
        double[] unitTotals;
        double previousSeconds;
        RunFolder run;
        if (resume is null)
        {
            var configJson = BuildInfo.RunConfig(config, command, policy.ParameterCount);
            configJson["frame_skip"] = framesPerStep;
            configJson["observation"] = envs.Spec.ToString();
            configJson["actions"] = envs.ActionCount;
            run = RunFolder.Create(path, configJson, columns);
            run.Log.Information("training {Env} with {Core} core, {Parameters} parameters, {Iterations} iterations: {Command}",
                config.Env, config.Core, policy.ParameterCount, config.Iterations, command);
            if (config.StepRoundingNote is { } rounding) run.Log.Information("{Note}", rounding);
            recent = new RecentEpisodes();
            unitTotals = new double[policy.Core.Units];
            previousSeconds = 0;
        }
        else
        {
            var (header, freshEnvs) = Checkpoint.Restore(resume.CheckpointPath, trainer);
            var totals = header.Totals
                         ?? throw new InvalidDataException($"{resume.CheckpointPath} was not written by a training run (it has no run totals); it cannot be resumed");
            run = RunFolder.Continue(path, columns, header.Iteration, header.GlobalStep);
            foreach (var reason in resume.Skipped) run.Log.Warning("skipped a damaged checkpoint: {Reason}", reason);
            run.Log.Information("resumed from {Checkpoint} at iteration {Iteration}, step {Step}; {Iterations} iterations in all: {Command}",
                Path.GetRelativePath(path, resume.CheckpointPath), header.Iteration, header.GlobalStep, config.Iterations, command);
            if (freshEnvs > 0)
                run.Log.Warning("{Fresh} of {Count} envs cannot snapshot their state; they start fresh episodes, so this run is not bit-identical to an unstopped one",
                    freshEnvs, envs.Count);
            RecordResume(path, config, command, resume);
            recent = RecentEpisodes.Continue(totals.Episodes, totals.RecentEpisodes);
            unitTotals = totals.UnitActivationSums.Length == policy.Core.Units ? [.. totals.UnitActivationSums] : new double[policy.Core.Units];
            previousSeconds = totals.WallSeconds;
        }
        using var runFolder = run;
        var sink = new MetricsSink(run, columns, metrics.Where(m => m.Charted).Select(m => m.Tag));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        RunTotals Totals() => new(previousSeconds + clock.Elapsed.TotalSeconds, recent.Count, recent.Window, [.. unitTotals]);
        try
        {
            while (trainer.Iteration < config.Iterations && stop?.IsRequested != true)
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
                var record = new IterationRecord(stats, framesPerStep, previousSeconds + clock.Elapsed.TotalSeconds);
                sink.Write(stats.GlobalStep, metrics.Select(m => (m.Tag, m.Read(record))), PhaseTimes(stats));
                onIteration?.Invoke(stats, recent);
                // After the iteration's rows, so a checkpoint never precedes the log lines it continues from.
                if (config.SaveEvery > 0 && stats.Iteration % config.SaveEvery == 0)
                    SaveCheckpoint(run, $"iter_{stats.Iteration:D6}.ckpt", trainer, config, Totals());
            }
        }
        catch (Exception e)
        {
            run.Log.Error("run ended by an error at iteration {Iteration}, step {Step}: {Message}", trainer.Iteration, trainer.GlobalStep, e.Message);
            throw;
        }
        var finalCheckpoint = SaveCheckpoint(run, RunFolder.FinalCheckpointFile, trainer, config, Totals());
        if (stop?.IsRequested == true) stop.Checkpointed(finalCheckpoint);

        bool completed = trainer.Iteration >= config.Iterations;
        string? stopReason = completed ? null : stop?.Reason;
        double wallSeconds = previousSeconds + clock.Elapsed.TotalSeconds;
        double? successRate = recent.SuccessRate;
        var summary = new JsonObject
        {
            ["env"] = config.Env,
            ["core"] = config.Core,
            ["seed"] = config.Seed,
            ["total_steps"] = trainer.GlobalStep,
            ["requested_steps"] = config.TotalSteps,
            ["frames"] = trainer.GlobalStep * framesPerStep,
            ["wall_seconds"] = wallSeconds,
            ["sps"] = trainer.GlobalStep / wallSeconds,
            ["parameters"] = policy.ParameterCount,
            ["episodes"] = recent.Count,
            ["mean_return_last_100"] = double.IsNaN(recent.MeanReturn) ? null : recent.MeanReturn,
            ["success_rate_last_100"] = successRate,
            ["unit_activation"] = policy.Core.Units > 0 && trainer.Iteration > 0
                ? new JsonArray(unitTotals.Select(t => (JsonNode?)JsonValue.Create(t / trainer.Iteration)).ToArray())
                : null,
            ["checkpoint"] = Path.GetRelativePath(run.Path, finalCheckpoint),
            ["completed"] = completed,
            ["stop_reason"] = stopReason,
        };
        run.WriteSummary(summary);
        if (completed)
            run.Log.Information("run ended: finished at step {Step}: mean return {Return:F2} over the last {Count} episodes",
                trainer.GlobalStep, recent.MeanReturn, Math.Min(recent.Count, 100));
        else
            run.Log.Information("run ended: stopped by {Reason} after iteration {Iteration} of {Iterations} (step {Step}); resume with ppo --resume {Path}",
                stopReason, trainer.Iteration, config.Iterations, trainer.GlobalStep, run.Path);
        return new RunResult(run.Path, trainer.GlobalStep, recent.MeanReturn, successRate, stopReason);
    }

    /// <summary>Saves a checkpoint into the run's checkpoints/ and logs its size and write time.</summary>
    private static string SaveCheckpoint(RunFolder run, string name, PpoTrainer trainer, PpoConfig config, RunTotals totals)
    {
        var path = Path.Combine(run.CheckpointsPath, name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Checkpoint.Save(path, trainer, config, totals);
        run.Log.Information("checkpoint {Name} at iteration {Iteration}: {Bytes} bytes written in {Milliseconds:F0} ms",
            name, trainer.Iteration, new FileInfo(path).Length, clock.Elapsed.TotalMilliseconds);
        return path;
    }

    /// <summary>config.json keeps the original command and settings; a resume updates what it may change and is listed.</summary>
    private static void RecordResume(string path, PpoConfig config, string command, ResumePoint resume)
    {
        var file = Path.Combine(path, "config.json");
        var json = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? [] : [];
        json["total_steps"] = config.TotalSteps;
        json["threads"] = config.Threads;
        json["env_threads"] = config.EnvThreads;
        var resumes = json["resumes"] as JsonArray ?? [];
        resumes.Add(new JsonObject
        {
            ["command"] = command,
            ["checkpoint"] = Path.GetRelativePath(path, resume.CheckpointPath),
            ["iteration"] = resume.Header.Iteration,
            ["utc"] = DateTime.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        });
        json["resumes"] = resumes;
        AtomicFile.WriteAllText(file, json.ToJsonString(RunJson.Options));
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

    /// <summary>run.log's note of where an iteration's time went, and its own rate (charts/SPS is the cumulative one).</summary>
    private static string PhaseTimes(IterationStats stats)
    {
        var p = stats.Profile;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"iteration sps {stats.Sps:F0} | time env {p.Env:F2}s acting {p.Acting:F2}s update-forward {p.UpdateForward:F2}s " +
            $"backward {p.Backward:F2}s optimizer {p.Optimizer:F2}s other {p.Other:F2}s");
    }
}
