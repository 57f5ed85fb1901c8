using System.Text;
using Rims.Agents.Settings;

namespace Rims.Agents.Reports;

/// <summary>
/// The sweep table of `report --by SETTING`: runs grouped by (core, value of the setting), each group's score on the
/// TRAINING env (IQM with a stratified-bootstrap CI over its seeds), and per core the value with the highest IQM marked
/// as best, an exact tie (several values at 100% success, as easy grid tasks give) broken by a second training-env score
/// (the return, which on MiniGrid-style envs also counts the steps taken). Evaluation envs never enter the choice: a setting chosen by the novel splits would make their scores
/// optimistic (the issue's "never look at the novel splits to choose anything").
/// </summary>
public static class SettingSweep
{
    /// <summary>
    /// The PPO setting `--by NAME` sweeps over (or `--variant NAME` varies): NAME is its option without or with "--"
    /// ("learning-rate", "--rims-units"); <paramref name="reportOption"/> is the report option that named it, for the message.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No sweepable setting has that name (the settings runs may differ in anyway, <see cref="RunPool.MayDiffer"/>, are
    /// not sweeps); the message suggests the nearest names.
    /// </exception>
    public static Setting Named(string name, string reportOption = "--by")
    {
        var option = name.StartsWith("--", StringComparison.Ordinal) ? name : "--" + name;
        var sweepable = SettingTable.All.Where(s => !RunPool.MayDiffer.Contains(s.Option)).ToList();
        return sweepable.FirstOrDefault(s => s.Option == option)
               ?? throw new ArgumentException($"{reportOption} {name} is not a PPO setting a {(reportOption == "--by" ? "sweep" : "variant")} can vary; " +
                                              (Rims.Envs.NearestNames.For(option, sweepable.Select(s => s.Option)) is { Count: > 0 } nearest
                                                  ? $"did you mean {string.Join(" or ", nearest.Select(n => n[2..]))}?"
                                                  : "see 'ppo --help' for the settings"));
    }

    /// <summary>
    /// The run's value of <paramref name="sweep"/> as config.json holds it (its JSON text, e.g. "0.001"; "unset" when the
    /// run's config has no value; "" with no sweep, so every run is in one group).
    /// </summary>
    public static string ValueOf(Setting? sweep, RunRecord run) =>
        sweep is null ? "" : sweep.ConfigValue(run.Config)?.ToJsonString() ?? "unset";

    /// <summary>One (core, value) group: its runs' training-env scores and their IQM with its 95% CI.</summary>
    /// <param name="Core">The group's core.</param>
    /// <param name="Value">The setting's value (<see cref="ValueOf"/>).</param>
    /// <param name="Scores">Per run with a training-env score (<see cref="ReportScore.OnTrainingEnv"/>), that score.</param>
    /// <param name="Iqm">IQM of <paramref name="Scores"/> (NaN when empty).</param>
    /// <param name="Ci">95% stratified-bootstrap CI of <paramref name="Iqm"/> (one stratum: the group's runs; 2,000 resamples, seed 0).</param>
    /// <param name="TieBreakIqm">IQM of the runs' tie-break score on the training env (NaN without one).</param>
    /// <param name="Best">
    /// True for the value with the highest <paramref name="Iqm"/> among the core's groups; on an exact tie the highest
    /// <paramref name="TieBreakIqm"/>, then the first in value order.
    /// </param>
    public sealed record Group(string Core, string Value, IReadOnlyList<double> Scores, double Iqm, ConfidenceInterval Ci, double TieBreakIqm, bool Best);

    /// <summary>
    /// The groups of <paramref name="runs"/> by core (alphabetical) and value (numeric order when the values are numbers),
    /// scored by <paramref name="score"/> on the training env, with the best value per core marked (exact ties broken by
    /// <paramref name="tieBreak"/> on the training env).
    /// </summary>
    public static IReadOnlyList<Group> Groups(IReadOnlyList<RunRecord> runs, Setting sweep, ReportScore score, ReportScore? tieBreak = null)
    {
        var groups = new List<Group>();
        // A --rims-* sweep is over the rims runs only: the other cores' configs hold the group's defaults, which they never used.
        var swept = runs.Where(r => sweep.AppliesTo(r.TrainedCore));
        // With `--variant` over the swept setting too, a run's name carries the value; the table groups by the rest of it.
        foreach (var core in swept.GroupBy(r => RunPool.VariantPart(r, sweep) is { Length: > 0 } part ? r.Core.Replace(part, "") : r.Core)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byValue = core.GroupBy(r => ValueOf(sweep, r))
                .OrderBy(g => double.TryParse(g.Key, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : double.NaN)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var ordered = g.OrderBy(r => r.Seed).ToList();
                    var scores = ordered.Select(score.OnTrainingEnv).OfType<double>().ToList();
                    List<double> tieScores = tieBreak is null ? [] : ordered.Select(tieBreak.OnTrainingEnv).OfType<double>().ToList();
                    return (Value: g.Key, Scores: scores, Iqm: Statistics.InterquartileMean(scores), Ci: Statistics.StratifiedBootstrapIqmCi([scores]),
                        TieBreakIqm: Statistics.InterquartileMean(tieScores));
                }).ToList();
            // NaN sorts below every number in both orderings, so a group without scores is never best while another has them.
            var best = byValue.Where(g => !double.IsNaN(g.Iqm)).OrderByDescending(g => g.Iqm).ThenByDescending(g => g.TieBreakIqm).Select(g => g.Value).FirstOrDefault();
            groups.AddRange(byValue.Select(g => new Group(core.Key, g.Value, g.Scores, g.Iqm, g.Ci, g.TieBreakIqm, g.Value == best)));
        }
        return groups;
    }

    /// <summary>Appends the sweep section to <paramref name="md"/>, choosing by <paramref name="score"/> and breaking exact ties by <paramref name="tieBreak"/>.</summary>
    public static void Append(StringBuilder md, IReadOnlyList<RunRecord> runs, Setting sweep, ReportScore score, ReportScore? tieBreak = null)
    {
        md.AppendLine($"## Sweep over {sweep.Option}").AppendLine();
        md.AppendLine($"Runs grouped by core and {sweep.Option}; per run the {score.Name} on the training env {runs[0].Env} (its final checkpoint's evaluation there, " +
                      $"else its last 100 training episodes), IQM over seeds with 95% stratified-bootstrap CI ({Statistics.DefaultResamples} resamples, seed 0). " +
                      "**best** = the highest IQM per core" + (tieBreak is null ? "" : $", an exact tie broken by the higher {tieBreak.Name} IQM on the training env") +
                      ", chosen on the training env only: evaluation envs never choose a setting. " +
                      (runs.Any(r => RunPool.VariantPart(r, sweep) is { Length: > 0 } part && r.Core.Contains(part, StringComparison.Ordinal))
                          ? $"The other tables of this report show each value of {sweep.Option} apart (--variant)."
                          : $"The other tables of this report pool every value of {sweep.Option}.")).AppendLine();
        md.AppendLine($"| core | {sweep.Option} | runs | mean {score.Name} | IQM | IQM 95% CI |{(tieBreak is null ? "" : $" {tieBreak.Name} IQM (tie-break) |")} best |");
        md.AppendLine(tieBreak is null ? "|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|---|");
        foreach (var group in Groups(runs, sweep, score, tieBreak))
            md.AppendLine($"| {group.Core} | {group.Value} | {group.Scores.Count} | {score.Format(Statistics.Mean(group.Scores))} | {score.Format(group.Iqm)} | " +
                          $"{group.Ci.Format(score.Format)} |{(tieBreak is null ? "" : $" {tieBreak.Format(group.TieBreakIqm)} |")} {(group.Best ? "**best**" : "")} |");
        md.AppendLine();
    }
}
