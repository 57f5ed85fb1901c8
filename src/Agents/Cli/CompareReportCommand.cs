using System.CommandLine;
using Rims.Agents.Comparison;
using Rims.Agents.Runs;

namespace Rims.Agents.Cli;

/// <summary>
/// The hidden `compare-report` verb: the report job of `compare --backend slurm`, which runs once every array task
/// has finished. It writes what the local backend writes at its end (<see cref="ComparisonReport"/>): the report of
/// the comparison's runs and of the other seeds of the same comparison beside them.
/// </summary>
public static class CompareReportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command(ComparisonReport.Verb, "Internal: the report job of `compare --backend slurm`.") { Hidden = true };
        var runs = new Argument<string[]>("runs") { Description = "The comparison's run folders", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string>("--name") { Description = "Report title and folder name", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        command.Arguments.Add(runs);
        command.Options.Add(name);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var reportName = parse.GetValue(name)!;
            CliRunner.Validate(() => FolderName.Check("--name", reportName));
            var folders = parse.GetValue(runs)!;
            var outFolder = parse.GetValue(output)!;
            RunFolderArguments.Check(folders, outFolder);
            // Runs that cannot be pooled are a usage error, as in `report` (exit 2).
            var path = CliRunner.Validate(() => ComparisonReport.Write(folders, outFolder, reportName, line => Console.WriteLine(ProgressLine.Stamped(line))));
            Console.WriteLine($"report: {path}");
            return 0;
        });
        return command;
    }
}
