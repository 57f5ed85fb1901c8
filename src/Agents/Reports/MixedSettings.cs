using System.Text;
using Rims.Agents.Settings;

namespace Rims.Agents.Reports;

/// <summary>
/// What `report --allow-mixed` pooled: every PPO setting whose value differs among the runs (beyond
/// <see cref="RunPool.MayDiffer"/> and the settings the report names itself: the swept one, the variants, the env of a
/// report across envs), with its values per env and core. A report that pooled such runs must say so, above all where
/// two cores met on one env with different settings (a learning rate tuned per core): a difference between those cores
/// may then be a difference of settings.
/// </summary>
public static class MixedSettings
{
    /// <summary>One setting that differs among the pooled runs.</summary>
    /// <param name="Setting">The setting.</param>
    /// <param name="Values">Per env and core (the runs the setting applies to), the distinct values of its runs, comma-separated, as config.json has them.</param>
    /// <param name="EnvsWhereCoresDiffer">The envs on which two cores' runs have different values of it.</param>
    public sealed record Difference(Setting Setting, IReadOnlyList<(string Env, string Core, string Values)> Values, IReadOnlyList<string> EnvsWhereCoresDiffer);

    /// <summary>The settings <paramref name="runs"/> differ in, other than <see cref="RunPool.MayDiffer"/> and <paramref name="named"/>, in the setting table's order.</summary>
    public static IReadOnlyList<Difference> Of(IReadOnlyList<RunRecord> runs, IReadOnlyList<Setting> named)
    {
        var differences = new List<Difference>();
        foreach (var setting in SettingTable.All.Where(s => !RunPool.MayDiffer.Contains(s.Option) && !named.Contains(s)))
        {
            // A core's own group (--rims-*) is compared among that core's runs only, as RunPool checks it.
            var applies = runs.Where(r => setting.AppliesTo(r.TrainedCore)).ToList();
            var distinct = applies.Select(r => RunPool.Show(setting.ConfigValue(r.Config))).Distinct().ToList();
            if (distinct.Count < 2) continue;
            var cells = applies.GroupBy(r => (r.Env, r.Core)).OrderBy(g => g.Key.Env, StringComparer.Ordinal).ThenBy(g => g.Key.Core, StringComparer.Ordinal)
                .Select(g => (g.Key.Env, g.Key.Core, Values: string.Join(", ", g.Select(r => RunPool.Show(setting.ConfigValue(r.Config))).Distinct()))).ToList();
            var envsWhereCoresDiffer = cells.GroupBy(c => c.Env).Where(env => env.Select(c => c.Values).Distinct().Count() > 1).Select(env => env.Key).ToList();
            differences.Add(new Difference(setting, cells, envsWhereCoresDiffer));
        }
        return differences;
    }

    /// <summary>
    /// Appends the "Mixed settings" section when <paramref name="runs"/> differ in any setting (<see cref="Of"/>); nothing
    /// otherwise. Cores that meet on an env with different values are named first, in bold.
    /// </summary>
    public static void Append(StringBuilder md, IReadOnlyList<RunRecord> runs, IReadOnlyList<Setting> named)
    {
        var differences = Of(runs, named);
        if (differences.Count == 0) return;
        md.AppendLine("## Mixed settings").AppendLine();
        md.AppendLine($"These runs were pooled although they differ in {string.Join(", ", differences.Select(d => d.Setting.Option))} " +
                      "(`report --allow-mixed`); the table gives each env's and core's values.").AppendLine();
        foreach (var difference in differences.Where(d => d.EnvsWhereCoresDiffer.Count > 0))
            md.AppendLine($"**The cores were run with different {difference.Setting.Option} on {string.Join(", ", difference.EnvsWhereCoresDiffer)}**: " +
                          "a difference between them there may come from this setting, not from the core.").AppendLine();
        md.AppendLine("| setting | env | core | value |");
        md.AppendLine("|---|---|---|---|");
        foreach (var difference in differences)
            foreach (var (env, core, values) in difference.Values)
                md.AppendLine($"| {difference.Setting.Option} | {env} | {core} | {values} |");
        md.AppendLine();
    }
}
