using System.Text.Json.Nodes;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Cli;

/// <summary>`ppo --resume` on a run that already trained every step: one line, exit 0, nothing rewritten.</summary>
[Collection("Console")]
public class ResumeFinishedRunTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-resume-finished-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void AFinishedRunSaysSoAndKeepsItsCheckpointAndConfigUntilTheTotalIsRaised()
    {
        var run = Path.Combine(root, "run");
        PpoRun.Train(new PpoConfig
        {
            Env = "GridPickup", Core = "lstm", TotalSteps = 16, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, Features = 8, Hidden = 8, Threads = 1,
        }, new TrainingOptions { Command = "test", RunDirectory = run });
        var final = Path.Combine(run, "checkpoints", "final.ckpt");
        var config = Path.Combine(run, "config.json");
        var (checkpointBytes, checkpointTime, configText) = (File.ReadAllBytes(final), File.GetLastWriteTimeUtc(final), File.ReadAllText(config));

        var (exit, error, output) = CapturedCli.Run("ppo", "--resume", run);

        Assert.True(exit == 0, error);
        Assert.Equal($"run {run} already finished 16 steps; raise --total-steps to continue", output.Trim());
        Assert.Equal(checkpointBytes, File.ReadAllBytes(final));
        Assert.Equal(checkpointTime, File.GetLastWriteTimeUtc(final));
        Assert.Equal(configText, File.ReadAllText(config));

        // A raised total continues the run.
        (exit, error, _) = CapturedCli.Run("ppo", "--resume", run, "--total-steps", "32");
        Assert.True(exit == 0, error);
        Assert.Single((JsonNode.Parse(File.ReadAllText(config))!["resumes"] as JsonArray)!);
        Assert.Equal(32, JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!["total_steps"]!.GetValue<long>());
    }
}
