using System.Text.Json.Nodes;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Ppo;

/// <summary>
/// Resuming in-process: a run stopped after an iteration and resumed from its checkpoint into a new trainer ends as
/// the same run left alone (logs and weights bitwise); the checkpoint to resume from is the newest undamaged one;
/// a resume refuses settings that would change the run.
/// </summary>
public class ResumeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-resume-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static readonly PpoConfig Config = new()
    {
        Env = "GridPickup", Core = "lstm", Seed = 3, TotalSteps = 4 * 16 * 6, NumEnvs = 4, NumSteps = 16, NumMinibatches = 2,
        Features = 16, Hidden = 16, Threads = 1,
    };

    private static JsonNode Summary(string dir) => JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;

    [Theory]
    [InlineData("GridPickup", "lstm")]
    [InlineData("GridPickup", "rims")]
    // 49-step episodes: the envs' first episodes end after the checkpoint (at 32 steps), so the next ones are drawn
    // from the restored numpy generators.
    [InlineData("BabyAI-PickupDist-v0", "lstm")]
    public void ARunStoppedAfterAnIterationAndResumedEndsAsTheRunLeftAlone(string env, string core)
    {
        var config = Config with { Env = env, Core = core };
        string straight = Path.Combine(root, "straight"), stopped = Path.Combine(root, "stopped");
        PpoRun.Train(config, new TrainingOptions { Command = "straight", RunDirectory = straight });

        var stop = new StopRequest();
        var first = PpoRun.Train(config, new TrainingOptions
        {
            Command = "stopped", RunDirectory = stopped, Stop = stop,
            Progress = new InlineProgress<IterationProgress>(p => { if (p.Iteration == 2) stop.Request("test stop"); }),
        });
        Assert.Equal("test stop", first.StopReason);
        // What a second signal reports as written (StopSignals.SecondSignalMessage).
        Assert.Equal([Path.Combine(stopped, "checkpoints", "final.ckpt")], stop.Checkpoints);
        Assert.False(Summary(stopped)["completed"]!.GetValue<bool>());
        Assert.Equal("test stop", Summary(stopped)["stop_reason"]!.GetValue<string>());
        Assert.Contains("run ended: stopped by test stop after iteration 2", File.ReadAllText(Path.Combine(stopped, "run.log")));

        var point = ResumePoint.Find(stopped);
        Assert.Equal(2, point.Header.Iteration);
        var resumed = PpoRun.Resume(point, point.Header.Config, new TrainingOptions { Command = "resume" });
        Assert.Null(resumed.StopReason);

        ComparableRunFiles.AssertSameRun(straight, stopped);
        var (a, b) = (Summary(straight), Summary(stopped));
        Assert.True(b["completed"]!.GetValue<bool>());
        foreach (var key in new[] { "total_steps", "episodes", "mean_return_last_100", "success_rate_last_100", "unit_activation" })
            Assert.True(JsonNode.DeepEquals(a[key], b[key]), $"{key}: {a[key]?.ToJsonString()} vs {b[key]?.ToJsonString()}");
        var log = File.ReadAllText(Path.Combine(stopped, "run.log"));
        Assert.Contains("resumed from checkpoints/final.ckpt at iteration 2", log);
        Assert.DoesNotContain("cannot snapshot", log);
        Assert.Contains("run ended: finished", log);
    }

    [Fact]
    public void RowsLoggedAfterTheCheckpointAreDroppedOnResume()
    {
        var dir = Path.Combine(root, "run");
        PpoRun.Train(Config with { SaveEvery = 2 }, new TrainingOptions { Command = "run", RunDirectory = dir });
        // As if the process died after iteration 3's rows but before its checkpoint: only iter_000002 survives.
        File.Delete(Path.Combine(dir, "checkpoints", "final.ckpt"));
        File.Delete(Path.Combine(dir, "checkpoints", "iter_000004.ckpt"));
        File.Delete(Path.Combine(dir, "checkpoints", "iter_000006.ckpt"));
        var point = ResumePoint.Find(dir);
        Assert.Equal(2, point.Header.Iteration);
        var straight = Path.Combine(root, "straight");
        PpoRun.Train(Config with { SaveEvery = 2 }, new TrainingOptions { Command = "run", RunDirectory = straight });
        PpoRun.Resume(point, point.Header.Config, new TrainingOptions { Command = "resume" });
        ComparableRunFiles.AssertSameRun(straight, dir);
    }

    [Fact]
    public void TheNewestUndamagedCheckpointIsChosenAndTheDamagedOnesAreNamed()
    {
        var dir = Path.Combine(root, "run");
        PpoRun.Train(Config with { SaveEvery = 1, TotalSteps = 4 * 16 * 3 }, new TrainingOptions { Command = "run", RunDirectory = dir });
        var checkpoints = Path.Combine(dir, "checkpoints");
        Assert.Equal(3, ResumePoint.Find(dir).Header.Iteration);
        Truncate(Path.Combine(checkpoints, "final.ckpt"), 100);
        FlipByte(Path.Combine(checkpoints, "iter_000003.ckpt"));
        var point = ResumePoint.Find(dir);
        Assert.Equal(Path.Combine(checkpoints, "iter_000002.ckpt"), point.CheckpointPath);
        Assert.Equal(2, point.Skipped.Count);
        Assert.Contains(point.Skipped, s => s.Contains("final.ckpt is truncated", StringComparison.Ordinal));
        Assert.Contains(point.Skipped, s => s.Contains("iter_000003.ckpt is corrupt", StringComparison.Ordinal));
    }

    [Fact]
    public void AFolderWithoutACompleteCheckpointCannotBeResumed()
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        var error = Assert.Throws<InvalidDataException>(() => ResumePoint.Find(dir));
        Assert.Contains(dir, error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => ResumePoint.Find(Path.Combine(root, "missing")));
    }

    [Fact]
    public void AReportFolderGivenAsARunIsNamedAsOneWithWhereItsRunsAre()
    {
        var report = Directory.CreateDirectory(Path.Combine(root, "report")).FullName;
        File.WriteAllText(Path.Combine(report, "report.md"), "# report");
        var error = Assert.Throws<InvalidDataException>(() => ResumePoint.Find(report));
        const string provenance = "; its report.md lists every run it pooled and the command that built it under Provenance";
        Assert.Equal($"{report} is not a run folder (no config.json, no checkpoints): give the folder ppo or compare wrote; it is a report folder" + provenance, error.Message);
        Directory.CreateDirectory(Path.Combine(report, "runs"));
        Assert.EndsWith("; it is a report folder" + provenance, Assert.Throws<InvalidDataException>(() => ResumePoint.Find(report)).Message);
        var run = Directory.CreateDirectory(Path.Combine(report, "runs", "GridPickup__lstm__1")).FullName;
        File.WriteAllText(Path.Combine(run, "config.json"), "{}");
        Assert.EndsWith($"; it is a report folder: it holds run folders, e.g. {run}: give one of them" + provenance, Assert.Throws<InvalidDataException>(() => ResumePoint.Find(report)).Message);
    }

    [Fact]
    public void AResumeRefusesSettingsThatWouldChangeTheRunButMayTrainLonger()
    {
        var dir = Path.Combine(root, "run");
        PpoRun.Train(Config with { TotalSteps = 4 * 16 * 2 }, new TrainingOptions { Command = "run", RunDirectory = dir });
        var point = ResumePoint.Find(dir);
        var saved = point.Header.Config;
        var changed = Assert.Throws<ArgumentException>(() => point.CheckChanges(saved with { LearningRate = 0.1 }));
        Assert.Contains("--learning-rate", changed.Message);
        var lowered = Assert.Throws<ArgumentException>(() => point.CheckChanges(saved with { TotalSteps = 64 }));
        Assert.Contains("--total-steps", lowered.Message);
        point.CheckChanges(saved with { TotalSteps = saved.TotalSteps * 2, Threads = 2, EnvThreads = 2 });

        var longer = PpoRun.Resume(point, saved with { TotalSteps = saved.TotalSteps * 2 }, new TrainingOptions { Command = "resume --total-steps" });
        Assert.Equal(saved.TotalSteps * 2, longer.GlobalStep);
        Assert.Equal(5, ComparableRunFiles.DeterministicProgress(dir).Length);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal(saved.TotalSteps * 2, config["total_steps"]!.GetValue<long>());
        Assert.Equal("resume --total-steps", config["resumes"]![0]!["command"]!.GetValue<string>());
    }

    [Fact]
    public void ATruncatedOrCorruptCheckpointIsAnErrorNamingTheFile()
    {
        var dir = Path.Combine(root, "run");
        PpoRun.Train(Config with { TotalSteps = 4 * 16 }, new TrainingOptions { Command = "run", RunDirectory = dir });
        var path = Path.Combine(dir, "checkpoints", "final.ckpt");
        var copy = Path.Combine(root, "copy.ckpt");
        File.Copy(path, copy);
        Truncate(copy, 1);
        var truncated = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadHeader(copy));
        Assert.Contains(copy, truncated.Message);
        Assert.Contains("truncated", truncated.Message);

        FlipByte(path);
        var corrupt = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadHeader(path));
        Assert.Contains(path, corrupt.Message);
        Assert.Contains("corrupt", corrupt.Message);
    }

    [Fact]
    public void WeightsForAnotherEnvAreRefusedNamingTheEnvAndCoreTheyWereTrainedFor()
    {
        var dir = Path.Combine(root, "run");
        PpoRun.Train(Config with { TotalSteps = 4 * 16 }, new TrainingOptions { Command = "run", RunDirectory = dir });
        var recall = new RecallEnv();
        using var policy = PolicyFactory.Create(Config, recall.ObservationSpec, recall.ActionCount);
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadPolicy(Path.Combine(dir, "checkpoints", "final.ckpt"), policy));
        Assert.Contains("trained on GridPickup with the lstm core", error.Message);
    }

    [Fact]
    public void EnvsThatCannotSnapshotThemselvesAreReportedAsStartingFreshEpisodes()
    {
        // RecallEnv has no ISnapshotEnv: the restore says how many envs start over, which PpoRun writes to run.log.
        var config = new PpoConfig { Env = "recall", Core = "gru", Seed = 5, TotalSteps = 4 * 8 * 2, NumEnvs = 4, NumSteps = 8, NumMinibatches = 2, Features = 16, Hidden = 16, Threads = 1 };
        var path = Path.Combine(root, "recall.ckpt");
        using (var trainer = RecallTrainer.Make(config))
        {
            trainer.RunIteration();
            Checkpoint.Save(path, trainer, config);
        }
        using var resumed = RecallTrainer.Make(config);
        var (header, freshEnvs) = Checkpoint.Restore(path, resumed);
        Assert.Equal(1, header.Iteration);
        Assert.Equal(config.NumEnvs, freshEnvs);
        Assert.Equal(2, resumed.RunIteration().Iteration);
    }

    private static void Truncate(string path, int bytes)
    {
        using var file = File.Open(path, FileMode.Open);
        file.SetLength(file.Length - bytes);
    }

    private static void FlipByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }
}
