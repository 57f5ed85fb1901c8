using System.Globalization;
using System.Text;
using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>
/// Builds report.md and its figures from run folders: learning curves, final scores (mean, std, IQM with a
/// stratified-bootstrap CI), generalisation from the training env to every evaluated env (the paired drop with its CI,
/// and against the baseline core's drop), the probability that each core improves on the baseline core, cost per
/// core, the RIMs activation figures, and the commands, code version and machine that produced the runs.
/// </summary>
public static class ReportBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the report of <paramref name="runDirectories"/> into <paramref name="outDirectory"/>; returns report.md's path.</summary>
    /// <exception cref="ArgumentException">The runs cannot be pooled (<see cref="RunPool.Read"/>), or <paramref name="baseline"/> is none of their cores.</exception>
    public static string Build(IReadOnlyList<string> runDirectories, string outDirectory, string name, string? baseline = null) =>
        Build(RunPool.Read(runDirectories), outDirectory, name, baseline);

    /// <summary>
    /// Writes the report of <paramref name="runs"/> (read by <see cref="RunPool.Read"/>) into <paramref name="outDirectory"/>;
    /// returns report.md's path. Every other core is compared with <paramref name="baseline"/> (see <see cref="BaselineCore"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="baseline"/> is none of the runs' cores.</exception>
    public static string Build(IReadOnlyList<RunRecord> runs, string outDirectory, string name, string? baseline = null)
    {
        var baselineCore = BaselineCore(runs, baseline);
        Directory.CreateDirectory(outDirectory);
        var byCore = runs.GroupBy(r => r.Core).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Seed).ToList());
        var trainEnvs = runs.Select(r => r.Env).Distinct().ToList();
        var md = new StringBuilder();
        md.AppendLine($"# {name}").AppendLine();
        md.AppendLine($"Runs: {runs.Count} ({string.Join(", ", byCore.Select(c => $"{c.Key} x {c.Value.Count} seeds"))}), " +
                      $"trained on {string.Join(", ", trainEnvs)} for {string.Join(", ", runs.Select(r => r.SummaryNumber("total_steps")).Where(s => !double.IsNaN(s)).Distinct().Select(s => s.ToString("N0", Invariant)))} agent steps.");
        md.AppendLine("Returns are raw game scores (all lives); episodes are whole games.").AppendLine();
        var incomplete = runs.Where(r => !r.Completed).ToList();
        if (incomplete.Count > 0)
        {
            md.AppendLine($"**Incomplete runs** ({incomplete.Count} of {runs.Count}; included as they stand, so their scores are not final):").AppendLine();
            foreach (var run in incomplete) md.AppendLine($"- {run.Core} seed {run.Seed} (`{run.Directory}`): {run.IncompleteReason}");
            md.AppendLine();
        }

        md.AppendLine("## Learning curves").AppendLine();
        Figures.LearningCurves(Path.Combine(outDirectory, "learning_return.png"), $"{string.Join(", ", trainEnvs)}: episodic return", "episodic return", byCore, e => e.Return);
        md.AppendLine("![return](learning_return.png)").AppendLine();
        if (runs.SelectMany(r => r.Episodes).Any(e => e.Success >= 0))
        {
            Figures.LearningCurves(Path.Combine(outDirectory, "learning_success.png"), $"{string.Join(", ", trainEnvs)}: success rate", "success rate", byCore,
                e => e.Success >= 0 ? e.Success : null);
            md.AppendLine("![success](learning_success.png)").AppendLine();
        }
        md.AppendLine("Mean over seeds of each run's moving average (window 5% of its episodes), band = 95% bootstrap CI over seeds.").AppendLine();

        var evalEnvs = runs.SelectMany(r => r.Evals.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
        md.AppendLine("## Final scores").AppendLine();
        if (evalEnvs.Count == 0)
        {
            md.AppendLine("No evaluations in these run folders (run `eval --checkpoint <run>/checkpoints/final.ckpt`); training scores only:").AppendLine();
            md.AppendLine("| core | env | seeds | mean of last-100 return | std across seeds | IQM | IQM 95% CI |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var (core, coreRuns) in byCore)
            {
                var scores = coreRuns.Select(r => r.SummaryNumber("mean_return_last_100")).ToList();
                var ci = Statistics.StratifiedBootstrapIqmCi([scores]);
                md.AppendLine($"| {core} | {coreRuns[0].Env} | {coreRuns.Count} | {F(Statistics.Mean(scores))} | {F(Statistics.SampleStd(scores))} | {F(Statistics.InterquartileMean(scores))} | [{F(ci.Low)}, {F(ci.High)}] |");
            }
        }
        else
        {
            md.AppendLine("Per run: the mean raw return over its evaluation episodes; statistics across seeds (IQM with 95% stratified-bootstrap CI, rliable).").AppendLine();
            md.AppendLine("| core | env | seeds | mean return | std across seeds | IQM | IQM 95% CI | success rate |");
            md.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (core, coreRuns) in byCore)
                foreach (var env in evalEnvs)
                {
                    var evaluated = coreRuns.Where(r => r.Evals.ContainsKey(env)).Select(r => r.Evals[env]).ToList();
                    if (evaluated.Count == 0) continue;
                    var scores = evaluated.Select(e => e.Mean).ToList();
                    var ci = Statistics.StratifiedBootstrapIqmCi([scores]);
                    var success = evaluated.Where(e => e.SuccessRate is not null).Select(e => e.SuccessRate!.Value).ToList();
                    md.AppendLine($"| {core} | {env} | {evaluated.Count} | {F(Statistics.Mean(scores))} | {F(Statistics.SampleStd(scores))} | " +
                                  $"{F(Statistics.InterquartileMean(scores))} | [{F(ci.Low)}, {F(ci.High)}] | {(success.Count == 0 ? "n/a" : P(Statistics.Mean(success)))} |");
                }
            md.AppendLine();
            AppendGeneralisation(md, byCore, evalEnvs, baselineCore);
        }
        md.AppendLine();
        AppendProbabilityOfImprovement(md, byCore, evalEnvs, baselineCore);

        md.AppendLine("## Cost").AppendLine();
        md.AppendLine("| core | parameters | mean SPS | mean wall time (min) |");
        md.AppendLine("|---|---|---|---|");
        foreach (var (core, coreRuns) in byCore)
            md.AppendLine($"| {core} | {coreRuns[0].SummaryNumber("parameters").ToString("N0", Invariant)} | {Statistics.Mean(coreRuns.Select(r => r.SummaryNumber("sps")).ToList()):F0} | " +
                          $"{Statistics.Mean(coreRuns.Select(r => r.SummaryNumber("wall_seconds") / 60).ToList()):F1} |");
        md.AppendLine();

        var rims = byCore.Where(c => c.Value.Any(r => r.Evals.Values.Any(e => e.ActivationTrace is not null))).SelectMany(c => c.Value).ToList();
        if (rims.Count > 0)
        {
            md.AppendLine("## Which units fire when").AppendLine();
            var first = rims.First(r => r.Evals.Values.Any(e => e.ActivationTrace is not null));
            var eval = first.Evals.Values.First(e => e.ActivationTrace is not null);
            Figures.ActivationHeatmap(Path.Combine(outDirectory, "activation_episode.png"),
                $"active units (yellow), {first.Core} seed {first.Seed}, {eval.Env}", eval.ActivationTrace!);
            md.AppendLine($"![activation](activation_episode.png)").AppendLine();
            md.AppendLine($"Active units at every step of the first evaluation episode of {first.Core} seed {first.Seed} on {eval.Env}.").AppendLine();
            var frequencies = rims.SelectMany(r => r.Evals.Values.Where(e => e.UnitActivation is not null)
                .Select(e => ($"{r.Core} s{r.Seed} {e.Env}", e.UnitActivation!))).ToList();
            Figures.ActivationFrequency(Path.Combine(outDirectory, "activation_frequency.png"), "activation frequency per unit over the evaluation episodes", frequencies);
            md.AppendLine("![frequency](activation_frequency.png)").AppendLine();
        }

        Provenance.Append(md, runs.Select(r => (r.Directory, r.Config)).ToList());

        var reportPath = Path.Combine(outDirectory, "report.md");
        AtomicFile.WriteAllText(reportPath, md.ToString());
        return reportPath;
    }

    /// <summary>
    /// The core the others are compared with: <paramref name="requested"/> (matched ignoring case) when given, else
    /// lstm when the runs have it (the paper's baseline), else the first core in alphabetical order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="requested"/> is none of the runs' cores; the message lists them.</exception>
    public static string BaselineCore(IReadOnlyList<RunRecord> runs, string? requested)
    {
        var cores = runs.Select(r => r.Core).Distinct().Order(StringComparer.Ordinal).ToList();
        if (requested is not null)
            return cores.FirstOrDefault(c => c.Equals(requested, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"--baseline {requested} is not a core of these runs; use one of {string.Join(", ", cores)}");
        return cores.FirstOrDefault(c => c.Equals("lstm", StringComparison.OrdinalIgnoreCase)) ?? cores[0];
    }

    /// <summary>Per core and evaluation env: success and return on the training and evaluation env, the paired return drop with its CI, and the drop against the baseline's.</summary>
    private static void AppendGeneralisation(StringBuilder md, Dictionary<string, List<RunRecord>> byCore, List<string> evalEnvs, string baselineCore)
    {
        md.AppendLine("## Generalisation").AppendLine();
        var returns = new List<GeneralisationDrop>();
        var successes = new List<GeneralisationDrop>();
        foreach (var (_, coreRuns) in byCore)
            foreach (var env in evalEnvs.Where(e => !e.Equals(coreRuns[0].Env, StringComparison.OrdinalIgnoreCase)))
            {
                var drop = GeneralisationDrop.Of(coreRuns, env, e => e.Mean);
                if (drop.Runs == 0) continue;
                returns.Add(drop);
                successes.Add(GeneralisationDrop.Of(coreRuns, env, e => e.SuccessRate));
            }
        if (returns.Count == 0)
        {
            md.AppendLine("Only the training env was evaluated; `eval --checkpoint <run>/checkpoints/final.ckpt --env ID` on a run adds one.");
            return;
        }
        md.AppendLine("Each evaluation env against the training env, over the runs evaluated on both (paired: one final checkpoint per run).");
        md.AppendLine("Drop = training minus evaluation score per run, averaged over runs (the mean, so drop = train - eval column by column);");
        md.AppendLine($"its 95% CI is a percentile bootstrap over runs ({Statistics.DefaultResamples} resamples, seed 0). A CI above 0 means the core is reliably worse on the evaluation env.").AppendLine();
        md.AppendLine("| core | train env | eval env | runs | train success | eval success | success drop | train return | eval return | return drop | return drop 95% CI |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (drop, success) in returns.Zip(successes))
        {
            var ci = drop.DropCi();
            md.AppendLine($"| {drop.Core} | {drop.TrainEnv} | {drop.EvalEnv} | {drop.Runs} | {P(success.TrainMean)} | {P(success.EvalMean)} | {P(success.MeanDrop)} | " +
                          $"{F(drop.TrainMean)} | {F(drop.EvalMean)} | {F(drop.MeanDrop)} | [{F(ci.Low)}, {F(ci.High)}] |");
        }
        var versus = returns.Where(d => d.Core != baselineCore)
            .Select(d => (Drop: d, Baseline: returns.FirstOrDefault(b => b.Core == baselineCore && b.EvalEnv.Equals(d.EvalEnv, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.Baseline is not null).ToList();
        if (versus.Count == 0) return;
        md.AppendLine();
        md.AppendLine($"Return drop minus {baselineCore}'s return drop: below 0 means the core loses less than {baselineCore} on the evaluation env; " +
                      $"95% CI by resampling each core's runs independently ({Statistics.DefaultResamples} resamples, seed 0).").AppendLine();
        md.AppendLine($"| core | eval env | return drop | {baselineCore} return drop | difference | difference 95% CI |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var (drop, baseline) in versus)
        {
            var ci = drop.DropMinusCi(baseline!);
            md.AppendLine($"| {drop.Core} | {drop.EvalEnv} | {F(drop.MeanDrop)} | {F(baseline!.MeanDrop)} | {F(drop.DropMinus(baseline))} | [{F(ci.Low)}, {F(ci.High)}] |");
        }
    }

    /// <summary>
    /// Per other core and env: the probability that a run of the core scores above a run of the baseline, with its CI.
    /// Scores are the final checkpoint's mean evaluation return, or the training env's last-100 return when nothing was evaluated.
    /// </summary>
    private static void AppendProbabilityOfImprovement(StringBuilder md, Dictionary<string, List<RunRecord>> byCore, List<string> evalEnvs, string baselineCore)
    {
        var others = byCore.Keys.Where(c => c != baselineCore).ToList();
        if (others.Count == 0) return;
        string trainEnv = byCore[baselineCore][0].Env;
        var envs = evalEnvs.Count > 0 ? evalEnvs : [trainEnv];
        List<double> Scores(string core, string env) => evalEnvs.Count > 0
            ? byCore[core].Where(r => r.Evals.ContainsKey(env)).Select(r => r.Evals[env].Mean).ToList()
            : byCore[core].Select(r => r.SummaryNumber("mean_return_last_100")).Where(v => !double.IsNaN(v)).ToList();
        md.AppendLine("## Probability of improvement").AppendLine();
        md.AppendLine($"P(X > {baselineCore}): the chance that a random run of core X scores above a random run of {baselineCore} on that env, ties counting half " +
                      "(Agarwal et al., 2021); 0.5 = neither is ahead. Scores per run: " +
                      (evalEnvs.Count > 0 ? "the final checkpoint's mean evaluation return." : "the mean of the last 100 training returns (nothing was evaluated)."));
        md.AppendLine($"95% CI: percentile bootstrap resampling each core's runs independently ({Statistics.DefaultResamples} resamples, seed 0); a CI above 0.5 means X is reliably ahead.").AppendLine();
        foreach (var core in others)
        {
            md.AppendLine($"| env | runs ({core}, {baselineCore}) | P({core} > {baselineCore}) | 95% CI |");
            md.AppendLine("|---|---|---|---|");
            foreach (var env in envs)
            {
                var x = Scores(core, env);
                var y = Scores(baselineCore, env);
                if (x.Count == 0 || y.Count == 0) continue;
                var ci = Statistics.ProbabilityOfImprovementCi(x, y);
                md.AppendLine($"| {env} | {x.Count}, {y.Count} | {F(Statistics.ProbabilityOfImprovement(x, y))} | [{F(ci.Low)}, {F(ci.High)}] |");
            }
            md.AppendLine();
        }
    }

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", Invariant);

    private static string P(double value) => double.IsNaN(value) ? "n/a" : (value * 100).ToString("F1", Invariant) + "%";
}
