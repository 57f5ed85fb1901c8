using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rims.Agents.Reports;
using Rims.Agents.Runs;

namespace Rims.Agents.Paper;

/// <summary>
/// `paper report`: the paper's Table 1 (copying left, sequential MNIST right) with this machine's runs beside the
/// published numbers. Runs of one model shape are averaged over seeds; every number says how it was obtained.
/// </summary>
public static class Table1Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One finished `paper` run.</summary>
    private sealed record PaperRun(string Directory, JsonObject Config, JsonObject Summary)
    {
        public string Task => Summary["task"]?.GetValue<string>() ?? throw new InvalidDataException($"{Directory}/summary.json has no \"task\"");
        private JsonObject Model => Config["model"] as JsonObject ?? throw new InvalidDataException($"{Directory}/config.json has no \"model\"");
        public bool IsRims => Model["core"]!.GetValue<string>() == "rims";
        public int? Units => IsRims ? Model["units"]!.GetValue<int>() : null;
        public int? Active => IsRims ? Model["active"]!.GetValue<int>() : null;
        public int HiddenSize => IsRims ? Units!.Value * Model["unit_hidden"]!.GetValue<int>() : Model["hidden"]!.GetValue<int>();
        public (string Model, int? Units, int? Active, int HiddenSize) Shape => (IsRims ? "RIMs" : "LSTM", Units, Active, HiddenSize);
        public double Number(string key) => Summary[key]?.GetValue<double>() ?? double.NaN;
    }

    /// <summary>Writes report.md for <paramref name="runDirectories"/> into <paramref name="outDirectory"/>; returns its path.</summary>
    public static string Build(IReadOnlyList<string> runDirectories, string outDirectory)
    {
        if (runDirectories.Count == 0) throw new ArgumentException("a report needs at least one run folder");
        var runs = runDirectories.Select(Read).ToList();
        var md = new StringBuilder();
        md.AppendLine("# RIMs paper, Table 1: this implementation next to the published numbers").AppendLine();
        md.AppendLine("Ours = mean over seeds (± sample std when there are several) of runs on this machine; paper = Goyal et al. (ICLR 2021), Table 1. " +
                      "Budgets (epochs, training images) are in the right-hand columns: where they are below the paper's, the numbers are not comparable one to one.").AppendLine();
        var copying = runs.Where(r => r.Task == "copying").ToList();
        var seqMnist = runs.Where(r => r.Task == "seqmnist").ToList();
        if (copying.Count > 0) AppendCopying(md, copying);
        if (seqMnist.Count > 0) AppendSeqMnist(md, seqMnist);
        Provenance.Append(md, runs.Select(r => (r.Directory, r.Config)).ToList());
        Directory.CreateDirectory(outDirectory);
        var path = Path.Combine(outDirectory, "report.md");
        AtomicFile.WriteAllText(path, md.ToString());
        return path;
    }

    private static PaperRun Read(string directory)
    {
        var config = RunJson.Read<JsonObject>(Path.Combine(directory, "config.json"));
        var summaryPath = Path.Combine(directory, "summary.json");
        if (!File.Exists(summaryPath)) throw new InvalidDataException($"{directory}: the run has not finished (no summary.json)");
        var run = new PaperRun(directory, config, RunJson.Read<JsonObject>(summaryPath));
        if (run.Task is not ("copying" or "seqmnist"))
            throw new InvalidDataException($"{directory} is not a `paper` run (task '{run.Task}'); `report` builds PPO comparisons");
        return run;
    }

    private static void AppendCopying(StringBuilder md, List<PaperRun> runs)
    {
        var lengths = runs.Select(r => $"train T={r.Number("train_len")}, test T={r.Number("test_len")}").Distinct().ToList();
        md.AppendLine("## Copying (Table 1, left): cross-entropy over the last 10 steps").AppendLine();
        md.AppendLine($"Ours: {string.Join("; ", lengths)}. Paper: train T=50, test T=200.").AppendLine();
        md.AppendLine("| model | k_T | k_A | h_size | Train CE paper | Train CE ours | Test CE paper | Test CE ours | ours: CE all positions (test) | ours: digit accuracy (test) | seeds | epochs | s/epoch |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (shape, published, ours) in Rows(PublishedTable1.Copying, runs))
        {
            md.Append($"| {shape.Model} | {D(shape.Units)} | {D(shape.Active)} | {D(shape.HiddenSize)} | ");
            md.Append($"{Paper(published, 0)} | {Ours(ours, "train_len_ce_last10", 1)} | {Paper(published, 1)} | {Ours(ours, "test_len_ce_last10", 1)} | ");
            var (seeds, epochs, seconds) = Budget(ours);
            md.AppendLine($"{Ours(ours, "test_len_ce_all", 1)} | {Ours(ours, "test_len_accuracy", 100)} | {seeds} | {epochs} | {seconds} |");
        }
        md.AppendLine();
    }

    private static void AppendSeqMnist(StringBuilder md, List<PaperRun> runs)
    {
        md.AppendLine("## Sequential MNIST (Table 1, right): accuracy (%) when trained at 14x14").AppendLine();
        var trainSizes = runs.Select(r => r.Config["train_size"]?.ToString() ?? "?").Distinct();
        md.AppendLine($"Ours: trained at {string.Join(", ", trainSizes.Select(s => $"{s}x{s}"))}; test accuracy at the epoch of best validation accuracy. Paper: mean of 3 trials, 100 epochs on 48,000 images.").AppendLine();
        md.Append("| model | k_T | k_A | h_size | 14 ours |");
        foreach (int size in PublishedTable1.SeqMnistSizes) md.Append($" {size} paper | {size} ours |");
        md.AppendLine(" seeds | epochs | training images | s/epoch |");
        md.AppendLine("|---|---|---|---|---|" + string.Concat(Enumerable.Repeat("---|---|", PublishedTable1.SeqMnistSizes.Length)) + "---|---|---|---|");
        foreach (var (shape, published, ours) in Rows(PublishedTable1.SeqMnist, runs))
        {
            md.Append($"| {shape.Model} | {D(shape.Units)} | {D(shape.Active)} | {D(shape.HiddenSize)} | {Ours(ours, "test_accuracy_14", 100)} |");
            for (int i = 0; i < PublishedTable1.SeqMnistSizes.Length; i++)
                md.Append($" {Paper(published, i)} | {Ours(ours, $"test_accuracy_{PublishedTable1.SeqMnistSizes[i]}", 100)} |");
            string images = ours.Count == 0 ? "–" : string.Join("/", ours.Select(r => r.Number("train_images").ToString("N0", Invariant)).Distinct());
            var (seeds, epochs, seconds) = Budget(ours);
            md.AppendLine($" {seeds} | {epochs} | {images} | {seconds} |");
        }
        md.AppendLine();
    }

    /// <summary>Every published row (with our runs of that shape, if any), then our shapes the paper has no row for.</summary>
    private static IEnumerable<((string Model, int? Units, int? Active, int? HiddenSize) Shape, PublishedRow? Published, List<PaperRun> Ours)> Rows(
        IReadOnlyList<PublishedRow> published, List<PaperRun> runs)
    {
        var groups = runs.GroupBy(r => r.Shape).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var row in published)
        {
            var key = groups.Keys.FirstOrDefault(k => k.Model == row.Model && k.Units == row.Units && k.Active == row.Active && k.HiddenSize == row.HiddenSize);
            var ours = key.Model is null ? [] : groups[key];
            yield return ((row.Model, row.Units, row.Active, row.HiddenSize), row, ours);
        }
        foreach (var (shape, ours) in groups)
            if (!published.Any(p => p.Model == shape.Model && p.Units == shape.Units && p.Active == shape.Active && p.HiddenSize == shape.HiddenSize))
                yield return ((shape.Model, shape.Units, shape.Active, shape.HiddenSize), null, ours);
    }

    private static string D(int? value) => value?.ToString(Invariant) ?? "–";

    private static string Paper(PublishedRow? row, int column) => row is null ? "–" : row.Values[column].ToString("0.0#", Invariant);

    /// <summary>Mean (± sample std) of a summary number over the runs, times <paramref name="scale"/> (100 for percentages).</summary>
    private static string Ours(List<PaperRun> runs, string key, double scale)
    {
        var values = runs.Select(r => r.Number(key) * scale).Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0) return "–";
        string mean = Statistics.Mean(values).ToString(scale == 1 ? "F2" : "F1", Invariant);
        return values.Count < 2 ? mean : $"{mean} ± {Statistics.SampleStd(values).ToString(scale == 1 ? "F2" : "F1", Invariant)}";
    }

    /// <summary>Seeds, epochs and seconds per epoch of a group of runs ("–" for none).</summary>
    private static (string Seeds, string Epochs, string SecondsPerEpoch) Budget(List<PaperRun> runs) => runs.Count == 0
        ? ("–", "–", "–")
        : (runs.Count.ToString(Invariant), string.Join("/", runs.Select(r => r.Number("epochs")).Distinct()),
           Statistics.Mean(runs.Select(r => r.Number("seconds_per_epoch")).ToList()).ToString("F0", Invariant));
}
