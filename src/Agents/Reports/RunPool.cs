using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using Rims.Agents.Settings;

namespace Rims.Agents.Reports;

/// <summary>
/// The run folders one report pools: all of one env, each (core, seed) once, so means and confidence intervals
/// over seeds mean what they say. Runs that did not complete are kept and marked by the report
/// (<see cref="RunRecord.Completed"/>).
/// </summary>
public static class RunPool
{
    /// <summary>
    /// The settings pooled runs may differ in: what makes them several runs (core, seed), what does not change what is
    /// learned (threads, env threads, how often checkpoints are saved and how many are kept) and where the ROMs were found. Everything else, the budget (total_steps)
    /// included, must match, or a difference between cores could be a difference of settings.
    /// </summary>
    public static IReadOnlyList<string> MayDiffer { get; } =
        ["--core", "--seed", "--threads", "--env-threads", "--roms", "--save-every", "--keep-checkpoints"];

    /// <summary>Reads <paramref name="directories"/> and checks that they can be pooled.</summary>
    /// <param name="directories">The run folders.</param>
    /// <param name="allowMixed">Pool runs whose settings differ beyond <see cref="MayDiffer"/> (the user's call).</param>
    /// <param name="sweep">
    /// The setting swept over (`report --by`): it may differ too, and a (core, seed) may then appear once per value of it.
    /// </param>
    /// <param name="variants">
    /// Settings that make a run a variant of its core (`report --variant`, for ablations): they may differ, and a run whose
    /// value of one differs from the default is reported as its own core, named by <see cref="VariantName"/>
    /// ("rims --rims-active 6"), in every table.
    /// </param>
    /// <exception cref="ArgumentException">
    /// No folders, runs of different envs, one (core, seed) given twice (with one value of <paramref name="sweep"/>), or (unless <paramref name="allowMixed"/>)
    /// runs of different settings (a <see cref="SettingsDifferException"/>); the message names the runs (and the setting).
    /// </exception>
    /// <exception cref="InvalidDataException">A folder is not a readable run folder (see <see cref="RunRecord.Read"/>).</exception>
    public static IReadOnlyList<RunRecord> Read(IReadOnlyList<string> directories, bool allowMixed = false, Setting? sweep = null,
        IReadOnlyList<Setting>? variants = null)
    {
        if (directories.Count == 0) throw new ArgumentException("a report needs at least one run folder");
        variants ??= [];
        var read = directories.Select(RunRecord.Read).ToList();
        // The tables see each variant as a core; settings are checked by the cores the runs were trained with.
        var runs = read.Select(r => r with { Core = VariantName(r, variants) }).ToList();
        var byEnv = runs.GroupBy(r => r.Env, StringComparer.OrdinalIgnoreCase).ToList();
        if (byEnv.Count > 1)
            throw new ArgumentException(
                "a report pools runs of one env, but these are of " + byEnv.Count + " envs: " +
                string.Join("; ", byEnv.Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.Directory))}")) +
                "; build one report per env, or one across them with --across-envs");
        foreach (var twice in runs.GroupBy(r => (Core: r.Core.ToLowerInvariant(), r.Seed, Value: SettingSweep.ValueOf(sweep, r))).Where(g => g.Count() > 1))
            throw new ArgumentException(
                $"{string.Join(" and ", twice.Select(r => r.Directory))} are {(twice.Count() == 2 ? "both" : "all")} {twice.Key.Core} seed {twice.Key.Seed} on {runs[0].Env}" +
                (sweep is null ? "" : $" with {sweep.Option} {twice.Key.Value}") + ": a seed counts once in a report, so pass one of them" +
                (DifferingSettings(twice.ToList(), variants) is { Count: > 0 } differing
                    ? $" (they differ in {string.Join(", ", differing.Select(d => d.Option))}: for an ablation, report them as variants with {VariantOptions(differing)})"
                    : ""));
        if (!allowMixed) CheckSameSettings(read, [.. variants, .. sweep is null ? Array.Empty<Setting>() : [sweep]]);
        return runs;
    }

    /// <summary>
    /// Reads <paramref name="directories"/> of several training envs (`report --across-envs`): one pool per env, each
    /// checked as <see cref="Read"/> checks one env's runs, ordered by env; unless <paramref name="allowMixed"/>, runs of
    /// all envs must share every setting but the env (<see cref="MayDiffer"/> and <paramref name="variants"/> aside).
    /// </summary>
    /// <exception cref="ArgumentException">No folders, a (core, seed) twice within an env, or runs of different settings.</exception>
    /// <exception cref="InvalidDataException">A folder is not a readable run folder (see <see cref="RunRecord.Read"/>).</exception>
    public static IReadOnlyList<IReadOnlyList<RunRecord>> ReadAcrossEnvs(IReadOnlyList<string> directories, bool allowMixed = false,
        IReadOnlyList<Setting>? variants = null)
    {
        if (directories.Count == 0) throw new ArgumentException("a report needs at least one run folder");
        variants ??= [];
        var pools = directories.GroupBy(d => RunRecord.Read(d).Env, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Read([.. g], allowMixed: true, variants: variants)).ToList();
        if (!allowMixed) CheckSameSettings([.. pools.SelectMany(p => p)], [.. variants, SettingTable.Named("--env")], acrossEnvs: true);
        return pools;
    }

    /// <summary>
    /// The name a run is reported under: its core, followed by each of <paramref name="variants"/> that applies to that
    /// core (a --rims-* setting to rims runs only) and whose value in the run's config differs from the setting's default,
    /// as option and value ("rims --rims-active 6", "rims --rims-init fan-in"). A run at every default keeps its core's name.
    /// </summary>
    public static string VariantName(RunRecord run, IReadOnlyList<Setting> variants) =>
        run.Core + string.Concat(variants.Select(setting => VariantPart(run, setting)));

    /// <summary>
    /// The part <paramref name="setting"/> adds to a run's <see cref="VariantName"/> (" --rims-active 6"): empty when
    /// the setting does not apply to the run's core or has its default value.
    /// </summary>
    public static string VariantPart(RunRecord run, Setting setting)
    {
        if (!setting.AppliesTo(run.TrainedCore)) return "";
        var value = setting.ConfigValue(run.Config);
        if (JsonNode.DeepEquals(value, System.Text.Json.JsonSerializer.SerializeToNode(setting.Default, RunJson.Options))) return "";
        return $" {setting.Option} {(value is JsonValue v && v.TryGetValue<string>(out var text) ? text : Show(value))}";
    }

    /// <summary>The sweepable settings <paramref name="runs"/> differ in that are not already variants, in the setting table's order.</summary>
    private static List<Setting> DifferingSettings(List<RunRecord> runs, IReadOnlyList<Setting> variants) =>
        SettingTable.All.Where(s => !MayDiffer.Contains(s.Option) && !variants.Contains(s) &&
                                    runs.Skip(1).Any(r => !JsonNode.DeepEquals(s.ConfigValue(runs[0].Config), s.ConfigValue(r.Config)))).ToList();

    /// <summary>"--variant a --variant b" for the settings, as a user would type it.</summary>
    private static string VariantOptions(IEnumerable<Setting> settings) => string.Join(" ", settings.Select(s => $"--variant {s.Option[2..]}"));

    private static void CheckSameSettings(List<RunRecord> runs, IReadOnlyList<Setting> mayDiffer, bool acrossEnvs = false)
    {
        // Every differing setting is named at once: naming one per attempt sends the user round in circles.
        var differences = new List<(Setting Setting, string Text)>();
        foreach (var setting in SettingTable.All.Where(s => !MayDiffer.Contains(s.Option) && !mayDiffer.Contains(s)))
        {
            // A group's settings (--rims-*) belong to the core of its name: compared among that core's runs only.
            var applies = runs.Where(r => setting.AppliesTo(r.TrainedCore)).ToList();
            if (applies.Count < 2) continue;
            var first = setting.ConfigValue(applies[0].Config);
            if (applies.Skip(1).FirstOrDefault(r => !JsonNode.DeepEquals(first, setting.ConfigValue(r.Config))) is { } other)
                differences.Add((setting, differences.Count == 0
                    ? $"{applies[0].Directory} and {other.Directory} differ in {setting.Option} ({Show(first)} vs {Show(setting.ConfigValue(other.Config))})"
                    : $"{setting.Option} ({Show(first)} in {applies[0].Directory} vs {Show(setting.ConfigValue(other.Config))} in {other.Directory})"));
        }
        if (differences.Count == 0) return;
        string found = differences[0].Text + (differences.Count > 1 ? $", and also in {string.Join(", ", differences.Skip(1).Select(d => d.Text))}" : "");
        string variantOptions = VariantOptions(differences.Select(d => d.Setting));
        // Across envs the usual cause is each env run with its own budget or tuning: a variant would then be a core of
        // its own on one env, meeting the other cores on none.
        throw new SettingsDifferException(found, found + (acrossEnvs
            ? ": a report across envs compares cores under one set of settings; when each env was run with its own settings (a budget or learning " +
              $"rate per task), pass --allow-mixed to pool them; {variantOptions} is for settings that make variants of a core within each env"
            : ": a report compares cores under one budget and one set of settings; report them apart, report them as variants of their core " +
              $"with {variantOptions}, or pass --allow-mixed to pool them anyway"));
    }

    /// <summary>A setting's value as config.json has it (JSON text), or "unset".</summary>
    internal static string Show(JsonNode? value) => value?.ToJsonString() ?? "unset";
}
