using ScottPlot;

namespace Rims.Agents.Reports;

/// <summary>The report's PNG figures (ScottPlot).</summary>
public static class Figures
{
    // matplotlib's ten-colour cycle (tab10, C0-C9): a sweep or ablation report draws more than four curves.
    private static readonly Color[] CoreColors = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>
    /// Learning curves: per core, the mean over seeds of a per-run moving average of the run's (agent step, value)
    /// points from <paramref name="series"/> (in step order), on a common step grid, with a 95% bootstrap band across seeds.
    /// </summary>
    public static void LearningCurves(string path, string title, string yLabel,
        IReadOnlyDictionary<string, List<RunRecord>> runsByCore, Func<RunRecord, IReadOnlyList<(long GlobalStep, double Value)>> series, int points = 60)
    {
        var plot = new Plot();
        var pointsByRun = runsByCore.Values.SelectMany(r => r).ToDictionary(r => r, series);
        long maxStep = pointsByRun.Values.Select(p => p.Count == 0 ? 0 : p[^1].GlobalStep).DefaultIfEmpty(0).Max();
        var grid = Enumerable.Range(1, points).Select(i => (double)maxStep * i / points).ToArray();
        int colour = 0;
        foreach (var (core, runs) in runsByCore)
        {
            var curves = runs.Select(r => Smoothed(pointsByRun[r], grid)).ToList();
            var mean = new double[grid.Length];
            var low = new double[grid.Length];
            var high = new double[grid.Length];
            for (int i = 0; i < grid.Length; i++)
            {
                var at = curves.Select(c => c[i]).Where(v => !double.IsNaN(v)).ToList();
                mean[i] = Statistics.Mean(at);
                var ci = Statistics.BootstrapCi(at, Statistics.Mean, 500, seed: i);
                // Where one curve covers a point there is no band (no CI from one seed): it narrows to the line.
                (low[i], high[i]) = ci.Exists ? (ci.Low, ci.High) : (mean[i], mean[i]);
            }
            var valid = Enumerable.Range(0, grid.Length).Where(i => !double.IsNaN(mean[i])).ToArray();
            if (valid.Length == 0) continue;
            var color = CoreColors[colour++ % CoreColors.Length];
            var band = plot.Add.FillY(valid.Select(i => grid[i]).ToArray(), valid.Select(i => low[i]).ToArray(), valid.Select(i => high[i]).ToArray());
            band.FillColor = color.WithAlpha(0.25);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(valid.Select(i => grid[i]).ToArray(), valid.Select(i => mean[i]).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = $"{core} (n={runs.Count})";
        }
        plot.Title(title);
        plot.XLabel("agent steps");
        plot.YLabel(yLabel);
        // Beside the plot, not on it: a curve that ends low (a sweep's bad value) ran under a legend in the corner.
        plot.ShowLegend(Edge.Right);
        Save(plot, path, 960, 500);
    }

    /// <summary>Moving average (window: 5% of the run's points, at least 10) read off at each grid step.</summary>
    private static double[] Smoothed(IReadOnlyList<(long GlobalStep, double Value)> rows, double[] grid)
    {
        var result = new double[grid.Length];
        int window = Math.Max(10, rows.Count / 20), end = 0;
        for (int i = 0; i < grid.Length; i++)
        {
            while (end < rows.Count && rows[end].GlobalStep <= grid[i]) end++;
            int start = Math.Max(0, end - window);
            result[i] = end - start < Math.Min(window, 5) ? double.NaN : rows.Skip(start).Take(end - start).Average(r => r.Value);
        }
        return result;
    }

    /// <summary>Units x steps heatmap of which RIMs units were active in one episode (the paper's Figure 2).</summary>
    public static void ActivationHeatmap(string path, string title, int[][] trace)
    {
        int units = trace[0].Length;
        var data = new double[units, trace.Length];
        for (int t = 0; t < trace.Length; t++)
            for (int k = 0; k < units; k++) data[k, t] = trace[t][k];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.FlipVertically = true;
        // Steps and units are whole numbers: a short episode would otherwise get ticks at -0.5, 0.5, ...
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("unit");
        Save(plot, path, Math.Clamp(trace.Length * 6 + 160, 720, 1600), 300);
    }

    /// <summary>
    /// Activation profiles (see <see cref="ActivationProfile"/>): per profile, one bar per unit rank (1 = the most
    /// active unit) at the mean over runs, and a dot per run, so the spread across seeds shows.
    /// </summary>
    public static void ActivationFrequency(string path, string title, IReadOnlyList<ActivationProfile> profiles)
    {
        var plot = new Plot();
        int count = profiles.Count;
        for (int s = 0; s < count; s++)
        {
            var profile = profiles[s];
            var color = CoreColors[s % CoreColors.Length];
            double Position(int rank) => rank + (s + 0.5) / count - 0.5;
            var bars = profile.Mean.Select((f, rank) => new Bar { Position = Position(rank), Value = f, Size = 0.8 / count, FillColor = color.WithAlpha(0.6) }).ToList();
            plot.Add.Bars(bars).LegendText = $"{profile.Core}, {profile.Env}, K={profile.Units} (n={profile.SortedByRun.Count})";
            var xs = profile.SortedByRun.SelectMany(run => run.Select((_, rank) => Position(rank))).ToArray();
            var ys = profile.SortedByRun.SelectMany(run => run).ToArray();
            var dots = plot.Add.ScatterPoints(xs, ys);
            dots.Color = color.Darken(0.4);
            dots.MarkerSize = 5;
        }
        int units = profiles.Select(p => p.Units).DefaultIfEmpty(0).Max();
        // A tick per rank, numbered from 1, none between ranks.
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, units).Select(k => (double)k)],
            [.. Enumerable.Range(1, units).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Title(title);
        plot.XLabel("unit rank (1 = most active in its run)");
        plot.YLabel("fraction of steps active");
        // Outside the data area, so no bar is hidden behind it.
        plot.ShowLegend(Edge.Right);
        Save(plot, path, 900, 400);
    }

    /// <summary>
    /// Per env, P(core &gt; baseline) as a bar with its 95% CI as a line, envs ordered by P, and the 0.5 line (neither
    /// ahead): the across-envs report's picture of on which envs a core is ahead (the paper's per-game bars, with
    /// uncertainty and a defined measure).
    /// </summary>
    public static void ProbabilityOfImprovementPerEnv(string path, string title, IReadOnlyList<(string Env, double P, ConfidenceInterval Ci)> rows)
    {
        var plot = new Plot();
        // Horizontal bars, the highest P on top: env names read as tick labels without rotation, however many games.
        var sorted = rows.OrderBy(r => r.P).ThenByDescending(r => r.Env, StringComparer.Ordinal).ToList();
        var color = CoreColors[1];
        var bars = plot.Add.Bars(sorted.Select((r, i) => new Bar { Position = i, Value = r.P, FillColor = color.WithAlpha(0.6), Size = 0.7 }).ToList());
        bars.Horizontal = true;
        for (int i = 0; i < sorted.Count; i++)
            if (sorted[i].Ci.Exists)
            {
                var ci = plot.Add.Line(sorted[i].Ci.Low, i, sorted[i].Ci.High, i);
                ci.Color = Colors.Black;
                ci.LineWidth = 2;
            }
        var even = plot.Add.VerticalLine(0.5);
        even.Color = Colors.Gray;
        even.LinePattern = LinePattern.Dashed;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, sorted.Count).Select(i => (double)i)], [.. sorted.Select(r => r.Env)]);
        plot.Axes.SetLimitsX(0, 1.05);
        plot.Title(title);
        plot.XLabel("P(core > baseline), bar; its 95% CI, line; 0.5 = neither ahead");
        Save(plot, path, 800, Math.Max(300, 28 * sorted.Count + 150));
    }

    private static void Save(Plot plot, string path, int width, int height) =>
        Runs.AtomicFile.Write(path, temporary => plot.SavePng(temporary, width, height));
}
