using System.Text.Json.Nodes;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Runs;

public class MetricsSinkTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-metrics-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static readonly string[] Columns = ["iteration", "losses/value_loss", "charts/success_rate"];

    [Fact]
    public void OneWriteIsOneProgressRowInColumnOrderAndOneLogLine()
    {
        string path = Path.Combine(root, "run");
        using (var run = RunFolder.Create(path, [], Columns))
        {
            var sink = new MetricsSink(run, Columns, ["losses/value_loss", "charts/success_rate"]);
            // Any order in, column order out; null is an empty cell.
            sink.Write(128, [("charts/success_rate", null), ("losses/value_loss", 0.25), ("iteration", 1)], "phase times");
            sink.Write(256, [("iteration", 2), ("losses/value_loss", double.NaN), ("charts/success_rate", 0.5)]);
        }
        Assert.Equal(["iteration,losses/value_loss,charts/success_rate", "1,0.25,", "2,,0.5"],
            File.ReadAllLines(Path.Combine(path, "progress.csv")));
        var log = File.ReadAllLines(Path.Combine(path, "run.log"));
        Assert.Contains(log, l => l.EndsWith("iteration 1 losses/value_loss 0.25 | phase times"));
        Assert.Contains(log, l => l.EndsWith("iteration 2 charts/success_rate 0.5"));
        Assert.NotEmpty(Directory.GetFiles(path, "events.out.tfevents*"));
    }

    [Fact]
    public void ATagThatIsNoColumnOrAColumnWithoutValueIsRefused()
    {
        using var run = RunFolder.Create(Path.Combine(root, "run"), new JsonObject(), Columns);
        var sink = new MetricsSink(run, Columns, []);
        var unknown = Assert.Throws<ArgumentException>(() =>
            sink.Write(1, [("iteration", 1), ("losses/value_loss", 0), ("charts/success_rate", 0), ("charts/SPS", 9)]));
        Assert.Contains("'charts/SPS' is not a column", unknown.Message);
        var missing = Assert.Throws<ArgumentException>(() => sink.Write(1, [("iteration", 1), ("losses/value_loss", 0)]));
        Assert.Contains("'charts/success_rate'", missing.Message);
    }
}
