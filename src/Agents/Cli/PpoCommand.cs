using System.CommandLine;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Envs;
using Spectre.Console;

namespace Rims.Agents.Cli;

/// <summary>`ppo`: trains a recurrent PPO agent and writes a run folder.</summary>
public static class PpoCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("ppo", "Train a PPO agent (LSTM, GRU or RIMs core, or the memoryless ff baseline) on an environment.");
        var options = new PpoOptions(command);
        var envAssembly = new EnvAssemblyOption(options);
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the stopped run in this folder from its newest complete checkpoint; only " +
                          string.Join(", ", ResumePoint.ChangeableOptions) + " may be given with it",
        };
        command.Options.Add(resume);
        command.SetAction(parse =>
        {
            var commandLine = CliRunner.CommandLine(parse);
            var resumeFolder = parse.GetValue(resume);
            ResumePoint? point = null;
            PpoConfig config;
            if (resumeFolder is null)
            {
                // The plugin first, so its env ids are known when --env is read.
                var assembly = envAssembly.Load(parse);
                config = options.Read(parse) with { EnvAssembly = assembly };
            }
            else
            {
                var fixedOption = options.Given(parse).FirstOrDefault(name => !ResumePoint.ChangeableOptions.Contains(name));
                if (fixedOption is not null)
                    throw new CliUsageException($"{fixedOption} cannot be given with --resume (the run keeps its settings); only {string.Join(", ", ResumePoint.ChangeableOptions)} may change");
                point = ResumePoint.Find(resumeFolder);
                config = options.ReadChanges(parse, point.Header.Config);
                // The run's env may come from the plugin the run recorded.
                EnvPlugins.EnsureRegistered(config.Env, config.EnvAssembly);
            }
            CliRunner.Validate(() =>
            {
                config.ValidateForRun();
                point?.CheckChanges(config);
            });
            if (point is not null && point.IsFinishedFor(config))
            {
                // Nothing to train: leave final.ckpt and config.json's resumes untouched.
                Console.WriteLine($"run {point.RunDirectory} already finished {point.Header.GlobalStep} steps; raise --total-steps to continue");
                return 0;
            }
            if (point is null && parse.GetValue(options.RunDir) is { } runDirectory) RunFolder.RequireNoRun(runDirectory);
            using var signals = new StopSignals();
            var result = TrainWithDisplay(config, display =>
            {
                var training = new TrainingOptions
                {
                    RunDirectory = parse.GetValue(options.RunDir), Progress = display, Stop = signals.Request, Command = commandLine,
                    Notice = note => Console.WriteLine($"note: {note}"),
                };
                return point is null ? PpoRun.Train(config, training) : PpoRun.Resume(point, config, training);
            });
            Console.WriteLine($"run folder: {result.RunDirectory}");
            Console.WriteLine($"steps: {result.GlobalStep}, " +
                              (double.IsNaN(result.FinalReturnMean) ? "no episode finished yet" : $"mean return (last 100 episodes): {result.FinalReturnMean:F3}") +
                              (result.FinalSuccessRate is { } s ? $", success rate: {s:P1}" : ""));
            if (result.StopReason is not { } reason) return 0;
            Console.WriteLine($"stopped by {reason}; continue with: ppo --resume {result.RunDirectory}");
            return StopSignals.ExitCode(reason);
        });
        return command;
    }

    private static RunResult TrainWithDisplay(PpoConfig config, Func<IProgress<IterationProgress>, RunResult> train)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return train(new InlineProgress<IterationProgress>(progress => Console.WriteLine(ProgressLine(progress, config))));
        RunResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{config.Env} / {config.Core}", maxValue: config.Iterations * config.BatchSize);
                result = train(new InlineProgress<IterationProgress>(progress =>
                {
                    task.Value = progress.GlobalStep;
                    task.Description = Markup.Escape(ProgressLine(progress, config));
                }));
            });
        return result!;
    }

    private static string ProgressLine(IterationProgress progress, PpoConfig config)
    {
        var line = $"{config.Env}/{config.Core} step {progress.GlobalStep:N0} | {progress.Stats.Sps:F0} SPS | " +
                   (progress.Episodes == 0 ? "no episode finished yet" : $"return {progress.RecentMeanReturn:F2} ({Counted.Of(progress.Episodes, "episode")})");
        if (progress.RecentSuccessRate is { } success) line += $" | success {success:P0}";
        return line;
    }
}
