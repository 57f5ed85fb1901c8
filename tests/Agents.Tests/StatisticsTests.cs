namespace Rims.Agents.Tests;

public class StatisticsTests
{
    [Fact]
    public void InterquartileMeanMatchesHandValues()
    {
        Assert.Equal(4.5, Statistics.InterquartileMean([1, 2, 3, 4, 5, 6, 7, 8]));
        // n = 5: the middle 2.5 values are half of 2, all of 3 and half of 4 -> (1 + 3 + 2) / 2.5.
        Assert.Equal(3.0, Statistics.InterquartileMean([5, 1, 4, 2, 3]), 12);
        // Outliers outside the middle half do not move it.
        Assert.Equal(Statistics.InterquartileMean([1, 2, 3, 4, 5, 6, 7, 8]), Statistics.InterquartileMean([-1000, 2, 3, 4, 5, 6, 7, 1e6]));
        Assert.Equal(7.0, Statistics.InterquartileMean([7]));
    }

    [Fact]
    public void MeanAndStdMatchHandValues()
    {
        Assert.Equal(2.5, Statistics.Mean([1, 2, 3, 4]));
        Assert.Equal(Math.Sqrt(1.25), Statistics.Std([1, 2, 3, 4]), 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), Statistics.SampleStd([1, 2, 3, 4]), 12);
        Assert.True(double.IsNaN(Statistics.SampleStd([1])));
    }

    [Fact]
    public void PercentileInterpolatesLinearly()
    {
        Assert.Equal(2.5, Statistics.Percentile([1, 2, 3, 4], 0.5));
        Assert.Equal(1.075, Statistics.Percentile([1, 2, 3, 4], 0.025), 12);
    }

    [Fact]
    public void BootstrapOfAConstantHasZeroWidth()
    {
        var (low, high) = Statistics.BootstrapCi([3, 3, 3, 3], Statistics.Mean);
        Assert.Equal(3, low);
        Assert.Equal(3, high);
    }

    [Fact]
    public void BootstrapCiOfALargeNormalSampleIsAbout1_96StandardErrors()
    {
        var random = new Random(5);
        var sample = Enumerable.Range(0, 2000).Select(_ => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToList();
        var (low, high) = Statistics.BootstrapCi(sample, Statistics.Mean, 2000, seed: 1);
        double halfWidth = 1.96 * Statistics.Std(sample) / Math.Sqrt(sample.Count);
        Assert.InRange((high - low) / 2, halfWidth * 0.9, halfWidth * 1.1);
        Assert.InRange((high + low) / 2, Statistics.Mean(sample) - halfWidth / 5, Statistics.Mean(sample) + halfWidth / 5);
    }

    [Fact]
    public void StratifiedBootstrapResamplesWithinTasks()
    {
        // Two tasks with constant scores: any within-task resample gives the same pool, so the CI collapses.
        var (low, high) = Statistics.StratifiedBootstrapIqmCi([[1, 1, 1, 1], [5, 5, 5, 5]]);
        Assert.Equal(Statistics.InterquartileMean([1, 1, 1, 1, 5, 5, 5, 5]), low);
        Assert.Equal(low, high);
        var (l2, h2) = Statistics.StratifiedBootstrapIqmCi([[0, 1, 2, 3, 4, 5, 6, 7]], seed: 3);
        Assert.True(l2 < 3.5 && h2 > 3.5 && l2 >= 0 && h2 <= 7);
    }

    [Fact]
    public void AGroupOfOneValueHasNoCiRatherThanAPointOne()
    {
        // One value resamples to itself, so the interval would be [x, x]: read as certainty where the spread is unknown.
        Assert.False(Statistics.BootstrapCi([4], Statistics.Mean).Exists);
        Assert.False(Statistics.StratifiedBootstrapIqmCi([[1, 2, 3], [7]]).Exists);
        Assert.False(Statistics.ProbabilityOfImprovementCi([0.9], [0.1, 0.2]).Exists);
        Assert.False(Statistics.ProbabilityOfImprovementCi([0.9, 0.8], [0.1]).Exists);
        Assert.False(Statistics.AverageProbabilityOfImprovementCi([([0.9, 0.8], [0.1, 0.2]), ([0.5], [0.4, 0.6])]).Exists);
        Assert.Equal("n/a", Statistics.BootstrapCi([4], Statistics.Mean).Format(v => v.ToString("F1")));
        // Two values are enough: {1, 3} resamples to a mean of 1, 2 or 3 (chances 1/4, 1/2, 1/4), percentiles 1 and 3.
        Assert.Equal("[1.0, 3.0]", Statistics.BootstrapCi([1, 3], Statistics.Mean).Format(v => v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        // One run of each core beside each other: P(X > Y) = 1 by one comparison, and no interval around it.
        Assert.Equal(1.0, Statistics.ProbabilityOfImprovement([0.9], [0.1]));
        Assert.False(Statistics.ProbabilityOfImprovementCi([0.9], [0.1]).Exists);
        // Empty tasks are still skipped, not counted as groups of fewer than two.
        Assert.True(Statistics.StratifiedBootstrapIqmCi([[1, 2, 3], []]).Exists);
    }
}
