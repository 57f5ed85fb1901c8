using System.Globalization;
using System.Text.Json.Nodes;
using Rims.Agents.Evaluation;
using Rims.Agents.Ppo;
using Rims.Agents.Tests.Ppo;
using Rims.Envs;

namespace Rims.Agents.Tests.Api;

/// <summary>
/// The training API as a program uses it: its own IEnv registered under an id, a PpoConfig built in code, progress per
/// iteration, a cancellation that stops cleanly, and the run folder, checkpoint and evaluation the CLI writes.
/// </summary>
public class TrainingApiTests : IDisposable
{
    /// <summary>The user's env id; registered once per test process (the registry is process-wide).</summary>
    private const string EnvId = "ApiTest-Recall-v0";

    private static readonly Lazy<EnvRegistration> Registration = new(() =>
        EnvRegistry.Default.Register(EnvId, "test: RecallEnv registered through the public API", _ => new RecallEnv(delay: 2)));

    private readonly string root = Directory.CreateTempSubdirectory("rims-api-").FullName;

    public TrainingApiTests() => _ = Registration.Value;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static PpoConfig Config(string core) => new()
    {
        Env = EnvId, Core = core, Seed = 3, TotalSteps = 4 * 12 * 3, NumEnvs = 4, NumSteps = 12, NumMinibatches = 2,
        Features = 8, Hidden = 8, Threads = 1, Rims = new RimsOptions { Units = 4, Active = 2 },
    };

    [Theory]
    [InlineData("ff")]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rims")]
    public void AProgramTrainsItsOwnEnvWithAnyCoreAndGetsTheRunFolderTheCliWrites(string core)
    {
        var reports = new List<IterationProgress>();
        var dir = Path.Combine(root, core);
        var result = PpoRun.Train(Config(core), new TrainingOptions { RunDirectory = dir, Progress = new InlineProgress<IterationProgress>(reports.Add) });

        Assert.Equal(dir, result.RunDirectory);
        Assert.Null(result.StopReason);
        Assert.Equal(4 * 12 * 3, result.GlobalStep);
        Assert.True(File.Exists(result.FinalCheckpoint));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal(EnvId, (string?)config["env"]);
        Assert.Equal(core, (string?)config["core"]);
        Assert.Equal("training API", (string?)config["command"]);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.True((bool)summary["completed"]!);

        // One report per iteration, each carrying exactly the progress.csv row just written.
        Assert.Equal([1L, 2, 3], reports.Select(r => r.Iteration));
        Assert.All(reports, r => Assert.Equal(3, r.TotalIterations));
        var lines = File.ReadAllLines(Path.Combine(dir, "progress.csv"));
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.Equal(header, reports[i].Metrics.Keys);
            var cells = lines[i + 1].Split(',');
            for (int c = 0; c < header.Length; c++)
            {
                var value = reports[i].Metrics[header[c]];
                if (cells[c].Length == 0) Assert.True(value is null || double.IsNaN(value.Value), header[c]);
                else Assert.Equal(double.Parse(cells[c], CultureInfo.InvariantCulture), value!.Value, 1e-6 * Math.Max(1, Math.Abs(value.Value)));
            }
        }
        Assert.Equal(reports[^1].GlobalStep, result.GlobalStep);
        Assert.Equal(result.FinalReturnMean, reports[^1].RecentMeanReturn);
    }

    [Fact]
    public void CancellingStopsCleanlyLikeSigintAndTheRunResumesToTheEnd()
    {
        using var cancel = new CancellationTokenSource();
        var dir = Path.Combine(root, "cancelled");
        var result = PpoRun.Train(Config("lstm"), new TrainingOptions
        {
            RunDirectory = dir, CancellationToken = cancel.Token,
            Progress = new InlineProgress<IterationProgress>(p => { if (p.Iteration == 1) cancel.Cancel(); }),
        });

        Assert.Equal(StopRequest.Cancelled, result.StopReason);
        Assert.Equal(4 * 12, result.GlobalStep);
        Assert.True(File.Exists(result.FinalCheckpoint));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.False((bool)summary["completed"]!);
        Assert.Equal(StopRequest.Cancelled, (string?)summary["stop_reason"]);

        var point = ResumePoint.Find(dir);
        var resumed = PpoRun.Resume(point, point.Header.Config);
        Assert.Null(resumed.StopReason);
        Assert.Equal(4 * 12 * 3, resumed.GlobalStep);
    }

    [Fact]
    public void EvaluatingTheFinalCheckpointWritesTheEvalFileTheCliWrites()
    {
        var result = PpoRun.Train(Config("ff"), new TrainingOptions { RunDirectory = Path.Combine(root, "eval") });
        var (evaluation, file) = EvaluationSession.Evaluate(result.FinalCheckpoint, new EvalOptions { Episodes = 5, Seed = 9 });

        Assert.Equal(Path.Combine(result.RunDirectory, "evals", EnvId + ".json"), file);
        Assert.Equal(EnvId, evaluation.Env);
        Assert.Equal(EnvId, evaluation.TrainEnv);
        Assert.Equal(5, evaluation.Returns.Length);
        Assert.Equal(evaluation.Mean, (double)JsonNode.Parse(File.ReadAllText(file!))!["mean"]!);
        // The same settings play the same games: the `eval` verb's numbers, reproducible.
        Assert.Equal(evaluation.Returns, EvaluationSession.Evaluate(result.FinalCheckpoint, new EvalOptions { Episodes = 5, Seed = 9 }).Result.Returns);
    }

    [Theory]
    [InlineData("GridPickup", "GridPickup")]
    [InlineData("gridpickup", "GridPickup")]
    [InlineData("Grid_Pickup", "GridPickup")]
    [InlineData("ApiTest-Recall-v0", EnvId)]
    public void AnIdThatIsTakenIsRefusedNamingTheEnvThatHasIt(string id, string taken)
    {
        _ = Registration.Value;
        int before = EnvRegistry.Default.All.Count;
        var error = Assert.Throws<EnvIdClashException>(() => EnvRegistry.Default.Register(id, "clash", _ => new RecallEnv()));
        Assert.Equal(taken, error.Taken.Id);
        Assert.StartsWith($"env id '{id}' clashes with the registered env '{taken}' (", error.Message);
        Assert.EndsWith("; register it under another id", error.Message);
        Assert.Equal(before, EnvRegistry.Default.All.Count);
    }
}
