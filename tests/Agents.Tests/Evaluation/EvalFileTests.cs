using Rims.Agents.Ppo;
using Rims.Agents.Reports;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Cli;

namespace Rims.Agents.Tests.Evaluation;

/// <summary>`eval` of an intermediate checkpoint writes beside the final checkpoint's evaluation, never over it.</summary>
[Collection("Console")]
public class EvalFileTests
{
    [Fact]
    public void AnIntermediateCheckpointsEvaluationNeverOverwritesTheFinalOne()
    {
        string root = Directory.CreateTempSubdirectory("rims-evalfile-").FullName;
        try
        {
            string run = Path.Combine(root, "run");
            var config = new PpoConfig
            {
                Env = "GridPickup", TotalSteps = 32, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, Features = 8, Hidden = 8, Threads = 1, SaveEvery = 1,
            };
            PpoRun.Train(config, new TrainingOptions { Command = "test", RunDirectory = run });
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
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
