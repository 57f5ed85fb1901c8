namespace Rims.Agents.Reports;

/// <summary>
/// The run folders one report pools: all of one env, each (core, seed) once, so means and confidence intervals
/// over seeds mean what they say. Runs that did not complete are kept and marked by the report
/// (<see cref="RunRecord.Completed"/>).
/// </summary>
public static class RunPool
{
    /// <summary>Reads <paramref name="directories"/> and checks that they can be pooled.</summary>
    /// <exception cref="ArgumentException">No folders, runs of different envs, or one (core, seed) given twice; the message names the runs.</exception>
    /// <exception cref="InvalidDataException">A folder is not a readable run folder (see <see cref="RunRecord.Read"/>).</exception>
    public static IReadOnlyList<RunRecord> Read(IReadOnlyList<string> directories)
    {
        if (directories.Count == 0) throw new ArgumentException("a report needs at least one run folder");
        var runs = directories.Select(RunRecord.Read).ToList();
        var byEnv = runs.GroupBy(r => r.Env, StringComparer.OrdinalIgnoreCase).ToList();
        if (byEnv.Count > 1)
            throw new ArgumentException(
                "a report pools runs of one env, but these are of " + byEnv.Count + " envs: " +
                string.Join("; ", byEnv.Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.Directory))}")) +
                "; build one report per env");
        foreach (var twice in runs.GroupBy(r => (Core: r.Core.ToLowerInvariant(), r.Seed)).Where(g => g.Count() > 1))
            throw new ArgumentException(
                $"{string.Join(" and ", twice.Select(r => r.Directory))} are all {twice.Key.Core} seed {twice.Key.Seed} on {runs[0].Env}: " +
                "a seed counts once in a report, so pass one of them");
        return runs;
    }
}
