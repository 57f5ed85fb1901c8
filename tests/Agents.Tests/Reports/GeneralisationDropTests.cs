using System.Text.Json.Nodes;
using Rims.Agents.Reports;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Reports;

public class GeneralisationDropTests
{
    private static EvalResult Eval(string env, double mean, double? success = null) => new()
    {
        Env = env, Checkpoint = "checkpoints/final.ckpt", Episodes = 1, Seed = 1, Deterministic = false,
        Returns = [mean], Lengths = [1], Successes = [0], Mean = mean, Std = 0, Iqm = mean, Min = mean, Max = mean, SuccessRate = success,
    };

    /// <summary>A run of <paramref name="core"/> trained on GridPickup, evaluated on the given (env, mean return) pairs.</summary>
    private static RunRecord Run(string core, int seed, params (string Env, double Mean)[] evals) =>
        new($"/runs/{core}{seed}", "GridPickup", core, seed, new JsonObject(), null, [],
            evals.ToDictionary(e => e.Env, e => Eval(e.Env, e.Mean), StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void DropsArePairedPerRunAndAveraged()
    {
        // Per run: 0.9 - 0.5 = 0.4, 0.7 - 0.6 = 0.1, 0.8 - 0.2 = 0.6; mean 1.1 / 3. The third run's novel score goes with
        // its own training score, so sorting either column independently would give other drops (0.7, 0.2, 0.2).
        var runs = new[]
        {
            Run("rims", 1, ("GridPickup", 0.9), ("GridPickup-Novel", 0.5)),
            Run("rims", 2, ("GridPickup", 0.7), ("GridPickup-Novel", 0.6)),
            Run("rims", 3, ("GridPickup", 0.8), ("GridPickup-Novel", 0.2)),
            Run("rims", 4, ("GridPickup", 0.1)), // not evaluated on the novel env: left out of both columns
        };
        var drop = GeneralisationDrop.Of(runs, "GridPickup-Novel", e => e.Mean);
        Assert.Equal(3, drop.Runs);
        Assert.Equal([0.4, 0.1, 0.6], drop.Drops.Select(d => Math.Round(d, 12)));
        Assert.Equal(0.8, drop.TrainMean, 12);
        Assert.Equal(1.3 / 3, drop.EvalMean, 12);
        Assert.Equal(1.1 / 3, drop.MeanDrop, 12);
        var ci = drop.DropCi(seed: 2);
        Assert.True(ci.Low < drop.MeanDrop && drop.MeanDrop < ci.High);
        // A resampled mean of drops can only lie between the smallest and the largest drop.
        Assert.InRange(ci.Low, 0.1 - 1e-12, 0.6 + 1e-12);
        Assert.InRange(ci.High, 0.1 - 1e-12, 0.6 + 1e-12);
        Assert.Equal(ci, drop.DropCi(seed: 2));
    }

    [Fact]
    public void EqualDropsGiveAZeroWidthIntervalEvenWhenScoresVary()
    {
        // Scores differ across runs but every run loses exactly 0.25: the paired drop has no spread at all.
        var drop = GeneralisationDrop.Of(
            [Run("lstm", 1, ("GridPickup", 1.0), ("GridPickup-Novel", 0.75)), Run("lstm", 2, ("GridPickup", 0.5), ("GridPickup-Novel", 0.25))],
            "GridPickup-Novel", e => e.Mean);
        Assert.Equal(new ConfidenceInterval(0.25, 0.25), drop.DropCi());
    }

    [Fact]
    public void DifferenceOfDropsAgainstTheBaseline()
    {
        var rims = GeneralisationDrop.Of(
            [Run("rims", 1, ("GridPickup", 0.9), ("GridPickup-Novel", 0.8)), Run("rims", 2, ("GridPickup", 0.8), ("GridPickup-Novel", 0.8))],
            "GridPickup-Novel", e => e.Mean); // drops 0.1, 0.0
        var lstm = GeneralisationDrop.Of(
            [Run("lstm", 1, ("GridPickup", 0.9), ("GridPickup-Novel", 0.5)), Run("lstm", 2, ("GridPickup", 0.9), ("GridPickup-Novel", 0.7))],
            "GridPickup-Novel", e => e.Mean); // drops 0.4, 0.2
        Assert.Equal(0.05 - 0.3, rims.DropMinus(lstm), 12);
        var ci = rims.DropMinusCi(lstm);
        // Extremes of resampled means: rims 0.0..0.1 minus lstm 0.2..0.4 lies in [-0.4, -0.1].
        Assert.True(ci.Low < -0.25 && -0.25 < ci.High);
        Assert.InRange(ci.Low, -0.4 - 1e-12, -0.1);
        Assert.InRange(ci.High, -0.4, -0.1 + 1e-12);
    }

    [Fact]
    public void SuccessRatesWithoutAValueAreLeftOut()
    {
        var run = new RunRecord("/runs/a", "Pong", "lstm", 1, new JsonObject(), null, [],
            new Dictionary<string, EvalResult> { ["Pong"] = Eval("Pong", 3), ["ALE/Pong-v5"] = Eval("ALE/Pong-v5", 1) });
        Assert.Equal(0, GeneralisationDrop.Of([run], "ALE/Pong-v5", e => e.SuccessRate).Runs);
        Assert.Equal(2.0, GeneralisationDrop.Of([run], "ALE/Pong-v5", e => e.Mean).MeanDrop);
    }

    [Fact]
    public void RelativeDropDividesEachRunsDropByItsOwnTrainingScore()
    {
        // Per run: (0.8 - 0.4) / 0.8 = 0.5, (0.4 - 0.3) / 0.4 = 0.25, (0.0 - 0.1): training score 0, no relative drop.
        // Mean 0.375; the mean absolute drop (0.4 + 0.1 - 0.1) / 3 would not say that run 1 lost half its score.
        var drop = GeneralisationDrop.Of(
            [
                Run("rims", 1, ("GridPickup", 0.8), ("GridPickup-Novel", 0.4)),
                Run("rims", 2, ("GridPickup", 0.4), ("GridPickup-Novel", 0.3)),
                Run("rims", 3, ("GridPickup", 0.0), ("GridPickup-Novel", 0.1)),
            ],
            "GridPickup-Novel", e => e.Mean);
        Assert.Equal([0.5, 0.25], drop.RelativeDrops.Select(d => Math.Round(d, 12)));
        Assert.Equal(0.375, drop.MeanRelativeDrop, 12);
        Assert.Equal(0.4 / 3, drop.MeanDrop, 12); // the absolute drop keeps all three runs
        var ci = drop.RelativeDropCi();
        Assert.InRange(ci.Low, 0.25 - 1e-12, 0.375);
        Assert.InRange(ci.High, 0.375, 0.5 + 1e-12);
        Assert.True(ci.Low < ci.High);
    }

    [Fact]
    public void RelativeDropOfEqualFractionsHasAZeroWidthInterval()
    {
        // 1.0 -> 0.5 and 0.5 -> 0.25 both lose half: absolute drops 0.5 and 0.25 differ, relative ones do not.
        var drop = GeneralisationDrop.Of(
            [Run("lstm", 1, ("GridPickup", 1.0), ("GridPickup-Novel", 0.5)), Run("lstm", 2, ("GridPickup", 0.5), ("GridPickup-Novel", 0.25))],
            "GridPickup-Novel", e => e.Mean);
        Assert.Equal(new ConfidenceInterval(0.5, 0.5), drop.RelativeDropCi());
        Assert.NotEqual(drop.DropCi().Low, drop.DropCi().High);
    }
}
