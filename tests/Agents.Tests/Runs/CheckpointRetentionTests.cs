using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Cli;

namespace Rims.Agents.Tests.Runs;

/// <summary>--keep-checkpoints: a run keeps its newest periodic checkpoints and final.ckpt, a resume may change the number.</summary>
[Collection("Console")]
public class CheckpointRetentionTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-retention-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string[] Checkpoints(string run) =>
        [.. Directory.GetFiles(Path.Combine(run, "checkpoints")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void ARunKeepsItsNewestPeriodicCheckpointsAndAResumeMayChangeHowMany()
    {
        string run = Path.Combine(root, "run");
        // 6 iterations of 2 envs x 8 steps, a checkpoint after each.
        var config = new PpoConfig
        {
            Env = "GridPickup", TotalSteps = 96, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, Features = 8, Hidden = 8, Threads = 1,
            SaveEvery = 1, KeepCheckpoints = 2,
        };
        PpoRun.Train(config, new TrainingOptions { Command = "test", RunDirectory = run });
        Assert.Equal(["final.ckpt", "iter_000005.ckpt", "iter_000006.ckpt"], Checkpoints(run));
        Assert.Contains("checkpoint iter_000004.ckpt deleted (--keep-checkpoints 2)", File.ReadAllText(Path.Combine(run, "run.log")));

        var (exit, error, _) = CapturedCli.Run("ppo", "--resume", run, "--total-steps", "128", "--keep-checkpoints", "1");
        Assert.True(exit == 0, error);
        Assert.Equal(["final.ckpt", "iter_000008.ckpt"], Checkpoints(run));
        // config.json records what the resume changed, and the steps that follow from the new budget.
        var recorded = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        Assert.Equal((1, 128L, 128L), ((int)recorded["keep_checkpoints"]!, (long)recorded["total_steps"]!, (long)recorded["trained_steps"]!));
    }

    [Fact]
    public void KeepCheckpointsWithoutSaveEveryIsRefusedAsAnOptionValue()
    {
        var (exit, error, _) = CapturedCli.Run("ppo", "--env", "GridPickup", "--total-steps", "16", "--keep-checkpoints", "2", "--run-dir", Path.Combine(root, "refused"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --keep-checkpoints needs --save-every N", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(root, "refused")));
    }

    [Fact]
    public void PruningKeepsTheNewestByTheIterationInTheNameAndNeverTouchesOtherFiles()
    {
        string folder = Directory.CreateDirectory(Path.Combine(root, "checkpoints")).FullName;
        foreach (var name in new[] { "iter_000009.ckpt", "iter_000100.ckpt", "iter_000010.ckpt", "final.ckpt", ".iter_000200.ckpt.tmp", "notes.txt" })
            File.WriteAllText(Path.Combine(folder, name), "");
        var deleted = CheckpointRetention.Prune(folder, keep: 2);
        Assert.Equal(["iter_000009.ckpt"], deleted.Select(Path.GetFileName));
        Assert.Equal([".iter_000200.ckpt.tmp", "final.ckpt", "iter_000010.ckpt", "iter_000100.ckpt", "notes.txt"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointRetention.Prune(folder, keep: 0));
    }
}
