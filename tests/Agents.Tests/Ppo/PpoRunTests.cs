using System.Text.Json.Nodes;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Ppo;

public class PpoRunTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-run-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static readonly PpoConfig Config = new()
    {
        Env = "GridPickup", Core = "lstm", Seed = 7, TotalSteps = 4 * 32 * 3, NumEnvs = 4, NumSteps = 32, NumMinibatches = 2,
        Features = 16, Hidden = 16, Threads = 1,
    };

    [Fact]
    public void TheSameSeedWritesTheSameProgress()
    {
        PpoRun.Train(Config, new TrainingOptions { Command = "test", RunDirectory = Path.Combine(root, "a") });
        PpoRun.Train(Config, new TrainingOptions { Command = "test", RunDirectory = Path.Combine(root, "b") });
        var a = ComparableRunFiles.DeterministicProgress(Path.Combine(root, "a"));
        Assert.Equal(4, a.Length);
        Assert.Equal(a, ComparableRunFiles.DeterministicProgress(Path.Combine(root, "b")));
        Assert.Equal(File.ReadAllLines(Path.Combine(root, "a", "episodes.csv")), File.ReadAllLines(Path.Combine(root, "b", "episodes.csv")));
        PpoRun.Train(Config with { Seed = 8 }, new TrainingOptions { Command = "test", RunDirectory = Path.Combine(root, "c") });
        Assert.NotEqual(a, ComparableRunFiles.DeterministicProgress(Path.Combine(root, "c")));
    }

    [Fact]
    public void TheRunFolderHoldsEverythingDocumented()
    {
        var dir = Path.Combine(root, "run");
        var result = PpoRun.Train(Config with { Core = "rims", SaveEvery = 2 }, new TrainingOptions { Command = "ppo --env GridPickup --core rims", RunDirectory = dir });
        Assert.Equal(dir, result.RunDirectory);
        var header = File.ReadAllLines(Path.Combine(dir, "progress.csv"))[0].TrimStart('\uFEFF');
        Assert.StartsWith("iteration,global_step,frames,wall_seconds,charts/SPS,episodes,charts/episodic_return", header);
        Assert.EndsWith("rims/unit_active_4,rims/unit_active_5", header);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal("rims", config["core"]!.GetValue<string>());
        Assert.Equal(0.1f, config["clip_coef"]!.GetValue<float>());
        Assert.Equal("ppo --env GridPickup --core rims", config["command"]!.GetValue<string>());
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        foreach (var key in new[] { "env", "core", "seed", "total_steps", "wall_seconds", "sps", "episodes", "mean_return_last_100", "success_rate_last_100", "parameters" })
            Assert.True(summary.AsObject().ContainsKey(key), $"summary.json lacks {key}");
        Assert.Equal(384, summary["total_steps"]!.GetValue<long>());
        Assert.Equal(6, summary["unit_activation"]!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(dir, "checkpoints", "final.ckpt")));
        Assert.True(File.Exists(Path.Combine(dir, "checkpoints", "iter_000002.ckpt")));
        Assert.True(File.Exists(Path.Combine(dir, "run.log")));
        Assert.NotEmpty(Directory.GetFiles(dir, "events.out.tfevents*"));
        Assert.Throws<IOException>(() => PpoRun.Train(Config, new TrainingOptions { Command = "again", RunDirectory = dir }));
    }
}
