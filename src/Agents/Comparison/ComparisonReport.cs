using System.Globalization;
using System.Text.RegularExpressions;
using Rims.Agents.Reports;

namespace Rims.Agents.Comparison;

/// <summary>
/// The report a comparison writes when its runs are done (local backend, and the Slurm backend's report job): its own
/// runs, and the runs of the same env and cores that other seed ranges of the same comparison (`compare --first-seed`,
/// another machine or an earlier submission) left beside them in runs/NAME, when they can be pooled with them. A
/// comparison split by seeds then ends with one report over all its seeds, whichever part finishes last, instead of
/// each part overwriting runs/reports/NAME with its own seeds only.
/// </summary>
public static partial class ComparisonReport
{
    /// <summary>The hidden verb the Slurm backend's report job runs (the same code as the local backend's last step).</summary>
    public const string Verb = "compare-report";

    /// <summary>
    /// <paramref name="runs"/> followed by the other seeds' run folders beside them: folders of the same parent named
    /// {env}__{core}__{seed} with the env and a core of <paramref name="runs"/>, ordered by core (as in
    /// <paramref name="runs"/>) and seed. Each is pooled when it pools with <paramref name="runs"/> and the others
    /// pooled before it; one that does not (other settings, a (core, seed) already pooled, a damaged file) is left out,
    /// and <paramref name="log"/> and <paramref name="leftOut"/> say which and why.
    /// </summary>
    /// <param name="runs">The comparison's own run folders (compare's naming: {env}__{core}__{seed}).</param>
    /// <param name="log">Receives one line per run added or left out.</param>
    /// <param name="leftOut">Receives "folder: reason" per run left out (for the report).</param>
    /// <exception cref="ArgumentException"><paramref name="runs"/> themselves cannot be pooled (<see cref="RunPool.Read"/>).</exception>
    /// <exception cref="InvalidDataException">One of <paramref name="runs"/> is not a readable run folder.</exception>
    public static IReadOnlyList<string> Folders(IReadOnlyList<string> runs, Action<string> log, ICollection<string> leftOut)
    {
        // The given runs first: a problem of theirs is theirs, not a reason to leave the other seeds out.
        RunPool.Read(runs);
        var own = runs.Select(r => Path.GetFullPath(r).TrimEnd(Path.DirectorySeparatorChar)).ToHashSet(StringComparer.Ordinal);
        var names = runs.Select(r => RunName().Match(Path.GetFileName(Path.GetFullPath(r).TrimEnd(Path.DirectorySeparatorChar)))).ToList();
        var parents = runs.Select(r => Path.GetDirectoryName(Path.GetFullPath(r).TrimEnd(Path.DirectorySeparatorChar))).Distinct().ToList();
        if (names.Any(n => !n.Success) || parents.Count != 1 || parents[0] is not { } parent || !Directory.Exists(parent)) return runs;
        var envs = names.Select(n => n.Groups["env"].Value).Distinct(StringComparer.Ordinal).ToList();
        var cores = names.Select(n => n.Groups["core"].Value).Distinct(StringComparer.Ordinal).ToList();
        var others = Directory.GetDirectories(parent)
            .Select(folder => (Folder: folder, Name: RunName().Match(Path.GetFileName(folder))))
            .Where(o => o.Name.Success && envs.Contains(o.Name.Groups["env"].Value) && cores.Contains(o.Name.Groups["core"].Value) &&
                        !own.Contains(Path.GetFullPath(o.Folder)))
            .OrderBy(o => cores.IndexOf(o.Name.Groups["core"].Value))
            .ThenBy(o => long.Parse(o.Name.Groups["seed"].Value, CultureInfo.InvariantCulture))
            // Named as the comparison's own runs are (relative to the current folder when they are), in the log and the report.
            .Select(o => Path.IsPathRooted(runs[0]) ? o.Folder : Path.GetRelativePath(Directory.GetCurrentDirectory(), o.Folder));
        var pooled = new List<string>(runs);
        foreach (var other in others)
        {
            string reason;
            try
            {
                RunPool.Read([.. pooled, other]);
                pooled.Add(other);
                log($"the report also pools {other} (another seed of this comparison)");
                continue;
            }
            catch (SettingsDifferException e)
            {
                reason = $"{e.Differences} (a comparison's report pools runs of one set of settings; `report` can pool these with --variant or --allow-mixed)";
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
            {
                reason = e.Message;
            }
            leftOut.Add($"{other}: {reason}");
            log($"left out of the report: {other}: {reason}");
        }
        return pooled;
    }

    /// <summary>
    /// Writes the report of <paramref name="runs"/> and the other seeds beside them (<see cref="Folders"/>) into
    /// <paramref name="outDirectory"/>, listing the runs left out under Provenance; returns report.md's path.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="runs"/> themselves cannot be pooled (<see cref="RunPool.Read"/>).</exception>
    /// <exception cref="InvalidDataException">One of <paramref name="runs"/> is not a readable run folder.</exception>
    public static string Write(IReadOnlyList<string> runs, string outDirectory, string name, Action<string> log)
    {
        var leftOut = new List<string>();
        return ReportBuilder.Build(Folders(runs, log, leftOut), outDirectory, name, leftOut: leftOut);
    }

    // compare's run folder name (ComparisonPlan.RunDirectory): env id with '/' as '-', core, seed.
    [GeneratedRegex(@"^(?<env>.+)__(?<core>[A-Za-z0-9-]+)__(?<seed>[0-9]{1,9})$")]
    private static partial Regex RunName();
}
