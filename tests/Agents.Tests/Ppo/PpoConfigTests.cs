using System.Text.Json.Nodes;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Ppo;

/// <summary>PpoConfig.Validate covers every setting, and --total-steps rounds up to whole rollouts, said and recorded.</summary>
public class PpoConfigTests
{
    private static readonly PpoConfig Valid = new() { Env = "GridPickup", TotalSteps = 2048 };

    public static TheoryData<string, PpoConfig> Invalid() => new()
    {
        { "--learning-rate", Valid with { LearningRate = 0 } },
        { "--learning-rate", Valid with { LearningRate = double.PositiveInfinity } },
        { "--learning-rate", Valid with { LearningRate = double.NaN } },
        { "--adam-eps", Valid with { AdamEps = -1 } },
        { "--adam-eps", Valid with { AdamEps = 0 } },
        { "--ent-coef", Valid with { EntCoef = -0.01f } },
        { "--ent-coef", Valid with { EntCoef = float.NaN } },
        { "--vf-coef", Valid with { VfCoef = -1 } },
        { "--target-kl", Valid with { TargetKl = 0 } },
        { "--target-kl", Valid with { TargetKl = -0.1 } },
        { "--clip-coef", Valid with { ClipCoef = 0 } },
        { "--gamma", Valid with { Gamma = 1.01f } },
        { "--gamma", Valid with { Gamma = -0.1f } },
        { "--gae-lambda", Valid with { GaeLambda = float.NaN } },
        { "--max-grad-norm", Valid with { MaxGradNorm = 0 } },
        { "--num-steps", Valid with { NumSteps = 0 } },
        { "--update-epochs", Valid with { UpdateEpochs = 0 } },
        { "--total-steps", Valid with { TotalSteps = 0 } },
        { "--env-threads", Valid with { EnvThreads = 0 } },
        { "--num-minibatches", Valid with { NumEnvs = 2, NumSteps = 1, NumMinibatches = 2, TotalSteps = 30 } },
        { "--rims-comm-heads", Valid with { Core = "rims", Rims = new RimsOptions { CommHeads = 0 } } },
        { "--rims-dropout", Valid with { Core = "rims", Rims = new RimsOptions { Dropout = double.NaN } } },
        { "frame-stack", Valid with { Env = "Pong", EnvOptions = new() { ["frame-stack"] = "0" } } },
        { "sticky-actions", Valid with { EnvOptions = new() { ["sticky-actions"] = "0.25" } } },
        { "Demon_Attack", Valid with { Env = "Demon_Attack" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void EveryBadSettingIsRefusedNamingIt(string named, PpoConfig config)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => config.ValidateForRun());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void EdgeValuesThatTrainSoundlyAreAccepted()
    {
        (Valid with { Gamma = 0, GaeLambda = 1, EntCoef = 0, VfCoef = 0, TargetKl = 0.01 }).ValidateForRun();
        // One-sample minibatches are fine when nothing normalises over them.
        (Valid with { NumEnvs = 1, NumSteps = 1, NumMinibatches = 1, TotalSteps = 30, NormAdv = false }).ValidateForRun();
        (Valid with { NumEnvs = 2, NumSteps = 1, NumMinibatches = 1, TotalSteps = 30 }).ValidateForRun();
    }

    [Fact]
    public void TotalStepsRoundUpToWholeRolloutsAndSaySo()
    {
        var config = Valid with { NumEnvs = 8, NumSteps = 128, TotalSteps = 10_000_000 };
        Assert.Equal(9766, config.Iterations);
        Assert.Equal(10_000_384, config.TrainedSteps);
        Assert.Equal("--total-steps 10000000 is not a whole number of rollouts (--num-envs 8 x --num-steps 128 = 1024); " +
                     "training 9766 rollouts = 10000384 steps", config.StepRoundingNote);
        // Less than one rollout is one rollout (README: totals are rounded up), not an error.
        var part = config with { TotalSteps = 15 };
        part.ValidateForRun();
        Assert.Equal(1, part.Iterations);
        Assert.Equal(1024, part.TrainedSteps);
        Assert.NotNull(part.StepRoundingNote);
        var whole = config with { TotalSteps = 1024 * 3 };
        Assert.Equal(3, whole.Iterations);
        Assert.Null(whole.StepRoundingNote);
    }

    [Fact]
    public void ARunOfAPartRolloutTrainsTheWholeOneAndRecordsAskedAndTrainedSteps()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("rims-rounding-").FullName, "run");
        try
        {
            var config = Valid with { NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, TotalSteps = 20, Features = 8, Hidden = 8, Threads = 1 };
            var notices = new List<string>();
            var result = PpoRun.Train(config, new TrainingOptions { Command = "test", RunDirectory = dir, Notice = notices.Add });
            Assert.Equal(32, result.GlobalStep);
            Assert.Equal([config.StepRoundingNote!], notices);
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
            Assert.Equal(32, summary["total_steps"]!.GetValue<long>());
            Assert.Equal(20, summary["requested_steps"]!.GetValue<long>());
            Assert.True(summary["completed"]!.GetValue<bool>());
            var configJson = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
            Assert.Equal(20, configJson["total_steps"]!.GetValue<long>());
            Assert.Equal(32, configJson["trained_steps"]!.GetValue<long>());
            Assert.Contains(config.StepRoundingNote!, File.ReadAllText(Path.Combine(dir, "run.log")));

            // A resume notes the rounding again only when it changes the budget.
            notices.Clear();
            var point = ResumePoint.Find(dir);
            PpoRun.Resume(point, point.Header.Config with { TotalSteps = 40 }, new TrainingOptions { Command = "test", Notice = notices.Add });
            Assert.Equal(["--total-steps 40 is not a whole number of rollouts (--num-envs 2 x --num-steps 8 = 16); training 3 rollouts = 48 steps"], notices);
            PpoRun.Resume(ResumePoint.Find(dir), ResumePoint.Find(dir).Header.Config, new TrainingOptions { Command = "test", Notice = notices.Add });
            Assert.Single(notices);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }
}
