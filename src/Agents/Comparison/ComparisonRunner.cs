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
    /// </summary>
    public static IReadOnlyList<string> Run(ComparisonPlan plan, string commandLine, Action<string> log)
    {
        plan.Validate();
        var runs = plan.Runs().ToList();
        var folders = runs.Select(c => Path.Combine(plan.RunsRoot, plan.Name, RunFolder.DefaultName(c.Env, c.Core, c.Seed, DateTime.UtcNow))).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = plan.Parallel };
        Parallel.For(0, runs.Count, options, i =>
        {
            var config = runs[i];
            string command = $"{commandLine}  # run {config.Core} seed {config.Seed}";
            log($"training {config.Core} seed {config.Seed} -> {folders[i]}");
            if (plan.Parallel == 1) TrainAndEvaluate(config, folders[i], plan.EvalEnvs, plan.EvalEpisodes, command, log);
            else ChildProcessRun.Execute(config, folders[i], plan, command, log);
        });
        return folders;
    }

    /// <summary>Trains one run into <paramref name="folder"/> and evaluates its final policy on its env and every eval env.</summary>
    public static void TrainAndEvaluate(PpoConfig config, string folder, IReadOnlyList<string> evalEnvs, int evalEpisodes, string command, Action<string> log)
    {
        var result = PpoRun.Train(config, command, folder);
        log($"trained {config.Core} seed {config.Seed}: mean return {result.FinalReturnMean:F3}" +
            (result.FinalSuccessRate is { } s ? $", success {s:P1}" : ""));
        foreach (var env in new[] { config.Env }.Concat(evalEnvs).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var evaluation = EvaluateFinal(folder, config, env, evalEpisodes);
            log($"evaluated {config.Core} seed {config.Seed} on {env}: mean {evaluation.Mean:F3}" +
                (evaluation.SuccessRate is { } rate ? $", success {rate:P1}" : ""));
        }
    }

    /// <summary>Evaluates a run's final checkpoint on <paramref name="envId"/> and writes evals/&lt;env&gt;.json.</summary>
    public static EvalResult EvaluateFinal(string runFolder, PpoConfig config, string envId, int episodes, int seed = 12345)
    {
        var checkpoint = Path.Combine(runFolder, "checkpoints", RunFolder.FinalCheckpointFile);
        using var env = EnvRegistry.Default.Make(envId, config.EnvSettings);
        using var policy = new CheckpointPolicy(checkpoint, env.ObservationSpec, env.ActionCount, seed, deterministic: false);
        var result = Evaluator.Run(env, policy, envId, episodes, seed, deterministic: false,
            Path.GetRelativePath(runFolder, checkpoint), config.Env);
        RunJson.Write(RunFolder.EvalPath(runFolder, envId, checkpoint), result);
        return result;
    }
}
