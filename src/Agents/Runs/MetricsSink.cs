using System.Globalization;
using System.Text;

namespace Rims.Agents.Runs;

/// <summary>
/// Where a run's per-iteration metrics go: it receives (tag, value) pairs once per iteration and writes them as one
/// progress.csv row (columns in the order given at construction), one TensorBoard scalar per tag it was told to chart,
/// and one run.log line, so the three never list the metrics separately.
/// </summary>
public sealed class MetricsSink
{
    private readonly RunFolder run;
    private readonly string[] columns;
    private readonly Dictionary<string, int> columnOf;
    private readonly HashSet<string> charted;
    private readonly double?[] row;

    /// <summary>Writes into <paramref name="run"/>'s progress.csv, TensorBoard events and log.</summary>
    /// <param name="run">The run folder; its progress.csv must have been created with <paramref name="columns"/>.</param>
    /// <param name="columns">Every tag, in progress.csv's column order.</param>
    /// <param name="charted">The tags TensorBoard also gets (each with the iteration's global step as its x).</param>
    public MetricsSink(RunFolder run, IReadOnlyList<string> columns, IEnumerable<string> charted)
    {
        this.run = run;
        this.columns = [.. columns];
        columnOf = columns.Select((tag, i) => (tag, i)).ToDictionary(c => c.tag, c => c.i);
        this.charted = [.. charted];
        row = new double?[columns.Count];
    }

    /// <summary>
    /// Records one iteration: every column's value (null or NaN: an empty cell, and no TensorBoard point), then
    /// <paramref name="logSuffix"/> at the end of the log line (what is logged but not a metric, e.g. time per phase).
    /// </summary>
    /// <param name="globalStep">Agent steps so far: TensorBoard's x axis.</param>
    /// <param name="values">One value per column, by tag, in any order.</param>
    /// <param name="logSuffix">Appended to the run.log line, or null.</param>
    /// <exception cref="ArgumentException">A tag is not a column, or a column got no value.</exception>
    public void Write(long globalStep, IEnumerable<(string Tag, double? Value)> values, string? logSuffix = null)
    {
        Array.Fill(row, null);
        var given = new bool[row.Length];
        foreach (var (tag, value) in values)
        {
            if (!columnOf.TryGetValue(tag, out int column)) throw new ArgumentException($"'{tag}' is not a column of progress.csv");
            given[column] = true;
            row[column] = value;
        }
        int missing = Array.IndexOf(given, false);
        if (missing >= 0) throw new ArgumentException($"no value for the column '{columns[missing]}'");
        run.Progress.Append(row);
        var line = new StringBuilder();
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not { } v || double.IsNaN(v)) continue;
            if (charted.Contains(columns[i])) run.Board.add_scalar(columns[i], (float)v, (int)globalStep);
            line.Append(line.Length == 0 ? "" : " ").Append(columns[i]).Append(' ').Append(v.ToString("G6", CultureInfo.InvariantCulture));
        }
        run.Log.Information("{Metrics}{Suffix}", line.ToString(), logSuffix is null ? "" : " | " + logSuffix);
    }
}
