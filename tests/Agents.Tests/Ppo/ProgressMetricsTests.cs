using System.Globalization;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Ppo;

public class ProgressMetricsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-progress-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static readonly PpoConfig Config = new()
    {
        Env = "GridPickup", Core = "rims", Seed = 3, TotalSteps = 4 * 16 * 3, NumEnvs = 4, NumSteps = 16, NumMinibatches = 2,
        Features = 12, Hidden = 12, Threads = 1,
    };

    /// <summary>CleanRL's charts/SPS: int(global_step / (time.time() - start_time)), not the iteration's own rate.</summary>
    [Fact]
    public void ChartsSpsIsStepsSinceTheStartOverTimeSinceTheStart()
    {
        var dir = Path.Combine(root, "run");
        PpoRun.Train(Config, new TrainingOptions { Command = "test", RunDirectory = dir });
        var lines = File.ReadAllLines(Path.Combine(dir, "progress.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(ProgressMetrics.For(6).Select(m => m.Tag), header);
        int step = Array.IndexOf(header, "global_step"), wall = Array.IndexOf(header, "wall_seconds"), sps = Array.IndexOf(header, "charts/SPS");
        Assert.Equal(4, lines.Length);
        foreach (var row in lines.Skip(1).Select(l => l.Split(',')))
        {
            double Cell(int i) => double.Parse(row[i], CultureInfo.InvariantCulture);
            Assert.Equal(Math.Floor(Cell(step) / Cell(wall)), Cell(sps));
        }
        // Every iteration's log line names its metrics by tag.
        var log = File.ReadAllText(Path.Combine(dir, "run.log"));
        Assert.Contains("iteration 3 global_step 192 frames 192 wall_seconds ", log);
        Assert.Contains("losses/explained_variance ", log);
        Assert.Contains("rims/unit_active_5 ", log);
    }
}
