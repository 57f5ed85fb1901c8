using Rims.Agents.Reports;

namespace Rims.Agents.Tests.Reports;

public class ProbabilityOfImprovementTests
{
    [Fact]
    public void MatchesHandValuesWithTiesCountingHalf()
    {
        // x = [3, 1, 2], y = [2, 2, 0]: 3 beats all three (3); 1 beats only 0 (1); 2 ties 2 twice and beats 0 (0.5 + 0.5 + 1 = 2).
        // (3 + 1 + 2) / 9 = 2/3.
        Assert.Equal(6.0 / 9, Statistics.ProbabilityOfImprovement([3, 1, 2], [2, 2, 0]), 12);
        // The other way round: 1 - 2/3 (S(a, b) + S(b, a) = 1 for every pair).
        Assert.Equal(3.0 / 9, Statistics.ProbabilityOfImprovement([2, 2, 0], [3, 1, 2]), 12);
        // Unequal sizes, N = 2, M = 3: 1 ties all three 1s (1.5), 2 beats them (3) -> 4.5 / 6.
        Assert.Equal(0.75, Statistics.ProbabilityOfImprovement([1, 2], [1, 1, 1]), 12);
        Assert.Equal(0.5, Statistics.ProbabilityOfImprovement([4, 4], [4]));
        Assert.Equal(1.0, Statistics.ProbabilityOfImprovement([5, 6], [1, 2, 3]));
        Assert.Equal(0.0, Statistics.ProbabilityOfImprovement([1, 2, 3], [5, 6]));
        Assert.True(double.IsNaN(Statistics.ProbabilityOfImprovement([], [1])));
    }

    [Fact]
    public void AllEqualScoresGiveAZeroWidthIntervalAtOneHalf()
    {
        var (low, high) = Statistics.ProbabilityOfImprovementCi([0.7, 0.7, 0.7], [0.7, 0.7, 0.7, 0.7]);
        Assert.Equal(0.5, low);
        Assert.Equal(0.5, high);
        // Complete separation: every resample still separates, so the interval collapses on 1.
        Assert.Equal(new ConfidenceInterval(1, 1), Statistics.ProbabilityOfImprovementCi([5, 6, 7], [1, 2]));
    }

    [Fact]
    public void IntervalBracketsTheEstimateStaysInTheUnitRangeAndDependsOnlyOnTheSeed()
    {
        double[] x = [0.9, 0.4, 0.8, 0.6, 0.7], y = [0.5, 0.3, 0.6, 0.2, 0.65];
        double point = Statistics.ProbabilityOfImprovement(x, y);
        // 0.9, 0.8 and 0.7 beat all five (15); 0.4 beats 0.3 and 0.2 (2); 0.6 beats three and ties 0.6 (3.5) -> 20.5 / 25.
        Assert.Equal(20.5 / 25, point, 12);
        var ci = Statistics.ProbabilityOfImprovementCi(x, y, seed: 4);
        Assert.True(ci.Low < point && point < ci.High, $"{ci} does not bracket {point}");
        Assert.InRange(ci.Low, 0, 1);
        Assert.InRange(ci.High, 0, 1);
        Assert.Equal(ci, Statistics.ProbabilityOfImprovementCi(x, y, seed: 4));
        Assert.NotEqual(ci, Statistics.ProbabilityOfImprovementCi(x, y, resamples: 50, seed: 5));
    }

    [Fact]
    public void TwoSampleBootstrapResamplesEachGroupWithinItself()
    {
        // Constant groups: every resample has the same means, so the CI of the difference is the difference.
        var ci = Statistics.TwoSampleBootstrapCi([3, 3, 3], [1, 1], (a, b) => Statistics.Mean(a) - Statistics.Mean(b));
        Assert.Equal(new ConfidenceInterval(2, 2), ci);
        // Draws never mix the groups: x's draws only hold x's values.
        Statistics.TwoSampleBootstrapCi([1, 2], [10, 20, 30], (a, b) =>
        {
            Assert.Equal(2, a.Count);
            Assert.Equal(3, b.Count);
            Assert.All(a, v => Assert.True(v is 1 or 2));
            Assert.All(b, v => Assert.True(v is 10 or 20 or 30));
            return 0;
        }, resamples: 200);
        Assert.True(double.IsNaN(Statistics.TwoSampleBootstrapCi([], [1], (_, _) => 0).Low));
    }
}
