using System.CommandLine;
using Rims.Agents.Ppo;
using Spectre.Console;

namespace Rims.Agents.Cli;

/// <summary>`ppo`: trains a recurrent PPO agent and writes a run folder.</summary>
public static class PpoCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("ppo", "Train a recurrent PPO agent (LSTM, GRU or RIMs core) on an environment.");
        var options = new PpoOptions(command);
        command.SetAction(parse =>
        {
            var config = options.Read(parse);
            CliRunner.Validate(() => config.ValidateForRun());
            if (config.StepRoundingNote is { } rounding) Console.WriteLine($"note: {rounding}");
            var commandLine = CliRunner.CommandLine(parse);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // First Ctrl+C: finish the iteration, save the checkpoint and the summary; a second one kills.
                e.Cancel = !cancel.IsCancellationRequested;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var result = TrainWithDisplay(config, commandLine, parse.GetValue(options.RunDir), cancel.Token);
                Console.WriteLine($"run folder: {result.RunDirectory}");
                Console.WriteLine($"steps: {result.GlobalStep}, mean return (last 100 episodes): {result.FinalReturnMean:F3}" +
                                  (result.FinalSuccessRate is { } s ? $", success rate: {s:P1}" : ""));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            return 0;
        });
        return command;
    }

    private static RunResult TrainWithDisplay(PpoConfig config, string commandLine, string? runDir, CancellationToken cancel)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return PpoRun.Train(config, commandLine, runDir, (stats, recent) =>
                Console.WriteLine(ProgressLine(stats, recent, config)), cancel);
        }
        RunResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{config.Env} / {config.Core}", maxValue: config.Iterations * config.BatchSize);
                result = PpoRun.Train(config, commandLine, runDir, (stats, recent) =>
                {
                    task.Value = stats.GlobalStep;
                    task.Description = Markup.Escape(ProgressLine(stats, recent, config));
                }, cancel);
            });
        return result!;
    }

    private static string ProgressLine(IterationStats stats, RecentEpisodes recent, PpoConfig config)
    {
        var line = $"{config.Env}/{config.Core} step {stats.GlobalStep:N0} | {stats.Sps:F0} SPS | " +
                   $"return {recent.MeanReturn:F2} ({recent.Count} episodes)";
        if (recent.SuccessRate is { } success) line += $" | success {success:P0}";
        return line;
    }
}
