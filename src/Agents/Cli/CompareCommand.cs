using System.CommandLine;
using Rims.Agents.Comparison;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>`compare`: trains every (core, seed) pair, evaluates each on the training and evaluation envs, writes the report.</summary>
public static class CompareCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("compare", "Train cores side by side over seeds, evaluate on several envs, and write a report.");
        var cores = new Option<string>("--cores") { Description = "Comma-separated cores", DefaultValueFactory = _ => "lstm,rims" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per core (first seed .. first seed + N - 1)", DefaultValueFactory = _ => 3 };
        var firstSeed = new Option<int>("--first-seed")
        {
            Description = "The first seed (the runs use seeds first..first+N-1); give each machine or cluster sharing one comparison its own range", DefaultValueFactory = _ => 1,
        };
        var evalEnvs = new Option<string?>("--eval-envs") { Description = "Comma-separated extra env ids to evaluate every final policy on" };
        var evalEpisodes = new Option<int>("--eval-episodes") { Description = "Evaluation games per env", DefaultValueFactory = _ => 100 };
        var name = new Option<string?>("--name") { Description = "Comparison name (default: {env}-{cores})" };
        var parallel = new Option<int>("--parallel") { Description = "Runs trained at once, each in its own process (give each --threads cores/parallel)", DefaultValueFactory = _ => 1 };
        var runsRoot = new Option<string>("--runs-root") { Description = "Folder that receives the run folders and reports/<name>", DefaultValueFactory = _ => "runs" };
        var backend = new Option<string>("--backend") { Description = "Where runs train: local (this machine) or slurm (a job array; see README, Running on a cluster)", DefaultValueFactory = _ => "local" };
        var slurmOption = new Option<string[]>("--slurm-option") { Description = "slurm: sbatch option KEY=VALUE for the array job (repeatable), e.g. partition=gpu, time=2-00:00:00, gres=gpu:1" };
        var dryRun = new Option<bool>("--dry-run") { Description = "slurm: print the sbatch scripts instead of submitting them" };
        var status = new Option<bool>("--status") { Description = "slurm: show each run as pending, running, finished, failed (with its log's last lines) or missing" };
        foreach (var option in new Option[] { cores, seeds, firstSeed, evalEnvs, evalEpisodes, name, parallel, runsRoot, backend, slurmOption, dryRun, status }) command.Options.Add(option);
        var ppo = new PpoOptions(command, includeEnvAndCore: false);
        command.Options.Add(ppo.Env);
        var envAssembly = new EnvAssemblyOption(ppo);

        command.SetAction(parse =>
        {
            var assembly = envAssembly.Load(parse);
            var coreList = Split("--cores", parse.GetValue(cores)).Select(c => c.ToLowerInvariant()).ToList();
            var config = ppo.Read(parse, coreList) with { EnvAssembly = assembly };
            var plan = new ComparisonPlan
            {
                Base = config,
                Cores = coreList,
                Seeds = parse.GetValue(seeds),
                FirstSeed = parse.GetValue(firstSeed),
                EvalEnvs = Split("--eval-envs", parse.GetValue(evalEnvs)).Select(EnvRegistry.Default.Canonical).ToList(),
                EvalEpisodes = parse.GetValue(evalEpisodes),
                Name = parse.GetValue(name) ?? $"{config.Env.Replace('/', '-')}-{string.Join('-', coreList)}",
                Parallel = parse.GetValue(parallel),
                RunsRoot = parse.GetValue(runsRoot)!,
            };
            CliRunner.Validate(plan.Validate);
            var commandLine = CliRunner.CommandLine(parse);
            var backendName = parse.GetValue(backend)!.ToLowerInvariant();
            var slurmOptions = parse.GetValue(slurmOption) ?? [];
            if (backendName == "slurm")
            {
                if (parse.GetResult(parallel) is { Implicit: false })
                    throw new CliUsageException("--parallel does not apply to --backend slurm: every run is its own array task (give it cores with --slurm-option cpus-per-task=N)");
                if (parse.GetValue(dryRun) && parse.GetValue(status))
                    throw new CliUsageException("--dry-run and --status do not go together: --dry-run prints the scripts, --status reads the submitted runs; give one");
                return SlurmCompare.Run(plan, slurmOptions, parse.GetValue(dryRun), parse.GetValue(status), commandLine);
            }
            if (backendName != "local") throw new CliUsageException($"--backend must be local or slurm (got '{backendName}')");
            if (slurmOptions.Length > 0 || parse.GetValue(dryRun) || parse.GetValue(status))
                throw new CliUsageException("--slurm-option, --dry-run and --status belong to --backend slurm; add --backend slurm");
            using var signals = new StopSignals();
            var folders = ComparisonRunner.Run(plan, commandLine, line => Console.WriteLine(ProgressLine.Stamped(line)), signals.Request);
            if (signals.Request.Reason is { } reason)
            {
                Console.WriteLine($"stopped by {reason} before every run finished; run the same command again to resume");
                return StopSignals.ExitCode(reason);
            }
            // Its own runs always pool (one plan); an ArgumentException here would be a usage error, as in `report`.
            var report = CliRunner.Validate(() => ComparisonReport.Write(folders, Path.Combine(plan.RunsRoot, "reports", plan.Name), plan.Name,
                line => Console.WriteLine(ProgressLine.Stamped(line))));
            Console.WriteLine($"report: {report}");
            return 0;
        });
        return command;
    }

    // "lstm,,rims" or "lstm," is a typo, not two or one names: refused rather than read past.
    private static List<string> Split(string option, string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return [];
        var names = list.Split(',', StringSplitOptions.TrimEntries).ToList();
        if (names.Any(n => n.Length == 0))
            throw new CliUsageException($"{option} has an empty name between commas ('{list}'); separate the names by single commas");
        return names;
    }
}
