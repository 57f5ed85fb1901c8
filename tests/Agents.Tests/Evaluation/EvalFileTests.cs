using Rims.Agents.Evaluation;
using Rims.Agents.Ppo;
using Rims.Agents.Reports;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Cli;

namespace Rims.Agents.Tests.Evaluation;

/// <summary>
/// Which evaluation files describe a run: `eval` of an intermediate checkpoint writes beside the final checkpoint's
/// evaluation, never over it, and a resume that replaces final.ckpt removes the old one's.
/// </summary>
[Collection("Console")]
public class EvalFileTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-evalfile-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A 32-step GridPickup run with a checkpoint every iteration; returns its folder.</summary>
    private string TrainTinyRun()
    {
        string run = Path.Combine(root, "run");
        var config = new PpoConfig
        {
            Env = "GridPickup", TotalSteps = 32, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, Features = 8, Hidden = 8, Threads = 1, SaveEvery = 1,
        };
        PpoRun.Train(config, new TrainingOptions { Command = "test", RunDirectory = run });
        return run;
    }

    [Fact]
    public void AnIntermediateCheckpointsEvaluationNeverOverwritesTheFinalOne()
    {
        string run = TrainTinyRun();
        string checkpoints = Path.Combine(run, "checkpoints");

        var (exit, error, _) = CapturedCli.Run("eval", "--checkpoint", Path.Combine(checkpoints, "final.ckpt"), "--episodes", "2");
        Assert.True(exit == 0, error);
        (exit, error, _) = CapturedCli.Run("eval", "--checkpoint", Path.Combine(checkpoints, "iter_000001.ckpt"), "--episodes", "1");
        Assert.True(exit == 0, error);

        var final = RunJson.Read<EvalResult>(Path.Combine(run, "evals", "GridPickup.json"));
        var intermediate = RunJson.Read<EvalResult>(Path.Combine(run, "evals", "GridPickup__iter_000001.json"));
        Assert.Equal(("checkpoints/final.ckpt", 2), (final.Checkpoint, final.Episodes));
        Assert.Equal(("checkpoints/iter_000001.ckpt", 1), (intermediate.Checkpoint, intermediate.Episodes));
        // A report reads the final checkpoint's evaluation only.
        Assert.Equal(2, RunRecord.Read(run).Evals["GridPickup"].Episodes);
    }

    [Fact]
    public void AResumeWithNothingLeftToTrainKeepsTheFinalCheckpointsEvaluations()
    {
        // A finished run whose summary.json went missing counts as stopped: the resume trains nothing, rewrites the same
        // weights, and the evaluation of them stays.
        string run = TrainTinyRun();
        var (exit, error, _) = CapturedCli.Run("eval", "--checkpoint", Path.Combine(run, "checkpoints", "final.ckpt"), "--episodes", "1");
        Assert.True(exit == 0, error);
        File.Delete(Path.Combine(run, "summary.json"));
        (exit, error, _) = CapturedCli.Run("ppo", "--resume", run);
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(run, "evals", "GridPickup.json")));
        Assert.DoesNotContain("deleted", File.ReadAllText(Path.Combine(run, "run.log")));
    }

    [Fact]
    public void ACheckpointCopiedOutOfItsRunFolderIsEvaluatedAndSaysItWroteNoFile()
    {
        string loose = Path.Combine(root, "policy.ckpt");
        File.Copy(Path.Combine(TrainTinyRun(), "checkpoints", "final.ckpt"), loose);
        var before = Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order().ToList();
        var (exit, error, output) = CapturedCli.Run("eval", "--checkpoint", loose, "--episodes", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("not written to a file: the checkpoint is not in a run folder", output);
        Assert.DoesNotContain("written to /", output);
        Assert.Equal(before, Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order().ToList());
    }

    [Fact]
    public void AResumeThatTrainsFurtherDeletesTheOldFinalCheckpointsEvaluationsAndKeepsTheIntermediateOnes()
    {
        string run = TrainTinyRun();
        string checkpoints = Path.Combine(run, "checkpoints");
        foreach (var (checkpoint, env) in new[] { ("final.ckpt", "GridPickup"), ("final.ckpt", "GridPickup-Novel"), ("iter_000001.ckpt", "GridPickup") })
            EvaluationSession.Evaluate(Path.Combine(checkpoints, checkpoint), new EvalOptions { Env = env, Episodes = 1 });
        string evals = Path.Combine(run, "evals");
        Assert.Equal(3, Directory.GetFiles(evals).Length);

        var point = ResumePoint.Find(run);
        PpoRun.Resume(point, point.Header.Config with { TotalSteps = 64 }, new TrainingOptions { Command = "test" });

        // They described the 32-step policy under the name of the 64-step one; a report would have scored the run by them.
        Assert.Equal("GridPickup__iter_000001.json", Path.GetFileName(Assert.Single(Directory.GetFiles(evals))));
        Assert.Contains("evaluation evals/GridPickup.json deleted: it was of the previous final.ckpt", File.ReadAllText(Path.Combine(run, "run.log")));
    }
}
