using System.Globalization;
using System.Text;

namespace Rims.Agents.Runs;

/// <summary>
/// An append-only CSV file with a fixed header, flushed after every row so a crashed run keeps its history.
/// Numbers use the invariant culture; NaN and null values are written as empty cells.
/// </summary>
public sealed class CsvLog : IDisposable
{
    // No byte-order mark: pandas, csv readers and `head` would otherwise see it as part of the first column name.
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StreamWriter writer;
    private readonly int columns;
    private readonly StringBuilder line = new();

    /// <summary>Creates <paramref name="path"/> and writes <paramref name="header"/>.</summary>
    public CsvLog(string path, IReadOnlyList<string> header)
    {
        writer = new StreamWriter(path, append: false, Utf8WithoutBom);
        columns = header.Count;
        writer.WriteLine(string.Join(',', header));
        writer.Flush();
    }

    private CsvLog(StreamWriter writer, int columns)
    {
        this.writer = writer;
        this.columns = columns;
    }

    /// <summary>
    /// Reopens a log a stopped run wrote, to continue it: keeps the header and the rows whose first column is at
    /// most <paramref name="lastKept"/> (the rows up to a checkpoint), drops the rest and any half-written line,
    /// and appends after them.
    /// </summary>
    /// <exception cref="InvalidDataException">The file's header is not <paramref name="header"/>.</exception>
    public static CsvLog Continue(string path, IReadOnlyList<string> header, double lastKept)
    {
        string expected = string.Join(',', header);
        var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (lines.Length > 0 && lines[0].TrimStart('\uFEFF') != expected)
            throw new InvalidDataException($"{path} has the header '{lines[0]}', this run writes '{expected}'");
        var kept = new List<string> { expected };
        foreach (var row in lines.Skip(1))
        {
            var cells = row.Split(',');
            if (cells.Length == header.Count && double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double first)
                && first <= lastKept)
                kept.Add(row);
        }
        AtomicFile.WriteAllText(path, string.Join('\n', kept) + "\n");
        return new CsvLog(new StreamWriter(path, append: true), header.Count);
    }

    /// <summary>Appends one row; the number of values must match the header.</summary>
    public void Append(params double?[] values)
    {
        if (values.Length != columns) throw new ArgumentException($"row has {values.Length} values, header has {columns}");
        line.Clear();
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) line.Append(',');
            if (values[i] is { } v && !double.IsNaN(v)) line.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        writer.WriteLine(line);
        writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
