using System.Globalization;
using System.Text;
using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>
/// `report --across-envs`: one report over runs of several training envs (an Atari sweep's games, several grid tasks),
/// where the per-env report (<see cref="ReportBuilder"/>) compares cores on one env. Per env and core: the runs' score
/// IQM and the probability of improvement over the baseline; across envs: on how many envs each core is ahead, the
/// average probability of improvement with its stratified CI (Agarwal et al., 2021), and, when every env is an Atari
/// game, human-normalised scores (<see cref="AtariReferenceScores"/>) with their IQM. Each run is scored on its
/// training env: the final checkpoint's evaluation there, else its last 100 training episodes.
/// </summary>
public static class AcrossEnvsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes report.md for <paramref name="pools"/> (one list of runs per env, from <see cref="RunPool.ReadAcrossEnvs"/>)
    /// into <paramref name="outDirectory"/> and returns its path. <paramref name="builtWith"/>, the `report` command, is
    /// recorded under Provenance. Runs that differ in a setting other than the env and <paramref name="variants"/> (pooled
    /// with --allow-mixed) get a "Mixed settings" section naming it per env and core (<see cref="MixedSettings"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="baseline"/> is none of the runs' cores.</exception>
    public static string Build(IReadOnlyList<IReadOnlyList<RunRecord>> pools, string outDirectory, string name, string? baseline = null,
        string? builtWith = null, IReadOnlyList<Settings.Setting>? variants = null)
    {
        var runs = pools.SelectMany(p => p).ToList();
        var baselineCore = ReportBuilder.BaselineCore(runs, baseline);
        var others = runs.Select(r => r.Core).Distinct().Where(c => c != baselineCore).Order(StringComparer.Ordinal).ToList();
        var envs = pools.Select(p => new EnvScores(p)).ToList();

        Directory.CreateDirectory(outDirectory);
        var md = new StringBuilder();
        md.AppendLine($"# {name}").AppendLine();
        md.AppendLine($"Runs: {runs.Count} over {envs.Count} envs ({string.Join(", ", envs.Select(e => e.Env))}); " +
                      $"cores: {string.Join(", ", runs.GroupBy(r => r.Core).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x {Counted.Of(g.Count(), "run")}"))}; " +
                      $"budgets: {string.Join(", ", runs.Select(r => r.SummaryNumber("total_steps")).Where(s => !double.IsNaN(s)).Distinct().Order().Select(s => s.ToString("N0", Invariant)))} agent steps.");
        md.AppendLine("Each run is scored on its training env: the success rate for envs that report one, else the mean raw return, of its final " +
                      "checkpoint's evaluation there, or of its last 100 training episodes when it was not evaluated. The per-env reports " +
                      "(`report` without --across-envs) have the curves, the evaluation envs and the generalisation tables.").AppendLine();
        MixedSettings.Append(md, runs, [.. variants ?? [], Settings.SettingTable.Named("--env")]);

        md.AppendLine("## Per env").AppendLine();
        md.AppendLine($"IQM over runs (the middle 50%, a run straddling a quartile weighted by its share) with its 95% bootstrap CI, and P(core > {baselineCore}): " +
                      $"the chance that a random run of the core scores above a random run of {baselineCore} on that env, ties counting half, " +
                      $"with its 95% CI (each core's runs resampled independently; {Statistics.DefaultResamples} resamples, seed 0). A CI is n/a where a core " +
                      $"has fewer than {Statistics.MinimumPerGroup} runs on the env: one run cannot show how much another seed would differ.").AppendLine();
        md.AppendLine($"| env | score | core | runs | IQM | IQM 95% CI | P(core > {baselineCore}) | P 95% CI |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var env in envs)
            foreach (var (core, scores) in env.ByCore)
            {
                var ci = Statistics.StratifiedBootstrapIqmCi([scores]);
                string p = "", pCi = "";
                if (core != baselineCore && env.ByCore.TryGetValue(baselineCore, out var baselineScores))
                {
                    var pInterval = Statistics.ProbabilityOfImprovementCi(scores, baselineScores);
                    p = F(Statistics.ProbabilityOfImprovement(scores, baselineScores));
                    pCi = $"{pInterval.Format(F)}";
                }
                md.AppendLine($"| {env.Env} | {env.Score.Name} | {core} | {scores.Count} | {env.Score.Format(Statistics.InterquartileMean(scores))} | " +
                              $"{ci.Format(env.Score.Format)} | {p} | {pCi} |");
            }
        md.AppendLine();

        md.AppendLine("## Across envs").AppendLine();
        if (others.Count == 0) md.AppendLine($"Only {baselineCore} was run: nothing to compare.").AppendLine();
        foreach (var core in others)
        {
            var paired = envs.Where(e => e.ByCore.ContainsKey(core) && e.ByCore.ContainsKey(baselineCore)).ToList();
            if (paired.Count == 0)
            {
                // No statistic over no envs (and no empty figure): say where each was run instead.
                md.AppendLine($"**{core} against {baselineCore}**: no env has runs of both ({core} was run on " +
                              $"{string.Join(", ", envs.Where(e => e.ByCore.ContainsKey(core)).Select(e => e.Env))}), so there is nothing to compare.").AppendLine();
                continue;
            }
            var perTask = paired.Select(e => ((IReadOnlyList<double>)e.ByCore[core], (IReadOnlyList<double>)e.ByCore[baselineCore])).ToList();
            var ps = perTask.Select(t => (P: Statistics.ProbabilityOfImprovement(t.Item1, t.Item2), Ci: Statistics.ProbabilityOfImprovementCi(t.Item1, t.Item2))).ToList();
            int ahead = paired.Count(e => Statistics.InterquartileMean(e.ByCore[core]) > Statistics.InterquartileMean(e.ByCore[baselineCore]));
            var average = Statistics.AverageProbabilityOfImprovementCi(perTask);
            md.AppendLine($"**{core} against {baselineCore}**, over the {(paired.Count == 1 ? "1 env" : $"{paired.Count} envs")} both were run on" +
                          (paired.Count < envs.Count ? $" (not on {string.Join(", ", envs.Except(paired).Select(e => e.Env))})" : "") + ":");
            md.AppendLine();
            // With one run of a core on an env P has no CI (Statistics.MinimumPerGroup), so reliability is judged where it has one.
            var replicated = ps.Where(x => x.Ci.Exists).ToList();
            md.AppendLine($"- higher IQM on {ahead} of {paired.Count} envs; of the {replicated.Count} envs with at least 2 runs of each, reliably ahead " +
                          $"(P's CI above 0.5) on {replicated.Count(x => x.Ci.Low > 0.5)}, reliably behind (CI below 0.5) on {replicated.Count(x => x.Ci.High < 0.5)};");
            md.AppendLine($"- average probability of improvement P({core} > {baselineCore}) = {F(Statistics.AverageProbabilityOfImprovement(perTask))} " +
                          $"{average.Format(F)} (the mean over envs of the per-env P, each env weighing the same; 95% CI: stratified " +
                          "bootstrap, within each env each core's runs resampled independently; a CI above 0.5 = ahead across these envs).");
            md.AppendLine();
            // A variant's name ("rims --rims-active 6") as a file name.
            string figure = $"improvement_{string.Concat(core.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'))}.png";
            Figures.ProbabilityOfImprovementPerEnv(Path.Combine(outDirectory, figure), $"P({core} > {baselineCore}) per env",
                [.. paired.Select((e, i) => (e.Env, ps[i].P, ps[i].Ci))]);
            md.AppendLine($"![P({core} > {baselineCore}) per env]({figure})").AppendLine();
        }

        AppendHumanNormalised(md, envs, baselineCore, others);
        Provenance.Append(md, runs.Select(r => (r.Directory, r.Config)).ToList(), builtWith);

        var reportPath = Path.Combine(outDirectory, "report.md");
        AtomicFile.WriteAllText(reportPath, md.ToString());
        return reportPath;
    }

    private static void AppendHumanNormalised(StringBuilder md, List<EnvScores> envs, string baselineCore, List<string> others)
    {
        md.AppendLine("## Human-normalised scores").AppendLine();
        var roms = envs.Select(e => (Env: e, Rom: AtariReferenceScores.RomOf(e.Env))).ToList();
        if (roms.Any(r => r.Rom is null || r.Env.Score != ReportScore.Return || !AtariReferenceScores.ByRom.ContainsKey(r.Rom)))
        {
            md.AppendLine("Not every env is an Atari game with reference scores, so the scores are not normalised; the probability of improvement " +
                          "above needs no common scale.").AppendLine();
            return;
        }
        md.AppendLine("Per run (score - random) / (human - random) with the random-agent and human scores of DeepMind's DQN Zoo table " +
                      "(src/Agents/Reports/AtariReferenceScores.cs): 0 = random play, 1 = the human tester. IQM over all runs of all games, " +
                      "95% CI by the stratified bootstrap (runs resampled within each game; rliable's aggregate); the median is of the per-game means.").AppendLine();
        md.AppendLine("| core | games | runs | IQM | IQM 95% CI | median of game means | mean |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var core in new[] { baselineCore }.Concat(others))
        {
            var perGame = roms.Where(r => r.Env.ByCore.ContainsKey(core))
                .Select(r => (IReadOnlyList<double>)[.. r.Env.ByCore[core].Select(s => AtariReferenceScores.HumanNormalised(r.Rom!, s)!.Value)]).ToList();
            var pooled = perGame.SelectMany(g => g).ToList();
            var ci = Statistics.StratifiedBootstrapIqmCi(perGame);
            var median = Statistics.Percentile([.. perGame.Select(Statistics.Mean).Order()], 0.5);
            md.AppendLine($"| {core} | {perGame.Count} | {pooled.Count} | {F(Statistics.InterquartileMean(pooled))} | {ci.Format(F)} | " +
                          $"{F(median)} | {F(Statistics.Mean(pooled))} |");
        }
        md.AppendLine();
    }

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", Invariant);

    /// <summary>One env's runs scored on it: per core (ordered by name), the runs' scores by <see cref="Score"/>.</summary>
    private sealed class EnvScores
    {
        public EnvScores(IReadOnlyList<RunRecord> runs)
        {
            Env = runs[0].Env;
            Score = ReportScore.Of(runs)[0];
            ByCore = runs.GroupBy(r => r.Core).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(Score.OnTrainingEnv).OfType<double>().ToList());
            foreach (var core in ByCore.Where(c => c.Value.Count == 0).Select(c => c.Key).ToList()) ByCore.Remove(core);
        }

        public string Env { get; }

        public ReportScore Score { get; }

        public Dictionary<string, List<double>> ByCore { get; }
    }
}
