using System.Text.Json.Nodes;
using Rims.Agents.Reports;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Reports;

public class ActivationProfileTests
{
    private static EvalResult Eval(string env, double[]? activation) => new()
    {
        Env = env, Checkpoint = "checkpoints/final.ckpt", Episodes = 1, Seed = 1, Deterministic = false,
        Returns = [1], Lengths = [1], Successes = [1], Mean = 1, Std = 0, Iqm = 1, Min = 1, Max = 1, UnitActivation = activation,
    };

    private static RunRecord Run(string core, int seed, params (string Env, double[]? Activation)[] evals) =>
        new($"/runs/{core}{seed}", "GridPickup", core, seed, new JsonObject(), null, [],
            evals.ToDictionary(e => e.Env, e => Eval(e.Env, e.Activation), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void RunsAreComparedRankByRankNotUnitByUnit()
    {
        // Sorted: [0.9, 0.5, 0.5, 0.1] and [0.8, 0.6, 0.4, 0.2] -> mean per rank [0.85, 0.55, 0.45, 0.15]. Averaging by unit
        // index would give [0.55, 0.45, 0.55, 0.45]: two runs whose most active units differ look flat.
        var profiles = ActivationProfile.Of(new Dictionary<string, List<RunRecord>>
        {
            ["lstm"] = [Run("lstm", 1, ("GridPickup", null))],
            ["rims"] =
            [
                Run("rims", 1, ("GridPickup", [0.9, 0.1, 0.5, 0.5]), ("GridPickup-Novel", [1.0, 0.0, 1.0, 0.0])),
                Run("rims", 2, ("GridPickup", [0.2, 0.8, 0.6, 0.4]), ("GridPickup-Novel", [0.0, 1.0, 1.0, 0.0])),
            ],
        });
        Assert.Equal(["rims GridPickup", "rims GridPickup-Novel"], profiles.Select(p => $"{p.Core} {p.Env}"));
        Assert.Equal([0.85, 0.55, 0.45, 0.15], profiles[0].Mean.Select(m => Math.Round(m, 12)));
        Assert.Equal([1.0, 1.0, 0.0, 0.0], profiles[1].Mean);
        Assert.Equal(2, profiles[0].SortedByRun.Count);
    }

    [Fact]
    public void RunsWithAnotherNumberOfUnitsGetAProfileOfTheirOwn()
    {
        var profiles = ActivationProfile.Of(new Dictionary<string, List<RunRecord>>
        {
            ["rims"] = [Run("rims", 1, ("GridPickup", [0.5, 0.3, 0.2])), Run("rims", 2, ("GridPickup", [0.6, 0.4])), Run("rims", 3, ("GridPickup", [0.2, 0.8]))],
        });
        Assert.Equal([(2, 2), (3, 1)], profiles.Select(p => (p.Units, p.SortedByRun.Count)));
        Assert.Equal([0.7, 0.3], profiles[0].Mean.Select(m => Math.Round(m, 12)));
    }
}
