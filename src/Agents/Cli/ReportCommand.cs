using System.CommandLine;
using Rims.Agents.Reports;

namespace Rims.Agents.Cli;

/// <summary>`report`: rebuilds a comparison report from existing run folders (partial or merged from elsewhere).</summary>
public static class ReportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("report", "Build report.md and figures from run folders.");
        var runs = new Argument<string[]>("runs") { Description = "Run folders (each with config.json, summary.json, episodes.csv, evals/)", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string>("--name") { Description = "Report title and folder name", DefaultValueFactory = _ => "report" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: runs/reports/NAME)" };
        var baseline = new Option<string?>("--baseline") { Description = "Core the others are compared with (default: lstm if present, else the first core alphabetically)" };
        command.Arguments.Add(runs);
        command.Options.Add(name);
        command.Options.Add(output);
        command.Options.Add(baseline);
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(runs)!;
            foreach (var folder in folders)
                if (!File.Exists(Path.Combine(folder, "config.json")))
                    throw new CliUsageException($"{folder} is not a run folder (no config.json); pass folders under runs/");
            var reportName = parse.GetValue(name)!;
            IReadOnlyList<RunRecord> pool = [];
            string baselineCore = "";
            CliRunner.Validate(() =>
            {
                pool = RunPool.Read(folders);
                baselineCore = ReportBuilder.BaselineCore(pool, parse.GetValue(baseline));
            });
            var path = ReportBuilder.Build(pool, parse.GetValue(output) ?? Path.Combine("runs", "reports", reportName), reportName, baselineCore);
            Console.WriteLine($"report: {path}");
            return 0;
        });
        return command;
    }
}
