using MathNet.Numerics.Random;

namespace Rims.Agents;

/// <summary>
/// Summary statistics for RL results, following rliable (Agarwal et al., 2021): interquartile mean and probability of
/// improvement with percentile-bootstrap confidence intervals, stratified by task (or by core) so runs are only ever
/// resampled within their own group.
/// Every resampling method takes a seed, so a report rebuilt from the same runs prints the same numbers.
/// </summary>
public static class Statistics
{
    /// <summary>Default number of bootstrap resamples (rliable's examples use 2,000 or more).</summary>
    public const int DefaultResamples = 2000;

    /// <summary>
    /// The fewest values a group (a task's runs, a core's runs, a run's episodes) needs for a bootstrap CI. One value
    /// resamples to itself every time, so its interval would be a point that hides the group's unknown spread and reads
    /// as certainty ("a CI above 0.5 = reliably ahead"); the CI methods return NaN bounds instead.
    /// </summary>
    public const int MinimumPerGroup = 2;

    /// <summary>Arithmetic mean (NaN for no values).</summary>
    public static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>Population standard deviation (numpy's default; NaN for no values).</summary>
    public static double Std(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.PopulationStandardDeviation(values);

    /// <summary>
    /// Sample standard deviation (n - 1 in the denominator), for the spread across seeds: the seeds are a
    /// sample of all seeds one could have run. NaN for fewer than two values, where it is undefined.
    /// </summary>
    public static double SampleStd(IReadOnlyList<double> values) =>
        values.Count < 2 ? double.NaN : MathNet.Numerics.Statistics.Statistics.StandardDeviation(values);

    /// <summary>
    /// Interquartile mean: the mean of the middle 50% of the sorted values. Value i (0-based, sorted) covers
    /// [i, i + 1) of [0, n) and is weighted by its overlap with [n/4, 3n/4), so every n keeps exactly half
    /// its mass and boundary values count fractionally. For n a multiple of 4 this equals rliable's
    /// <c>scipy.stats.trim_mean(x, 0.25)</c>; for other n, trim_mean drops floor(n/4) whole values from
    /// each end instead (e.g. [0, 1, 2, 6, 100]: 2.9 here, 3.0 with trim_mean).
    /// </summary>
    public static double InterquartileMean(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        double n = sorted.Length, low = n / 4, high = 3 * n / 4, sum = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double weight = Math.Max(0, Math.Min(i + 1, high) - Math.Max(i, low));
            sum += weight * sorted[i];
        }
        return sum / (high - low);
    }

    /// <summary>
    /// Percentile bootstrap 95% confidence interval of <paramref name="statistic"/>: resample the values with
    /// replacement, recompute the statistic, take the 2.5th and 97.5th percentiles of the estimates. NaN bounds for fewer
    /// than <see cref="MinimumPerGroup"/> values.
    /// </summary>
    public static ConfidenceInterval BootstrapCi(IReadOnlyList<double> values, Func<IReadOnlyList<double>, double> statistic,
        int resamples = DefaultResamples, int seed = 0) =>
        StratifiedBootstrapCi([values], statistic, resamples, seed);

    /// <summary>
    /// rliable's stratified bootstrap 95% CI of the IQM over runs of several tasks: every resample draws,
    /// within each task, as many runs as it has with replacement, pools all tasks' draws, and takes the IQM,
    /// so each task keeps its weight while the seeds vary.
    /// </summary>
    public static ConfidenceInterval StratifiedBootstrapIqmCi(IReadOnlyList<IReadOnlyList<double>> scoresPerTask,
        int resamples = DefaultResamples, int seed = 0) =>
        StratifiedBootstrapCi(scoresPerTask, InterquartileMean, resamples, seed);

    /// <summary>
    /// Stratified percentile bootstrap 95% CI of <paramref name="statistic"/> of the pooled scores. Empty tasks are
    /// skipped; NaN bounds when none is left or any task has fewer than <see cref="MinimumPerGroup"/> scores (its spread is unknown).
    /// </summary>
    public static ConfidenceInterval StratifiedBootstrapCi(IReadOnlyList<IReadOnlyList<double>> scoresPerTask,
        Func<IReadOnlyList<double>, double> statistic, int resamples = DefaultResamples, int seed = 0)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), "at least one resample is needed");
        var tasks = scoresPerTask.Where(t => t.Count > 0).ToList();
        if (tasks.Count == 0 || tasks.Any(t => t.Count < MinimumPerGroup)) return new ConfidenceInterval(double.NaN, double.NaN);
        // Mersenne Twister: a documented generator whose sequence for a seed does not depend on the runtime.
        var random = new MersenneTwister(seed);
        var pooled = new double[tasks.Sum(t => t.Count)];
        var estimates = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            int o = 0;
            foreach (var task in tasks)
                for (int i = 0; i < task.Count; i++) pooled[o++] = task[random.Next(task.Count)];
            estimates[r] = statistic(pooled);
        }
        Array.Sort(estimates);
        return new ConfidenceInterval(Percentile(estimates, 0.025), Percentile(estimates, 0.975));
    }

    /// <summary>
    /// Probability of improvement of X over Y (Agarwal et al., 2021, rliable's <c>probability_of_improvement</c>):
    /// P(X &gt; Y) = (1 / (N M)) sum_i sum_j S(x_i, y_j) with S = 1 if x_i &gt; y_j, 1/2 if equal, 0 otherwise, over the
    /// N per-run scores of X and the M of Y: the chance that a random run of X beats a random run of Y (0.5 = neither
    /// is ahead). NaN when either side has no runs.
    /// </summary>
    public static double ProbabilityOfImprovement(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count == 0 || y.Count == 0) return double.NaN;
        double wins = 0;
        foreach (var xi in x)
            foreach (var yj in y)
                wins += xi > yj ? 1 : xi == yj ? 0.5 : 0;
        return wins / ((double)x.Count * y.Count);
    }

    /// <summary>
    /// Percentile bootstrap 95% CI of a statistic of two independent groups of runs (e.g. two cores): every resample
    /// draws, within each group, as many runs as it has with replacement (rliable's stratified independent bootstrap,
    /// one stratum per group), and evaluates <paramref name="statistic"/>(x draw, y draw). NaN bounds when a group has fewer than <see cref="MinimumPerGroup"/> runs.
    /// </summary>
    public static ConfidenceInterval TwoSampleBootstrapCi(IReadOnlyList<double> x, IReadOnlyList<double> y,
        Func<IReadOnlyList<double>, IReadOnlyList<double>, double> statistic, int resamples = DefaultResamples, int seed = 0)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), "at least one resample is needed");
        if (x.Count < MinimumPerGroup || y.Count < MinimumPerGroup) return new ConfidenceInterval(double.NaN, double.NaN);
        var random = new MersenneTwister(seed);
        var xDraw = new double[x.Count];
        var yDraw = new double[y.Count];
        var estimates = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < xDraw.Length; i++) xDraw[i] = x[random.Next(x.Count)];
            for (int j = 0; j < yDraw.Length; j++) yDraw[j] = y[random.Next(y.Count)];
            estimates[r] = statistic(xDraw, yDraw);
        }
        Array.Sort(estimates);
        return new ConfidenceInterval(Percentile(estimates, 0.025), Percentile(estimates, 0.975));
    }

    /// <summary>
    /// 95% CI of <see cref="ProbabilityOfImprovement"/> by <see cref="TwoSampleBootstrapCi"/>: the runs of X and of Y
    /// are resampled independently, as rliable does for one task.
    /// </summary>
    public static ConfidenceInterval ProbabilityOfImprovementCi(IReadOnlyList<double> x, IReadOnlyList<double> y,
        int resamples = DefaultResamples, int seed = 0) =>
        TwoSampleBootstrapCi(x, y, ProbabilityOfImprovement, resamples, seed);

    /// <summary>
    /// Average probability of improvement over several tasks (Agarwal et al., 2021, rliable's aggregate
    /// <c>probability_of_improvement</c>): the mean over tasks of <see cref="ProbabilityOfImprovement"/>(X, Y) on each,
    /// so every task weighs the same whatever its score scale. Tasks where either side has no runs are skipped; NaN
    /// when none is left.
    /// </summary>
    /// <param name="perTask">Per task: the per-run scores of X and of Y.</param>
    public static double AverageProbabilityOfImprovement(IReadOnlyList<(IReadOnlyList<double> X, IReadOnlyList<double> Y)> perTask)
    {
        var tasks = perTask.Where(t => t.X.Count > 0 && t.Y.Count > 0).ToList();
        return tasks.Count == 0 ? double.NaN : tasks.Average(t => ProbabilityOfImprovement(t.X, t.Y));
    }

    /// <summary>
    /// Percentile bootstrap 95% CI of <see cref="AverageProbabilityOfImprovement"/>, stratified as rliable does: every
    /// resample draws, within each task, X's runs and Y's runs independently with replacement (as many as each has). Tasks where either side
    /// has no runs are skipped; NaN bounds when none is left or a side of a task has fewer than <see cref="MinimumPerGroup"/> runs.
    /// </summary>
    public static ConfidenceInterval AverageProbabilityOfImprovementCi(IReadOnlyList<(IReadOnlyList<double> X, IReadOnlyList<double> Y)> perTask,
        int resamples = DefaultResamples, int seed = 0)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), "at least one resample is needed");
        var tasks = perTask.Where(t => t.X.Count > 0 && t.Y.Count > 0).ToList();
        if (tasks.Count == 0 || tasks.Any(t => t.X.Count < MinimumPerGroup || t.Y.Count < MinimumPerGroup)) return new ConfidenceInterval(double.NaN, double.NaN);
        var random = new MersenneTwister(seed);
        var draws = tasks.Select(t => (X: new double[t.X.Count], Y: new double[t.Y.Count])).ToList();
        var estimates = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int k = 0; k < tasks.Count; k++)
            {
                var (x, y) = tasks[k];
                var (xDraw, yDraw) = draws[k];
                for (int i = 0; i < xDraw.Length; i++) xDraw[i] = x[random.Next(x.Count)];
                for (int j = 0; j < yDraw.Length; j++) yDraw[j] = y[random.Next(y.Count)];
                sum += ProbabilityOfImprovement(xDraw, yDraw);
            }
            estimates[r] = sum / tasks.Count;
        }
        Array.Sort(estimates);
        return new ConfidenceInterval(Percentile(estimates, 0.025), Percentile(estimates, 0.975));
    }

    /// <summary>Percentile of already sorted values, interpolating linearly between ranks (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) return double.NaN;
        double position = q * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}

/// <summary>
/// A two-sided confidence interval: NaN bounds when there was nothing to resample, or too little to show variation
/// (see <see cref="Statistics.MinimumPerGroup"/>).
/// </summary>
public readonly record struct ConfidenceInterval(double Low, double High)
{
    /// <summary>Whether the interval has bounds (false when it was not computed for lack of values).</summary>
    public bool Exists => !double.IsNaN(Low) && !double.IsNaN(High);

    /// <summary>"[low, high]" with each bound written by <paramref name="bound"/>, or "n/a" when the interval does not <see cref="Exists"/>.</summary>
    public string Format(Func<double, string> bound) => Exists ? $"[{bound(Low)}, {bound(High)}]" : "n/a";
}
