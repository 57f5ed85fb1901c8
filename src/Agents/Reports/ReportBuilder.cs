using System.Globalization;
using System.Text;
using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>
/// Builds report.md and its figures from run folders: learning curves, final scores (mean, std, IQM with a
/// stratified-bootstrap CI), generalisation from the training env to every evaluated env, cost per core, the
/// RIMs activation figures, and the commands, code version and machine that produced the runs.
/// </summary>
public static class ReportBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the report of <paramref name="runDirectories"/> into <paramref name="outDirectory"/>; returns report.md's path.</summary>
    /// <exception cref="ArgumentException">The runs cannot be pooled (<see cref="RunPool.Read"/>).</exception>
    public static string Build(IReadOnlyList<string> runDirectories, string outDirectory, string name) =>
        Build(RunPool.Read(runDirectories), outDirectory, name);

    /// <summary>Writes the report of <paramref name="runs"/> (read by <see cref="RunPool.Read"/>) into <paramref name="outDirectory"/>; returns report.md's path.</summary>
    public static string Build(IReadOnlyList<RunRecord> runs, string outDirectory, string name)
    {
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
            md.AppendLine("## Generalisation").AppendLine();
            var rows = new List<string>();
            foreach (var (core, coreRuns) in byCore)
            {
                string train = coreRuns[0].Env;
                double Mean(string env, Func<Evaluation.EvalResult, double?> f) =>
                    Statistics.Mean(coreRuns.Where(r => r.Evals.ContainsKey(env)).Select(r => f(r.Evals[env])).Where(v => v is not null).Select(v => v!.Value).ToList());
                if (!coreRuns.Any(r => r.Evals.ContainsKey(train))) continue;
                foreach (var env in evalEnvs.Where(e => !e.Equals(train, StringComparison.OrdinalIgnoreCase)))
                {
                    double ts = Mean(train, e => e.SuccessRate), es = Mean(env, e => e.SuccessRate);
                    double tr = Mean(train, e => e.Mean), er = Mean(env, e => e.Mean);
                    rows.Add($"| {core} | {train} | {env} | {P(ts)} | {P(es)} | {P(ts - es)} | {F(tr)} | {F(er)} | {F(tr - er)} |");
                }
            }
            if (rows.Count == 0)
                md.AppendLine("Only the training env was evaluated; `eval --checkpoint <run>/checkpoints/final.ckpt --env ID` on a run adds one.");
            else
            {
                md.AppendLine("Each evaluation env against the training env (means over seeds; drop = training minus evaluation).").AppendLine();
                md.AppendLine("| core | train env | eval env | train success | eval success | success drop | train return | eval return | return drop |");
                md.AppendLine("|---|---|---|---|---|---|---|---|---|");
                foreach (var row in rows) md.AppendLine(row);
            }
        }
        md.AppendLine();

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

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", Invariant);

    private static string P(double value) => double.IsNaN(value) ? "n/a" : (value * 100).ToString("F1", Invariant) + "%";
}
