using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using Rims.Agents.Settings;
using Rims.Envs;
using Rims.Envs.Vector;
using Rims.Policies;
using static TorchSharp.torch;

namespace Rims.Agents.Ppo;

/// <summary>What a finished (or stopped) run leaves behind.</summary>
/// <param name="RunDirectory">The run folder (config.json, progress.csv, episodes.csv, run.log, TensorBoard events, checkpoints/, summary.json).</param>
/// <param name="GlobalStep">Agent steps trained.</param>
/// <param name="FinalReturnMean">Mean raw return of the last 100 episodes (NaN if none ended).</param>
/// <param name="FinalSuccessRate">Success rate of the last 100 episodes, where the env has the notion.</param>
/// <param name="StopReason">Why the run stopped before its total (e.g. "SIGTERM", <see cref="StopRequest.Cancelled"/>), or null when it finished.</param>
public sealed record RunResult(string RunDirectory, long GlobalStep, double FinalReturnMean, double? FinalSuccessRate, string? StopReason = null)
{
    /// <summary>The checkpoint written when the run ended (checkpoints/final.ckpt): what evaluation and `ppo --resume` read.</summary>
    public string FinalCheckpoint => Path.Combine(RunDirectory, "checkpoints", RunFolder.FinalCheckpointFile);
}

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

    /// <summary>
    /// Trains as <paramref name="config"/> says, into a new run folder, exactly as `ppo` does (the verb calls this): the
    /// env comes from <see cref="EnvRegistry.Default"/> (register your own there first), the core is config.Core.
    /// </summary>
    /// <param name="config">What to train; checked completely before anything is created.</param>
    /// <param name="options">Run folder, progress, cancellation and the command recorded in config.json (null: defaults).</param>
    /// <returns>The run folder and its outcome; a cancelled run returns normally with <see cref="RunResult.StopReason"/> set.</returns>
    /// <exception cref="ArgumentException">A setting is out of range, or the env id or an env option is unknown (<see cref="PpoConfig.ValidateForRun"/>).</exception>
    /// <exception cref="IOException">The run folder already holds a run, or cannot be written, or config.EnvAssembly cannot be loaded (<see cref="EnvPlugins.Load"/>).</exception>
    public static RunResult Train(PpoConfig config, TrainingOptions? options = null)
    {
        options ??= new TrainingOptions();
        EnvPlugins.EnsureRegistered(config.Env, config.EnvAssembly);
        config.ValidateForRun();
        var path = options.RunDirectory ?? Path.Combine("runs", RunFolder.DefaultName(config.Env, config.Core, config.Seed, DateTime.UtcNow));
        return Run(config, path, null, options);
    }

    /// <summary>
    /// Continues a stopped run from <paramref name="point"/>, bit-exactly where the envs can snapshot themselves:
    /// weights, optimizer, RNG streams, counters, recurrent state and env states come from the checkpoint; logs
    /// continue after its rows.
    /// </summary>
    /// <param name="point">The run folder's newest complete checkpoint (<see cref="ResumePoint.Find"/>).</param>
    /// <param name="config">The checkpoint's config, changed only as <see cref="ResumePoint.CheckChanges"/> allows.</param>
    /// <param name="options">Progress, cancellation and the resuming command (its <see cref="TrainingOptions.RunDirectory"/> is ignored).</param>
    /// <exception cref="ArgumentException"><paramref name="config"/> changes a setting a resume may not change.</exception>
    public static RunResult Resume(ResumePoint point, PpoConfig config, TrainingOptions? options = null)
    {
        config.Validate();
        point.CheckChanges(config);
        EnvPlugins.EnsureRegistered(config.Env, config.EnvAssembly);
        return Run(config, point.RunDirectory, point, options ?? new TrainingOptions());
    }

    private static RunResult Run(PpoConfig config, string path, ResumePoint? resume, TrainingOptions options)
    {
        string command = options.Command;
        // Either source ends the run the same way: the loop sees one request, whose first reason summary.json records.
        var stop = options.Stop ?? new StopRequest();
        using var cancellation = options.CancellationToken.Register(() => stop.Request(StopRequest.Cancelled));
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
            if (config.StepRoundingNote is { } rounding)
            {
                run.Log.Information("{Note}", rounding);
                options.Notice?.Invoke(rounding);
            }
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
            // The run's first start said it already; only a new budget needs saying again.
            if (config.TotalSteps != header.Config.TotalSteps && config.StepRoundingNote is { } rounding)
            {
                run.Log.Information("{Note}", rounding);
                options.Notice?.Invoke(rounding);
            }
            recent = RecentEpisodes.Continue(totals.Episodes, totals.RecentEpisodes);
            unitTotals = totals.UnitActivationSums.Length == policy.Core.Units ? [.. totals.UnitActivationSums] : new double[policy.Core.Units];
            previousSeconds = totals.WallSeconds;
        }
        using var runFolder = run;
        // A second signal ends the process at once (StopSignals): the log still gets its last line and is closed.
        using var abortLog = stop.OnAbort(why =>
        {
            // Only a checkpoint written before the second signal can be resumed from.
            if (ResumePoint.CheckpointFiles(path).Count > 0)
                run.Log.Information("run ended: {Reason} again, stopped at once during iteration {Iteration} (step {Step}); resume with ppo --resume {Path}",
                    why, trainer.Iteration + 1, trainer.GlobalStep, path);
            else
                run.Log.Information("run ended: {Reason} again, stopped at once during iteration {Iteration} (step {Step}) before any checkpoint, " +
                                    "so it cannot be resumed: start a new run in another folder", why, trainer.Iteration + 1, trainer.GlobalStep);
            run.Log.Dispose();
        });
        var sink = new MetricsSink(run, columns, metrics.Where(m => m.Charted).Select(m => m.Tag));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        RunTotals Totals() => new(previousSeconds + clock.Elapsed.TotalSeconds, recent.Count, recent.Window, [.. unitTotals]);
        try
        {
            while (trainer.Iteration < config.Iterations && !stop.IsRequested)
            {
                var stats = trainer.RunIteration();
                foreach (var (step, episode) in stats.Episodes)
                {
                    recent.Add(episode);
                    run.Episodes!.Append(step, episode.Return, episode.Length, episode.Success);
                    run.Board.add_scalar("charts/episodic_return", (float)episode.Return, (int)step);
                    run.Board.add_scalar("charts/episodic_length", episode.Length, (int)step);
                }
                if (stats.UnitActivation is { } activation)
                    for (int k = 0; k < activation.Length; k++) unitTotals[k] += activation[k];
                var record = new IterationRecord(stats, framesPerStep, previousSeconds + clock.Elapsed.TotalSeconds);
                var values = metrics.Select(m => (m.Tag, Value: m.Read(record))).ToList();
                sink.Write(stats.GlobalStep, values, PhaseTimes(stats));
                options.Progress?.Report(new IterationProgress(stats.Iteration, config.Iterations, stats.GlobalStep,
                    values.ToDictionary(v => v.Tag, v => v.Value), recent.MeanReturn, recent.Count, recent.SuccessRate, stats));
                // After the iteration's rows, so a checkpoint never precedes the log lines it continues from.
                if (config.SaveEvery > 0 && stats.Iteration % config.SaveEvery == 0)
                {
                    SaveCheckpoint(run, RunFolder.PeriodicCheckpointFile(stats.Iteration), trainer, config, Totals());
                    // Only after the new checkpoint is complete, so a crash never leaves fewer than --keep-checkpoints.
                    if (config.KeepCheckpoints is { } keep)
                        foreach (var deleted in CheckpointRetention.Prune(run.CheckpointsPath, keep))
                            run.Log.Information("checkpoint {Name} deleted (--keep-checkpoints {Keep})", Path.GetFileName(deleted), keep);
                }
            }
        }
        catch (Exception e)
        {
            run.Log.Error("run ended by an error at iteration {Iteration}, step {Step}: {Message}", trainer.Iteration, trainer.GlobalStep, e.Message);
            throw;
        }
        var finalCheckpoint = SaveCheckpoint(run, RunFolder.FinalCheckpointFile, trainer, config, Totals());
        if (stop.IsRequested) stop.Checkpointed(finalCheckpoint);
        // Only a resume that trained is a new policy; one with nothing left to train rewrote the same weights, whose evaluations stay true.
        if (resume is not null && trainer.Iteration > resume.Header.Iteration)
            foreach (var stale in RunFolder.DeleteFinalCheckpointEvaluations(path))
                run.Log.Information("evaluation {Name} deleted: it was of the previous final.ckpt (run eval again for the new one)", Path.GetRelativePath(path, stale));

        bool completed = trainer.Iteration >= config.Iterations;
        string? stopReason = completed ? null : stop.Reason;
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
        var file = RunFolder.ConfigPath(path);
        // Read (and checked) by ResumePoint.Find before any training started.
        var json = resume.RunConfig.DeepClone().AsObject();
        var resumed = JsonSerializer.SerializeToNode(config, RunJson.Options)!.AsObject();
        foreach (var setting in SettingTable.All.Where(s => s.ResumeMayChange))
            setting.SetConfigValue(json, setting.ConfigValue(resumed));
        // Derived from --total-steps (whole rollouts), so it changes with it.
        json["trained_steps"] = config.TrainedSteps;
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
