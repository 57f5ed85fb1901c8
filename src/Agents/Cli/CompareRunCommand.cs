using System.CommandLine;
using Rims.Agents.Comparison;
using Rims.Agents.Comparison.Slurm;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Cli;

/// <summary>
/// The hidden `compare-run` verb: one run of a comparison in its own process, a child of `compare --parallel N`
/// (see <see cref="ChildProcessRun"/>) or a task of the Slurm backend's array job. SIGINT/SIGTERM stop it after
/// the current iteration with a checkpoint (exit 130/143), so a preempted task resumes when requeued; inside a
/// Slurm job it records the job and task ids in the run folder's slurm.json.
/// </summary>
public static class CompareRunCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command(ChildProcessRun.Verb, "Internal: train and evaluate one run of `compare --parallel N` or of a Slurm array task.") { Hidden = true };
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
            var folder = parse.GetValue(runDir)!;
            var started = DateTime.UtcNow;
            using var signals = new StopSignals();
            string outcome = "failed";
            try
            {
                var stopReason = ComparisonRunner.TrainAndEvaluate(settings, folder, envs, parse.GetValue(evalEpisodes), parse.GetValue(commandLine)!,
                    line => Console.WriteLine(ProgressLine.Stamped(line)), signals.Request);
                outcome = stopReason is null ? "finished" : $"stopped by {stopReason}";
                return stopReason is null ? 0 : StopSignals.ExitCode(stopReason);
            }
            catch (Exception e)
            {
                outcome = $"failed: {e.Message}";
                throw;
            }
            finally
            {
                SlurmAttempt.Record(folder, started, outcome);
            }
        });
        return command;
    }
}
