using System.CommandLine;
using Rims.Agents.Reports;
using Rims.Agents.Runs;
using Rims.Agents.Settings;
using Rims.Envs;

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
        var allowMixed = new Option<bool>("--allow-mixed") { Description = "Pool runs whose budgets or PPO settings differ (seed, threads, env threads, ROM folder, --save-every, --keep-checkpoints and the other core's --rims-* settings may differ without it)" };
        var baseline = new Option<string?>("--baseline") { Description = "Core the others are compared with (default: lstm if present, else the first core alphabetically)" };
        var by = new Option<string?>("--by") { Description = "Sweep table over this PPO setting (e.g. learning-rate): groups by (core, value), scores on the training env, marks the best value per core; runs may differ in it" };
        command.Arguments.Add(runs);
        command.Options.Add(name);
        command.Options.Add(output);
        command.Options.Add(baseline);
        command.Options.Add(allowMixed);
        command.Options.Add(by);
        var variant = new Option<string[]>("--variant")
        {
            Description = "A PPO setting whose non-default values make a run a variant of its core (ablations, e.g. rims-active): reported as its own core, named e.g. 'rims --rims-active 6', in every table; repeatable",
        };
        command.Options.Add(variant);
        var acrossEnvs = new Option<bool>("--across-envs")
        {
            Description = "One report over runs of several training envs (an Atari sweep's games): per env the score IQM and P(core > baseline), " +
                          "across envs the count of envs each core is ahead on, the average probability of improvement with its CI and, for Atari games, " +
                          "human-normalised scores",
        };
        command.Options.Add(acrossEnvs);
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(runs)!;
            var reportName = parse.GetValue(name)!;
            CliRunner.Validate(() => FolderName.Check("--name", reportName));
            if (parse.GetValue(acrossEnvs) && parse.GetValue(by) is not null)
                throw new CliUsageException("--by makes the sweep table of one env: give it without --across-envs, in one report per env");
            var outFolder = parse.GetValue(output) ?? Path.Combine("runs", "reports", reportName);
            RunFolderArguments.Check(folders, outFolder);
            IReadOnlyList<RunRecord> pool = [];
            string baselineCore = "";
            Setting? sweep = null;
            CliRunner.Validate(() => sweep = parse.GetValue(by) is { } setting ? SettingSweep.Named(setting) : null);
            IReadOnlyList<Setting> variants = [];
            CliRunner.Validate(() => variants = [.. (parse.GetValue(variant) ?? []).Select(v => SettingSweep.Named(v, "--variant")).Distinct()]);
            // The options as typed, the run folders standing for the list the report prints under Provenance.
            var folderTokens = parse.GetResult(runs)?.Tokens ?? [];
            var builtWith = ShellQuote.Words(["report", "RUN_FOLDERS", .. parse.Tokens.Skip(1).Where(t => !folderTokens.Contains(t)).Select(t => t.Value)]);
            string path;
            if (parse.GetValue(acrossEnvs))
            {
                IReadOnlyList<IReadOnlyList<RunRecord>> pools = [];
                CliRunner.Validate(() =>
                {
                    pools = RunPool.ReadAcrossEnvs(folders, parse.GetValue(allowMixed), variants);
                    baselineCore = ReportBuilder.BaselineCore([.. pools.SelectMany(p => p)], parse.GetValue(baseline));
                });
                path = AcrossEnvsReport.Build(pools, outFolder, reportName, baselineCore, builtWith, variants);
            }
            else
            {
                CliRunner.Validate(() =>
                {
                    pool = RunPool.Read(folders, parse.GetValue(allowMixed), sweep, variants);
                    baselineCore = ReportBuilder.BaselineCore(pool, parse.GetValue(baseline));
                });
                path = ReportBuilder.Build(pool, outFolder, reportName, baselineCore, sweep, builtWith, variants);
            }
            Console.WriteLine($"report: {path}");
            return 0;
        });
        return command;
    }
}
