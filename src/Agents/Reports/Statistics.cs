namespace Rims.Agents.Reports;

/// <summary>Summary statistics for RL results (rliable's recommendations: IQM with stratified-bootstrap CIs).</summary>
public static class Statistics
{
    /// <summary>Arithmetic mean (NaN for no values).</summary>
    public static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>Population standard deviation.</summary>
    public static double Std(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    /// <summary>
    /// Interquartile mean: the mean of the middle 50% of the sorted values, with the two boundary values
    /// weighted fractionally when n is not a multiple of 4, so every n contributes exactly half its mass.
    /// </summary>
    public static double InterquartileMean(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        double n = sorted.Length, low = n / 4, high = 3 * n / 4, sum = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            // Weight = overlap of [i, i+1) with [n/4, 3n/4).
            double weight = Math.Max(0, Math.Min(i + 1, high) - Math.Max(i, low));
            sum += weight * sorted[i];
        }
        return sum / (high - low);
    }

    /// <summary>Percentile bootstrap 95% confidence interval of <paramref name="statistic"/> (seeded, reproducible).</summary>
    public static (double Low, double High) BootstrapCi(IReadOnlyList<double> values, Func<IReadOnlyList<double>, double> statistic,
        int resamples = 2000, int seed = 0)
    {
        if (values.Count == 0) return (double.NaN, double.NaN);
        var random = new Random(seed);
        var sample = new double[values.Count];
        var estimates = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < sample.Length; i++) sample[i] = values[random.Next(values.Count)];
            estimates[r] = statistic(sample);
        }
        Array.Sort(estimates);
        return (Percentile(estimates, 0.025), Percentile(estimates, 0.975));
    }

    /// <summary>
    /// Stratified bootstrap 95% CI of the IQM over runs of several tasks (rliable): each resample draws runs
    /// with replacement within every task, pools them, and takes the IQM.
    /// </summary>
    public static (double Low, double High) StratifiedBootstrapIqmCi(IReadOnlyList<IReadOnlyList<double>> scoresPerTask,
        int resamples = 2000, int seed = 0)
    {
        var tasks = scoresPerTask.Where(t => t.Count > 0).ToList();
        if (tasks.Count == 0) return (double.NaN, double.NaN);
        var random = new Random(seed);
        var pooled = new double[tasks.Sum(t => t.Count)];
        var estimates = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            int o = 0;
            foreach (var task in tasks)
                for (int i = 0; i < task.Count; i++) pooled[o++] = task[random.Next(task.Count)];
            estimates[r] = InterquartileMean(pooled);
        }
        Array.Sort(estimates);
        return (Percentile(estimates, 0.025), Percentile(estimates, 0.975));
    }

    /// <summary>Linear-interpolated percentile of sorted values (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
