using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using Rims.Agents.Settings;

namespace Rims.Agents.Reports;

/// <summary>
/// Builds report.md and its figures from run folders: learning curves (return, and the training success rate for envs
/// that report success), final scores on the return and the success rate (mean, std, IQM with a stratified-bootstrap
/// CI) with the budget and seeds per core, generalisation from the training env to every evaluated env per score (the
/// paired absolute and relative drops with their CIs, and against the baseline core's drop), the probability that each
/// core improves on the baseline core per score, the sweep table of `report --by` (<see cref="SettingSweep"/>), every run's evaluations
/// (<see cref="EvaluationsPerRun"/>), cost per core, the RIMs activation figures, and the commands, code version and machine that produced the runs.
/// </summary>
public static class ReportBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes the report of <paramref name="runDirectories"/> into <paramref name="outDirectory"/>; returns report.md's path.
    /// <paramref name="leftOut"/> ("folder: reason" per run seen and not pooled, e.g. a comparison's other seeds) is listed under Provenance.
    /// </summary>
    /// <exception cref="ArgumentException">The runs cannot be pooled (<see cref="RunPool.Read"/>), or <paramref name="baseline"/> is none of their cores.</exception>
    public static string Build(IReadOnlyList<string> runDirectories, string outDirectory, string name, string? baseline = null, Setting? sweep = null,
        IReadOnlyList<Setting>? variants = null, IReadOnlyList<string>? leftOut = null) =>
        Build(RunPool.Read(runDirectories, sweep: sweep, variants: variants), outDirectory, name, baseline, sweep, variants: variants, leftOut: leftOut);

    /// <summary>
    /// Writes the report of <paramref name="runs"/> (read by <see cref="RunPool.Read"/>) into <paramref name="outDirectory"/>;
    /// returns report.md's path. Every other core is compared with <paramref name="baseline"/> (see <see cref="BaselineCore"/>).
    /// With <paramref name="sweep"/>, the report adds the sweep table over that setting (<see cref="SettingSweep"/>).
    /// <paramref name="builtWith"/>, the `report` command building it, is recorded under Provenance (<see cref="Provenance.Append"/>).
    /// Runs that differ in any other setting than <paramref name="sweep"/> and <paramref name="variants"/> (pooled with
    /// --allow-mixed) get a "Mixed settings" section naming them (<see cref="MixedSettings"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="baseline"/> is none of the runs' cores.</exception>
    public static string Build(IReadOnlyList<RunRecord> runs, string outDirectory, string name, string? baseline = null, Setting? sweep = null,
        string? builtWith = null, IReadOnlyList<Setting>? variants = null, IReadOnlyList<string>? leftOut = null)
    {
        var baselineCore = BaselineCore(runs, baseline);
        Directory.CreateDirectory(outDirectory);
        // A report rebuilt into its folder (or another report's) would otherwise keep figures this one does not draw
        // (a success curve beside an Atari report); only the names a report writes are removed.
        foreach (var figure in FigureFiles) File.Delete(Path.Combine(outDirectory, figure));
        var byCore = runs.GroupBy(r => r.Core).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Seed).ToList());
        var trainEnvs = runs.Select(r => r.Env).Distinct().ToList();
        var scores = ReportScore.Of(runs);
        var md = new StringBuilder();
        md.AppendLine($"# {name}").AppendLine();
        md.AppendLine($"Runs: {runs.Count} ({string.Join(", ", byCore.Select(c => RunCount(c.Key, c.Value)))}), " +
                      $"trained on {string.Join(", ", trainEnvs)} for {string.Join(", ", runs.Select(r => r.SummaryNumber("total_steps")).Where(s => !double.IsNaN(s)).Distinct().Select(s => s.ToString("N0", Invariant)))} agent steps.");
        md.AppendLine(WhatReturnsAre(trainEnvs, reportsSuccess: scores[0] == ReportScore.SuccessRate)).AppendLine();
        var variantCores = runs.Where(r => r.Core != r.TrainedCore).Select(r => r.Core).Distinct().Order(StringComparer.Ordinal).ToList();
        if (variantCores.Count > 0)
            md.AppendLine($"Variants ({string.Join(", ", variantCores)}): runs of a core with the settings named after it changed from their defaults, " +
                          "reported as cores of their own in every table.").AppendLine();
        MixedSettings.Append(md, runs, [.. variants ?? [], .. sweep is null ? Array.Empty<Setting>() : [sweep]]);
        var incomplete = runs.Where(r => !r.Completed).ToList();
        if (incomplete.Count > 0)
        {
            md.AppendLine($"**Incomplete runs** ({incomplete.Count} of {runs.Count}; included as they stand, so their scores are not final):").AppendLine();
            foreach (var run in incomplete) md.AppendLine($"- {run.Core} seed {run.Seed} (`{run.Directory}`): {run.IncompleteReason}");
            md.AppendLine();
        }
        var withoutEpisodes = runs.Where(r => !r.HasEpisodesFile).ToList();
        md.AppendLine(withoutEpisodes.Count == 0
            ? "Every run folder has episodes.csv."
            : $"**Runs without episodes.csv** ({withoutEpisodes.Count} of {runs.Count}; their learning curves come from progress.csv's per-iteration means, if it exists): " +
              string.Join(", ", withoutEpisodes.Select(r => $"{r.Core} seed {r.Seed} (`{r.Directory}`)")) + ".").AppendLine();

        md.AppendLine("## Learning curves").AppendLine();
        Figures.LearningCurves(Path.Combine(outDirectory, ReturnFigure), $"{string.Join(", ", trainEnvs)}: episodic return", "episodic return", byCore,
            r => r.HasEpisodesFile ? r.Episodes.Select(e => (e.GlobalStep, e.Return)).ToList() : r.Progress.Where(p => p.Return is not null).Select(p => (p.GlobalStep, p.Return!.Value)).ToList());
        md.AppendLine($"![return]({ReturnFigure})").AppendLine();
        if (runs.Any(r => r.Episodes.Any(e => e.Success >= 0) || (!r.HasEpisodesFile && r.Progress.Any(p => p.SuccessRate is not null))))
        {
            Figures.LearningCurves(Path.Combine(outDirectory, SuccessFigure), $"{string.Join(", ", trainEnvs)}: training success rate", "success rate", byCore,
                r => r.HasEpisodesFile
                    ? r.Episodes.Where(e => e.Success >= 0).Select(e => (e.GlobalStep, (double)e.Success)).ToList()
                    : r.Progress.Where(p => p.SuccessRate is not null).Select(p => (p.GlobalStep, p.SuccessRate!.Value)).ToList());
            md.AppendLine($"![success]({SuccessFigure})").AppendLine();
            md.AppendLine($"Training success rate per core over agent steps (budget {Budget(runs)}): whether the best core has plateaued within the budget.").AppendLine();
        }
        md.AppendLine("Mean over seeds of each run's moving average (window 5% of its episodes, or of its progress.csv iterations for a run without episodes.csv), " +
                      "band = 95% bootstrap CI over seeds.").AppendLine();

        var evalEnvs = runs.SelectMany(r => r.Evals.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
        md.AppendLine("## Final scores").AppendLine();
        md.AppendLine($"Budget: {Budget(runs)} agent steps per run; seeds per core: {string.Join(", ", byCore.Select(c => $"{c.Key} {c.Value.Select(r => r.Seed).Distinct().Count()}"))}." +
                      (scores[0] == ReportScore.SuccessRate ? " The success rate is the headline score of these envs." : "")).AppendLine();
        // Envs without a success signal (Atari) get no success columns: three columns of n/a say nothing.
        bool withSuccess = scores.Contains(ReportScore.SuccessRate);
        string SuccessHeader(string scope) => withSuccess ? $" {scope}success rate: mean | success IQM | success IQM 95% CI |" : "";
        string separator = withSuccess ? "|---|---|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|";
        string Success(List<double> success) => withSuccess ? SuccessCells(success) : "";
        if (evalEnvs.Count == 0)
        {
            md.AppendLine("No evaluations in these run folders (run `eval --checkpoint <run>/checkpoints/final.ckpt`); training scores only " +
                          $"(per run: the mean over its last 100 training episodes; {IqmText}):").AppendLine();
            md.AppendLine("| core | env | seeds | mean of last-100 return | std across seeds | IQM | IQM 95% CI |" + SuccessHeader("last-100 "));
            md.AppendLine(separator);
            foreach (var (core, coreRuns) in byCore)
            {
                var returns = coreRuns.Select(r => r.SummaryNumber("mean_return_last_100")).ToList();
                var ci = Statistics.StratifiedBootstrapIqmCi([returns]);
                var success = coreRuns.Select(ReportScore.SuccessRate.InTraining).OfType<double>().ToList();
                md.AppendLine($"| {core} | {coreRuns[0].Env} | {coreRuns.Count} | {F(Statistics.Mean(returns))} | {F(Statistics.SampleStd(returns))} | {F(Statistics.InterquartileMean(returns))} | {ci.Format(F)} |" +
                              Success(success));
            }
            md.AppendLine();
        }
        else
        {
            md.AppendLine($"Per run: the mean raw return{(withSuccess ? " and the success rate" : "")} over its evaluation episodes; statistics across seeds " +
                          $"({IqmText}).").AppendLine();
            md.AppendLine("| core | env | seeds | mean return | std across seeds | IQM | IQM 95% CI |" + SuccessHeader(""));
            md.AppendLine(separator);
            foreach (var (core, coreRuns) in byCore)
                foreach (var env in evalEnvs)
                {
                    var evaluated = coreRuns.Where(r => r.Evals.ContainsKey(env)).Select(r => r.Evals[env]).ToList();
                    if (evaluated.Count == 0) continue;
                    var returns = evaluated.Select(e => e.Mean).ToList();
                    var ci = Statistics.StratifiedBootstrapIqmCi([returns]);
                    var success = evaluated.Select(e => e.SuccessRate).OfType<double>().ToList();
                    md.AppendLine($"| {core} | {env} | {evaluated.Count} | {F(Statistics.Mean(returns))} | {F(Statistics.SampleStd(returns))} | " +
                                  $"{F(Statistics.InterquartileMean(returns))} | {ci.Format(F)} |" + Success(success));
                }
            md.AppendLine();
            var unevaluated = runs.Where(r => r.Evals.Count == 0).ToList();
            if (unevaluated.Count > 0)
                md.AppendLine($"**Runs without any evaluation** ({unevaluated.Count} of {runs.Count}; left out of the final-score, generalisation and " +
                              "probability-of-improvement tables, which use final-checkpoint evaluations; `eval --checkpoint <run>/checkpoints/final.ckpt` adds one): " +
                              string.Join(", ", unevaluated.Select(r => $"{r.Core} seed {r.Seed} (`{r.Directory}`)")) + ".").AppendLine();
            AppendGeneralisation(md, byCore, evalEnvs, baselineCore, scores);
        }
        AppendProbabilityOfImprovement(md, byCore, evalEnvs, baselineCore, scores);
        if (sweep is not null) SettingSweep.Append(md, runs, sweep, scores[0], scores.Count > 1 ? scores[1] : null);
        EvaluationsPerRun.Append(md, byCore, evalEnvs, baselineCore, withSuccess);

        md.AppendLine("## Cost").AppendLine();
        md.AppendLine("| core | parameters | mean SPS | mean wall time (min) |");
        md.AppendLine("|---|---|---|---|");
        // Over the runs that have a summary.json: one stopped hard (none yet) would make every mean NaN.
        List<double> Known(List<RunRecord> coreRuns, string key) => [.. coreRuns.Select(r => r.SummaryNumber(key)).Where(v => !double.IsNaN(v))];
        foreach (var (core, coreRuns) in byCore)
            md.AppendLine($"| {core} | {Known(coreRuns, "parameters").DefaultIfEmpty(double.NaN).First().ToString("N0", Invariant)} | {Statistics.Mean(Known(coreRuns, "sps")):F0} | " +
                          $"{Statistics.Mean(Known(coreRuns, "wall_seconds")) / 60:F1} |");
        md.AppendLine();

        var rims = byCore.Where(c => c.Value.Any(r => r.Evals.Values.Any(e => e.ActivationTrace is not null))).SelectMany(c => c.Value).ToList();
        if (rims.Count > 0)
        {
            md.AppendLine("## Which units fire when").AppendLine();
            // The heatmap and the profile figure show the training env when there is an evaluation on it.
            var first = rims.First(r => r.Evals.Values.Any(e => e.ActivationTrace is not null));
            var eval = first.Evals.Values.Where(e => e.ActivationTrace is not null).OrderByDescending(e => e.Env == first.Env).First();
            Figures.ActivationHeatmap(Path.Combine(outDirectory, ActivationEpisodeFigure),
                $"active units (yellow), {first.Core} seed {first.Seed}, {eval.Env}", eval.ActivationTrace!);
            md.AppendLine($"![activation]({ActivationEpisodeFigure})").AppendLine();
            md.AppendLine($"Active units at every step of the first evaluation episode of {first.Core} seed {first.Seed} on {eval.Env}.").AppendLine();
            var profiles = ActivationProfile.Of(byCore);
            var onTrainingEnv = profiles.Where(p => byCore[p.Core].Any(r => r.Env == p.Env)).ToList();
            var shown = onTrainingEnv.Count > 0 ? onTrainingEnv : profiles;
            string shownEnvs = onTrainingEnv.Count > 0 ? "the training env" : string.Join(", ", shown.Select(p => p.Env).Distinct());
            Figures.ActivationFrequency(Path.Combine(outDirectory, ActivationProfileFigure), $"activation profile on {shownEnvs}", shown);
            md.AppendLine($"![frequency]({ActivationProfileFigure})").AppendLine();
            md.AppendLine($"Activation profile on {shownEnvs}: per unit rank, the bar is the mean over runs and each dot one run.").AppendLine();
            AppendActivationProfiles(md, profiles);
        }
        else if (runs.Any(r => r.TrainedCore == "rims"))
        {
            // The activation figures come from evaluations; say so rather than leave the section out unexplained.
            md.AppendLine("## Which units fire when").AppendLine();
            md.AppendLine("No evaluation of a RIMs run recorded unit activations, so there are no activation figures: " +
                          "`eval --checkpoint <run>/checkpoints/final.ckpt` records them.").AppendLine();
        }

        Provenance.Append(md, runs.Select(r => (r.Directory, r.Config)).ToList(), builtWith, leftOut);

        var reportPath = Path.Combine(outDirectory, "report.md");
        AtomicFile.WriteAllText(reportPath, md.ToString());
        return reportPath;
    }

    /// <summary>
    /// The activation-profile table: per RIMs core and evaluation env, the mean over runs of the fraction of steps the
    /// most active, second most active, ... unit was active (ranks, not unit indices: see <see cref="ActivationProfile"/>).
    /// </summary>
    private static void AppendActivationProfiles(StringBuilder md, IReadOnlyList<ActivationProfile> profiles)
    {
        int units = profiles.Max(p => p.Units);
        // A core whose runs have different numbers of units (--allow-mixed) gets a row per number, named by it.
        var mixed = profiles.GroupBy(p => (p.Core, p.Env)).Where(g => g.Count() > 1).Select(g => g.Key.Core).ToHashSet();
        md.AppendLine("Fraction of evaluation steps each unit was active, units ranked per run from the most to the least active " +
                      "(which unit learns what differs between seeds, so runs are compared rank by rank), mean over runs. " +
                      "Each run's per-unit numbers are in its evals/*.json (unit_activation).").AppendLine();
        md.AppendLine($"| core | env | runs | {string.Join(" | ", Enumerable.Range(1, units).Select(k => $"rank {k}"))} |");
        md.AppendLine($"|---|---|---|{string.Concat(Enumerable.Repeat("---|", units))}");
        foreach (var profile in profiles)
        {
            var cells = profile.Mean.Select(f => f.ToString("F2", Invariant)).Concat(Enumerable.Repeat("", units - profile.Mean.Length));
            string core = mixed.Contains(profile.Core) ? $"{profile.Core} ({profile.Units} units)" : profile.Core;
            md.AppendLine($"| {core} | {profile.Env} | {profile.SortedByRun.Count} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
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

    // Why a one-run core shows n/a where a CI would be (Statistics.MinimumPerGroup).
    private static readonly string NoCiText = $"a CI is n/a for fewer than {Statistics.MinimumPerGroup} runs, as one run cannot show how much another seed would differ";

    // What the IQM columns are: Statistics.InterquartileMean weights the runs at the quartiles fractionally, which is
    // rliable's trim_mean only for run counts divisible by 4, so the report says which one it is.
    private static readonly string IqmText = "std across seeds: the sample standard deviation (n - 1), the seeds being a sample of all seeds; " +
        "IQM: the mean of the middle 50% of runs, a run straddling a quartile weighted by its share, as rliable's " +
        $"trim_mean(x, 0.25) when the run count is a multiple of 4; 95% stratified-bootstrap CI, {Statistics.DefaultResamples} resamples, seed 0; " + NoCiText;

    /// <summary>The figures a report may draw into its folder; a build removes them first and draws those it has data for.</summary>
    public static readonly IReadOnlyList<string> FigureFiles = [ReturnFigure, SuccessFigure, ActivationEpisodeFigure, ActivationProfileFigure];

    private const string ReturnFigure = "learning_return.png", SuccessFigure = "learning_success.png",
        ActivationEpisodeFigure = "activation_episode.png", ActivationProfileFigure = "activation_frequency.png";

    // "lstm x 5 seeds", or for a sweep, whose runs of one core repeat seeds across values, "lstm x 6 runs over 2 seeds".
    private static string RunCount(string core, List<RunRecord> runs)
    {
        int seeds = runs.Select(r => r.Seed).Distinct().Count();
        return runs.Count == seeds ? $"{core} x {Counted.Of(seeds, "seed")}" : $"{core} x {Counted.Of(runs.Count, "run")} over {Counted.Of(seeds, "seed")}";
    }

    /// <summary>
    /// Per score (success rate first when the envs report it, then return), per core and evaluation env: the paired
    /// absolute and relative drops with their CIs, then each core's absolute drop against the baseline's.
    /// </summary>
    private static void AppendGeneralisation(StringBuilder md, Dictionary<string, List<RunRecord>> byCore, List<string> evalEnvs, string baselineCore,
        IReadOnlyList<ReportScore> scores)
    {
        md.AppendLine("## Generalisation").AppendLine();
        var pairs = byCore.Values.SelectMany(coreRuns => evalEnvs.Where(e => !e.Equals(coreRuns[0].Env, StringComparison.OrdinalIgnoreCase))
            .Select(env => (Runs: coreRuns, Env: env))).ToList();
        if (pairs.Count == 0)
        {
            md.AppendLine("Only the training env was evaluated; `eval --checkpoint <run>/checkpoints/final.ckpt --env ID` on a run adds one.").AppendLine();
            return;
        }
        if (!pairs.Any(p => GeneralisationDrop.Of(p.Runs, p.Env, ReportScore.Return.OfEval).Runs > 0))
        {
            md.AppendLine($"No run was evaluated on both its training env and {string.Join(", ", pairs.Select(p => p.Env).Distinct())}, so there is no drop to show; " +
                          "`eval --checkpoint <run>/checkpoints/final.ckpt --env ID` on a run adds the missing one.").AppendLine();
            return;
        }
        md.AppendLine("Each evaluation env against the training env, over the runs evaluated on both (paired: one final checkpoint per run).");
        md.AppendLine("Drop = training minus evaluation score per run, averaged over runs (the mean, so drop = train - eval column by column). " +
                      "Relative drop = per run (train - eval) / train, averaged over the runs with a non-zero training score: " +
                      "the absolute drop flatters a core that scores lower on the training env, the relative one does not.");
        md.AppendLine($"95% CIs: percentile bootstrap over runs ({Statistics.DefaultResamples} resamples, seed 0; {NoCiText}). A CI above 0 means the core is reliably worse on the evaluation env.").AppendLine();
        foreach (var score in scores)
        {
            var drops = pairs.Select(p => GeneralisationDrop.Of(p.Runs, p.Env, score.OfEval)).Where(d => d.Runs > 0).ToList();
            if (drops.Count == 0) continue;
            md.AppendLine($"### {Capitalised(score.Name)}").AppendLine();
            md.AppendLine($"| core | train env | eval env | runs | train {score.Name} | eval {score.Name} | drop | drop 95% CI | relative drop | relative drop 95% CI |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var drop in drops)
            {
                var ci = drop.DropCi();
                var relativeCi = drop.RelativeDropCi();
                md.AppendLine($"| {drop.Core} | {drop.TrainEnv} | {drop.EvalEnv} | {drop.Runs} | {score.Format(drop.TrainMean)} | {score.Format(drop.EvalMean)} | " +
                              $"{score.Format(drop.MeanDrop)} | {ci.Format(score.Format)} | " +
                              $"{P(drop.MeanRelativeDrop)} | {relativeCi.Format(P)} |");
            }
            var versus = drops.Where(d => d.Core != baselineCore)
                .Select(d => (Drop: d, Baseline: drops.FirstOrDefault(b => b.Core == baselineCore && b.EvalEnv.Equals(d.EvalEnv, StringComparison.OrdinalIgnoreCase))))
                .Where(p => p.Baseline is not null).ToList();
            md.AppendLine();
            if (versus.Count == 0) continue;
            md.AppendLine($"{Capitalised(score.Name)} drop minus {baselineCore}'s: below 0 means the core loses less than {baselineCore} on the evaluation env; " +
                          $"95% CI by resampling each core's runs independently ({Statistics.DefaultResamples} resamples, seed 0).").AppendLine();
            md.AppendLine($"| core | eval env | drop | {baselineCore} drop | difference | difference 95% CI |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var (drop, baseline) in versus)
            {
                var ci = drop.DropMinusCi(baseline!);
                md.AppendLine($"| {drop.Core} | {drop.EvalEnv} | {score.Format(drop.MeanDrop)} | {score.Format(baseline!.MeanDrop)} | {score.Format(drop.DropMinus(baseline))} | " +
                              $"{ci.Format(score.Format)} |");
            }
            md.AppendLine();
        }
    }

    /// <summary>
    /// Per score, per other core and env: the probability that a run of the core scores above a run of the baseline, with its CI.
    /// Scores are the final checkpoint's evaluation, or the training env's last 100 episodes when nothing was evaluated.
    /// </summary>
    private static void AppendProbabilityOfImprovement(StringBuilder md, Dictionary<string, List<RunRecord>> byCore, List<string> evalEnvs, string baselineCore,
        IReadOnlyList<ReportScore> scores)
    {
        var others = byCore.Keys.Where(c => c != baselineCore).ToList();
        if (others.Count == 0) return;
        string trainEnv = byCore[baselineCore][0].Env;
        var envs = evalEnvs.Count > 0 ? evalEnvs : [trainEnv];
        md.AppendLine("## Probability of improvement").AppendLine();
        md.AppendLine($"P(X > {baselineCore}): the chance that a random run of core X scores above a random run of {baselineCore} on that env, ties counting half " +
                      "(Agarwal et al., 2021); 0.5 = neither is ahead. Scores per run: " +
                      (evalEnvs.Count > 0 ? "the final checkpoint's evaluation." : "the last 100 training episodes (nothing was evaluated)."));
        md.AppendLine($"95% CI: percentile bootstrap resampling each core's runs independently ({Statistics.DefaultResamples} resamples, seed 0; {NoCiText}); " +
                      "a CI above 0.5 means X is reliably ahead.").AppendLine();
        foreach (var score in scores)
        {
            List<double> Scores(string core, string env) => byCore[core]
                .Select(r => evalEnvs.Count > 0 ? score.OnEval(r, env) : score.InTraining(r)).OfType<double>().ToList();
            foreach (var core in others)
            {
                var rows = envs.Select(env => (Env: env, X: Scores(core, env), Y: Scores(baselineCore, env))).Where(r => r.X.Count > 0 && r.Y.Count > 0).ToList();
                if (rows.Count == 0) continue;
                md.AppendLine($"On the {score.Name}:").AppendLine();
                md.AppendLine($"| env | runs ({core}, {baselineCore}) | P({core} > {baselineCore}) | 95% CI |");
                md.AppendLine("|---|---|---|---|");
                foreach (var (env, x, y) in rows)
                {
                    var ci = Statistics.ProbabilityOfImprovementCi(x, y);
                    md.AppendLine($"| {env} | {x.Count}, {y.Count} | {F(Statistics.ProbabilityOfImprovement(x, y))} | {ci.Format(F)} |");
                }
                md.AppendLine();
                if (rows.Any(r => r.X.Count == 1 && r.Y.Count == 1))
                    md.AppendLine($"With one run of each core, P is 0, 0.5 or 1 and has no CI: it says which run scored higher, not how likely " +
                                  $"{core} is to beat {baselineCore}.").AppendLine();
            }
        }
    }

    /// <summary>The success-rate cells of a final-score row: mean, IQM and the IQM's stratified-bootstrap CI over the runs that have one.</summary>
    private static string SuccessCells(IReadOnlyList<double> success)
    {
        if (success.Count == 0) return " n/a | n/a | n/a |";
        var ci = Statistics.StratifiedBootstrapIqmCi([success]);
        return $" {P(Statistics.Mean(success))} | {P(Statistics.InterquartileMean(success))} | {ci.Format(P)} |";
    }

    /// <summary>
    /// What a return is in these runs: an Atari game's raw score over all lives (the env ends episodes at game over
    /// and the episodic-life signal only shapes training), or the env's own undiscounted reward sum.
    /// </summary>
    private static string WhatReturnsAre(IReadOnlyList<string> trainEnvs, bool reportsSuccess)
    {
        bool atari = trainEnvs.All(id => AtariReferenceScores.RomOf(id) is not null);
        if (atari) return "Returns are raw game scores (all lives); episodes are whole games.";
        return "Returns are the env's undiscounted reward sum per episode" +
               (reportsSuccess ? "; the success rate is the share of episodes that reached the goal." : ".");
    }

    /// <summary>The runs' budget(s) in agent steps (summary.json total_steps, else config.json's), distinct values comma-separated.</summary>
    private static string Budget(IReadOnlyList<RunRecord> runs)
    {
        var budgets = runs.Select(r => double.IsNaN(r.SummaryNumber("total_steps")) && r.Config["total_steps"] is JsonValue v && v.TryGetValue<double>(out var asked)
                ? asked : r.SummaryNumber("total_steps"))
            .Where(s => !double.IsNaN(s)).Distinct().Order().ToList();
        return budgets.Count == 0 ? "unknown" : string.Join(", ", budgets.Select(s => s.ToString("N0", Invariant)));
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string F(double value) => ReportScore.Return.Format(value);

    private static string P(double value) => ReportScore.SuccessRate.Format(value);
}
