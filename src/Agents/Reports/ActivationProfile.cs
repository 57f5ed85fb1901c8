using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>
/// How evenly a RIMs core spreads its updates over its units on one env: per run, the fraction of evaluation steps each
/// unit was active (<see cref="EvalResult.UnitActivation"/>), sorted from the most to the least active unit.
/// Which unit learns what is arbitrary in each seed, so unit 3 of one run has nothing to do with unit 3 of another: runs
/// are compared rank by rank (the most active unit with the most active unit), never index by index. With k_A of K units
/// active at every step the profile sums to k_A; a flat profile at k_A/K means every unit takes an equal share, a step
/// from 1 to 0 means the same k_A units always win (no competition in effect).
/// </summary>
/// <param name="Core">The report's core name (a variant's name with its settings, e.g. "rims --rims-active 6").</param>
/// <param name="Env">The evaluation env.</param>
/// <param name="SortedByRun">Per run, the K active fractions (each in [0, 1]) in descending order.</param>
public sealed record ActivationProfile(string Core, string Env, IReadOnlyList<double[]> SortedByRun)
{
    /// <summary>Per rank (0 = the most active unit), the mean active fraction over the runs.</summary>
    public double[] Mean => Enumerable.Range(0, SortedByRun[0].Length).Select(k => SortedByRun.Average(run => run[k])).ToArray();

    /// <summary>
    /// One profile per (core, evaluation env, number of units) over the runs that evaluated with unit activations (RIMs
    /// runs), in the order of <paramref name="runsByCore"/>, then by env name, then by number of units. Runs of one core
    /// with different numbers of units (possible with `report --allow-mixed`) get a profile each: ranks of a 6-unit and an
    /// 8-unit run cannot be averaged.
    /// </summary>
    public static IReadOnlyList<ActivationProfile> Of(IReadOnlyDictionary<string, List<RunRecord>> runsByCore) =>
        runsByCore.SelectMany(core => core.Value
                .SelectMany(run => run.Evals.Values.Where(e => e.UnitActivation is { Length: > 0 }))
                .GroupBy(e => (e.Env, Units: e.UnitActivation!.Length))
                .OrderBy(group => group.Key.Env, StringComparer.Ordinal).ThenBy(group => group.Key.Units)
                .Select(group => new ActivationProfile(core.Key, group.Key.Env, group.Select(e => e.UnitActivation!.OrderDescending().ToArray()).ToList())))
            .ToList();

    /// <summary>The number of units K of the profile's runs.</summary>
    public int Units => SortedByRun[0].Length;
}
