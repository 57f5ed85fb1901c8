using System.CommandLine;
using Rims.Agents.Comparison;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Cli;

/// <summary>The hidden `compare-run` verb: one run of a parallel comparison, in its own process (see <see cref="ChildProcessRun"/>).</summary>
public static class CompareRunCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command(ChildProcessRun.Verb, "Internal: train and evaluate one run of `compare --parallel N`.") { Hidden = true };
        var config = new Option<string>("--config") { Description = "PpoConfig JSON", Required = true };
        var runDir = new Option<string>("--run-dir") { Description = "Run folder", Required = true };
        var evalEnvs = new Option<string>("--eval-envs") { Description = "Comma-separated eval env ids", DefaultValueFactory = _ => "" };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "Evaluation games per env", DefaultValueFactory = _ => 100 };
        var commandLine = new Option<string>("--command") { Description = "The compare command line, for config.json", DefaultValueFactory = _ => "compare" };
        foreach (var option in new Option[] { config, runDir, evalEnvs, evalEpisodes, commandLine }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var settings = RunJson.Read<PpoConfig>(parse.GetValue(config)!);
            var envs = parse.GetValue(evalEnvs)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            using var signals = new StopSignals();
            var stopped = ComparisonRunner.TrainAndEvaluate(settings, parse.GetValue(runDir)!, envs, parse.GetValue(evalEpisodes), parse.GetValue(commandLine)!,
                line => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"), signals.Request);
            return stopped is null ? 0 : StopSignals.ExitCode(stopped);
        });
        return command;
    }
}
