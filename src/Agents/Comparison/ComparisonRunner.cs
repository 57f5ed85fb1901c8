using Rims.Agents.Evaluation;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Envs;

namespace Rims.Agents.Comparison;

/// <summary>Trains and evaluates every run of a <see cref="ComparisonPlan"/>.</summary>
public static class ComparisonRunner
{
    /// <summary>
    /// Runs the plan and returns the run folders. <paramref name="log"/> receives one line per event.
    /// A run that fails stops the comparison with its error (never silently dropped from the report).
    /// With Parallel above 1 every run trains in its own child process (see <see cref="ChildProcessRun"/>).
    /// Run again, the same plan keeps finished runs, resumes interrupted ones and trains missing ones; a folder
    /// holding a run with other settings stops it before any training. Once <paramref name="stop"/> is requested,
    /// runs in progress stop after their iteration with a checkpoint and no further run starts.
    /// </summary>
    public static IReadOnlyList<string> Run(ComparisonPlan plan, string commandLine, Action<string> log, StopRequest? stop = null)
    {
        plan.Validate();
        var runs = plan.Runs().ToList();
        var folders = runs.Select(plan.RunDirectory).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = plan.Parallel };
        Parallel.For(0, runs.Count, options, i =>
        {
            if (stop?.IsRequested == true) return;
            var config = runs[i];
            string command = $"{commandLine}  # run {config.Core} seed {config.Seed}";
            if (plan.Parallel == 1) TrainAndEvaluate(config, folders[i], plan.EvalEnvs, plan.EvalEpisodes, command, log, stop);
            else ChildProcessRun.Execute(config, folders[i], plan, command, log, stop);
        });
        return folders;
    }

    /// <summary>
    /// Trains one run into <paramref name="folder"/> (or resumes it, or keeps it when it has finished; see
    /// <see cref="ExistingRun"/>) and evaluates its final policy on its env and every eval env. A run stopped by
    /// <paramref name="stop"/> is left with its checkpoint for the next attempt and not evaluated.
    /// </summary>
    /// <returns>Why the run stopped early, or null when it is finished.</returns>
    public static string? TrainAndEvaluate(PpoConfig config, string folder, IReadOnlyList<string> evalEnvs, int evalEpisodes, string command,
        Action<string> log, StopRequest? stop = null)
    {
        // A child process or Slurm task starts with Rims' envs only: the run's plugin, if any, comes from its config.
        EnvPlugins.EnsureRegistered(config.Env, config.EnvAssembly);
        var existing = ExistingRun.Inspect(config, folder);
        RunResult? result = null;
        switch (existing.Kind)
        {
            case ExistingRunKind.Finished:
                log($"kept {config.Core} seed {config.Seed}: {folder} has finished");
                break;
            case ExistingRunKind.Interrupted:
                var point = existing.Point!;
                // A finished run asked for a larger --total-steps continues too, and its learning-rate schedule (when
                // annealed) is stretched to the new total, so it is not the run a fresh start at that total would be.
                log(point.Header.Iteration >= point.Header.Config.Iterations && config.Iterations > point.Header.Iteration
                    ? $"extending {config.Core} seed {config.Seed} from {point.Header.Config.TrainedSteps:N0} to {config.TrainedSteps:N0} agent steps " +
                      $"(--total-steps raised; an annealed learning rate is stretched to the new total) from {point.CheckpointPath}"
                    : $"resuming {config.Core} seed {config.Seed} from {point.CheckpointPath}");
                result = PpoRun.Resume(point, config, new TrainingOptions { Command = command, Stop = stop });
                break;
            case ExistingRunKind.Unresumable:
                // Nothing to resume from: what the stopped attempt logged would only mix with the new run's rows.
                log($"restarting {config.Core} seed {config.Seed}: {folder} has no complete checkpoint");
                Directory.Delete(folder, recursive: true);
                result = PpoRun.Train(config, new TrainingOptions { RunDirectory = folder, Command = command, Stop = stop });
                break;
            default:
                log($"training {config.Core} seed {config.Seed} -> {folder}");
                result = PpoRun.Train(config, new TrainingOptions { RunDirectory = folder, Command = command, Stop = stop });
                break;
        }
        if (result?.StopReason is { } reason)
        {
            log($"stopped {config.Core} seed {config.Seed} by {reason} at step {result.GlobalStep}; run the same compare command again to resume it");
            return reason;
        }
        if (result is not null)
            log($"trained {config.Core} seed {config.Seed}: mean return {result.FinalReturnMean:F3}" +
                (result.FinalSuccessRate is { } s ? $", success {s:P1}" : ""));
        foreach (var env in EvaluatedEnvs(config, evalEnvs))
        {
            if (result is null && HasEvaluation(folder, env, evalEpisodes)) continue;
            // An evaluation is derived from the final checkpoint with a fixed seed, so one that cannot be used is made
            // again rather than refused; the log says so, since `report` would have called the file damaged.
            if (result is null && File.Exists(EvaluationFile(folder, env)))
                log($"evaluating {config.Core} seed {config.Seed} on {env} again: {EvaluationFile(folder, env)} is unreadable or of another episode count");
            var evaluation = EvaluateFinal(folder, config, env, evalEpisodes);
            log($"evaluated {config.Core} seed {config.Seed} on {env} ({Counted.Of(evalEpisodes, "episode")}): mean {evaluation.Mean:F3}" +
                (evaluation.SuccessRate is { } rate ? $", success {rate:P1}" : ""));
        }
        return null;
    }

    /// <summary>The envs a run is evaluated on: its training env, then each eval env once.</summary>
    public static IEnumerable<string> EvaluatedEnvs(PpoConfig config, IReadOnlyList<string> evalEnvs) =>
        new[] { config.Env }.Concat(evalEnvs).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the run in <paramref name="folder"/> is done: trained to the end (<see cref="ExistingRunKind.Finished"/>)
    /// and evaluated on every env with <paramref name="evalEpisodes"/> episodes, so running the comparison again leaves
    /// it as it is.
    /// </summary>
    /// <exception cref="ArgumentException">The folder holds a run with other settings.</exception>
    public static bool IsComplete(PpoConfig config, string folder, IReadOnlyList<string> evalEnvs, int evalEpisodes) =>
        ExistingRun.Inspect(config, folder).Kind == ExistingRunKind.Finished
        && EvaluatedEnvs(config, evalEnvs).All(env => HasEvaluation(folder, env, evalEpisodes));

    /// <summary>
    /// Whether the run in <paramref name="runFolder"/> holds the evaluation a comparison asks for: its final
    /// checkpoint on <paramref name="envId"/> over <paramref name="episodes"/> episodes. An evaluation with another
    /// episode count (the comparison was run again with another --eval-episodes) or an unreadable file is not, and is
    /// evaluated again.
    /// </summary>
    public static bool HasEvaluation(string runFolder, string envId, int episodes)
    {
        var path = EvaluationFile(runFolder, envId);
        if (!File.Exists(path)) return false;
        try
        {
            return EvalResult.Read(path).Episodes == episodes;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Evaluates a run's final checkpoint on <paramref name="envId"/> and writes evals/&lt;env&gt;.json.</summary>
    public static EvalResult EvaluateFinal(string runFolder, PpoConfig config, string envId, int episodes, int seed = 12345)
    {
        var checkpoint = FinalCheckpoint(runFolder);
        using var env = EnvRegistry.Default.Make(envId, config.EnvSettings);
        using var policy = new CheckpointPolicy(checkpoint, env.ObservationSpec, env.ActionCount, seed, deterministic: false);
        var result = Evaluator.Run(env, policy,
            new EvalSettings(envId, episodes, seed, Deterministic: false, Path.GetRelativePath(runFolder, checkpoint), config.Env));
        RunJson.Write(RunFolder.EvalPath(runFolder, envId, checkpoint), result);
        return result;
    }

    /// <summary>Where a run's evaluation of its final checkpoint on <paramref name="envId"/> is written (<see cref="RunFolder.EvalPath"/>).</summary>
    public static string EvaluationFile(string runFolder, string envId) => RunFolder.EvalPath(runFolder, envId, FinalCheckpoint(runFolder));

    private static string FinalCheckpoint(string runFolder) => Path.Combine(runFolder, "checkpoints", RunFolder.FinalCheckpointFile);
}
