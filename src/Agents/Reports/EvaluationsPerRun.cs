using System.Text;

namespace Rims.Agents.Reports;

/// <summary>
/// The report's "Evaluations per run" section: every run's final-checkpoint evaluation on every evaluated env, with its
/// episode count and the 95% CI of its mean return over those episodes; and, where the baseline core and another core
/// have one run each on an env (a like-for-like pair such as one Atari seed per core), the difference of the two
/// checkpoints' means with its CI over episodes.
/// These CIs measure evaluation noise only (how well the episodes pin down one checkpoint's mean), never seed-to-seed
/// variation; the report's across-seed tables are the comparison of cores, and the text says so.
/// </summary>
public static class EvaluationsPerRun
{
    /// <summary>Appends the section for the runs of <paramref name="byCore"/> (core -> runs, seed order) on <paramref name="evalEnvs"/>.</summary>
    /// <param name="md">The report being written.</param>
    /// <param name="byCore">Runs per core; runs without an evaluation on an env are left out of that env's rows.</param>
    /// <param name="evalEnvs">Every evaluated env of the report, in its order.</param>
    /// <param name="baselineCore">The core the others are compared with.</param>
    /// <param name="withSuccess">Whether the envs report success (adds the success-rate column).</param>
    public static void Append(StringBuilder md, IReadOnlyDictionary<string, List<RunRecord>> byCore, IReadOnlyList<string> evalEnvs, string baselineCore,
        bool withSuccess)
    {
        var rows = byCore.SelectMany(core => core.Value.SelectMany(run => evalEnvs.Where(run.Evals.ContainsKey).Select(env => (Run: run, Eval: run.Evals[env]))))
            .ToList();
        if (rows.Count == 0) return;
        var format = ReportScore.Return;
        md.AppendLine("## Evaluations per run").AppendLine();
        md.AppendLine("Each run's final checkpoint on each evaluated env: the episodes played and the mean raw return with its 95% CI over those " +
                      $"episodes (percentile bootstrap, {Statistics.DefaultResamples} resamples, seed 0); std is over episodes (the population standard deviation, n, as numpy's std and Stable-Baselines3's evaluate_policy give it). This CI is evaluation noise: " +
                      "how well the episodes pin down this one checkpoint's mean. It says nothing about another seed of the same core, " +
                      "which is what the across-seed tables above measure.").AppendLine();
        md.AppendLine("| core | seed | env | episodes | mean return | 95% CI over episodes | std | min | max |" + (withSuccess ? " success rate |" : ""));
        md.AppendLine("|---|---|---|---|---|---|---|---|---|" + (withSuccess ? "---|" : ""));
        foreach (var (run, eval) in rows)
        {
            var ci = Statistics.BootstrapCi(eval.Returns, Statistics.Mean);
            md.AppendLine($"| {run.Core} | {run.Seed} | {eval.Env} | {eval.Episodes} | {format.Format(eval.Mean)} | {ci.Format(format.Format)} | " +
                          $"{format.Format(eval.Std)} | {format.Format(eval.Min)} | {format.Format(eval.Max)} |" +
                          (withSuccess ? $" {(eval.SuccessRate is { } s ? ReportScore.SuccessRate.Format(s) : "n/a")} |" : ""));
        }
        md.AppendLine();
        AppendPairDifferences(md, byCore, evalEnvs, baselineCore);
    }

    /// <summary>Where the baseline and another core have exactly one evaluated run on an env: that pair's difference of means.</summary>
    private static void AppendPairDifferences(StringBuilder md, IReadOnlyDictionary<string, List<RunRecord>> byCore, IReadOnlyList<string> evalEnvs, string baselineCore)
    {
        var pairs = (from core in byCore.Keys.Where(c => c != baselineCore)
                     from env in evalEnvs
                     let x = byCore[core].Where(r => r.Evals.ContainsKey(env)).ToList()
                     let y = byCore[baselineCore].Where(r => r.Evals.ContainsKey(env)).ToList()
                     where x.Count == 1 && y.Count == 1
                     select (Core: core, Env: env, X: x[0].Evals[env].Returns, Y: y[0].Evals[env].Returns)).ToList();
        if (pairs.Count == 0) return;
        var format = ReportScore.Return;
        md.AppendLine($"One run per core: the difference of the two checkpoints' mean returns (core minus {baselineCore}), 95% CI resampling each " +
                      $"checkpoint's episodes independently ({Statistics.DefaultResamples} resamples, seed 0). A CI excluding 0 says these two " +
                      "checkpoints differ beyond evaluation noise, not that the cores do: one seed per core cannot tell a core's effect from a seed's.")
            .AppendLine();
        md.AppendLine($"| core | env | episodes (core, {baselineCore}) | mean return | {baselineCore} mean return | difference | difference 95% CI |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (core, env, x, y) in pairs)
        {
            double Difference(IReadOnlyList<double> a, IReadOnlyList<double> b) => Statistics.Mean(a) - Statistics.Mean(b);
            var ci = Statistics.TwoSampleBootstrapCi(x, y, Difference);
            md.AppendLine($"| {core} | {env} | {x.Length}, {y.Length} | {format.Format(Statistics.Mean(x))} | {format.Format(Statistics.Mean(y))} | " +
                          $"{format.Format(Difference(x, y))} | {ci.Format(format.Format)} |");
        }
        md.AppendLine();
    }
}
