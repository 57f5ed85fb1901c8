using Rims.Agents.Comparison;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Ppo;

namespace Rims.Agents.Tests.Comparison;

/// <summary>
/// The same comparison run again: finished runs are kept untouched, an interrupted run resumes from its checkpoint
/// and ends as if never stopped, a missing run is trained, and a folder trained with other settings stops the
/// comparison before any training.
/// </summary>
public class CompareResumeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-compare-resume-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private ComparisonPlan Plan(PpoConfig? config = null) => new()
    {
        Base = config ?? new PpoConfig
        {
            Env = "GridPickup", TotalSteps = 2 * 16 * 4, NumEnvs = 2, NumSteps = 16, NumMinibatches = 1, Features = 16, Hidden = 16,
            Threads = 1, SaveEvery = 2,
        },
        Cores = ["lstm"],
        Seeds = 3,
        EvalEpisodes = 2,
        Name = "again",
        RunsRoot = root,
    };

    [Fact]
    public void RunningTheSameComparisonAgainKeepsFinishedRunsResumesInterruptedOnesAndTrainsMissingOnes()
    {
        var plan = Plan();
        var folders = ComparisonRunner.Run(plan, "compare", _ => { });
        Assert.Equal(Path.Combine(root, "again", "GridPickup__lstm__1"), folders[0]);
        string finished = folders[0], interrupted = folders[1], missing = folders[2];
        var reference = Path.Combine(root, "reference");
        Directory.Move(interrupted, reference);
        Directory.Delete(missing, recursive: true);
        // The interrupted run: trained to its iteration-2 checkpoint, then stopped.
        var stop = new StopRequest();
        PpoRun.Train(plan.Runs().ElementAt(1), new TrainingOptions
        {
            Command = "compare", RunDirectory = interrupted, Stop = stop,
            Progress = new InlineProgress<IterationProgress>(p => { if (p.Iteration == 2) stop.Request("test"); }),
        });
        File.Delete(Path.Combine(interrupted, "checkpoints", "final.ckpt"));
        var finishedLog = File.ReadAllText(Path.Combine(finished, "run.log"));
        var finishedEval = File.GetLastWriteTimeUtc(Path.Combine(finished, "evals", "GridPickup.json"));

        var lines = new List<string>();
        Assert.Equal(folders, ComparisonRunner.Run(plan, "compare", lines.Add));

        Assert.Contains(lines, l => l.StartsWith("kept lstm seed 1", StringComparison.Ordinal));
        // Each run says only what is done with it: kept, resumed, or trained.
        Assert.DoesNotContain(lines, l => l.StartsWith("training lstm seed 1", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("training lstm seed 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("training lstm seed 3", StringComparison.Ordinal));
        Assert.Equal(finishedLog, File.ReadAllText(Path.Combine(finished, "run.log")));
        Assert.Equal(finishedEval, File.GetLastWriteTimeUtc(Path.Combine(finished, "evals", "GridPickup.json")));
        Assert.Contains(lines, l => l.StartsWith("resuming lstm seed 2", StringComparison.Ordinal));
        ComparableRunFiles.AssertSameRun(reference, interrupted);
        Assert.True(File.Exists(Path.Combine(interrupted, "evals", "GridPickup.json")));
        Assert.True(File.Exists(Path.Combine(missing, "summary.json")));
        Assert.True(File.Exists(Path.Combine(missing, "evals", "GridPickup.json")));
    }

    [Fact]
    public void AFolderTrainedWithOtherSettingsStopsTheComparisonBeforeAnyTraining()
    {
        var plan = Plan();
        var folders = ComparisonRunner.Run(plan with { Seeds = 1 }, "compare", _ => { });
        var changed = plan with { Base = plan.Base with { LearningRate = 0.1 } };
        var error = Assert.Throws<ArgumentException>(() => ComparisonRunner.Run(changed, "compare", _ => { }));
        Assert.Contains("--learning-rate", error.Message);
        Assert.Contains(folders[0], error.Message);
        Assert.EndsWith("; to compare other settings, give another --name", error.Message);
        Assert.False(Directory.Exists(changed.RunDirectory(changed.Runs().ElementAt(1))));
    }

    [Fact]
    public void ARunCopiedInUnderAnotherSeedsNameIsNamedAsSuchNotAsOtherSettings()
    {
        var plan = Plan() with { Seeds = 2 };
        var folders = ComparisonRunner.Run(plan with { FirstSeed = 2, Seeds = 1 }, "compare", _ => { });
        // Seed 2's run copied to seed 1's folder (merging runs by hand).
        Directory.CreateDirectory(Path.GetDirectoryName(plan.RunDirectory(plan.Runs().First()))!);
        CopyFolder(folders[0], plan.RunDirectory(plan.Runs().First()));
        var error = Assert.Throws<InvalidDataException>(() => ComparisonRunner.Run(plan, "compare", _ => { }));
        Assert.Contains("holds the run of lstm seed 2, not of lstm seed 1 as its name says", error.Message);
        Assert.DoesNotContain("another --name", error.Message);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public void AStopRequestStopsTheRunningRunWithACheckpointStartsNoOtherAndTheNextAttemptFinishes()
    {
        var plan = Plan() with { Seeds = 2 };
        var stop = new StopRequest();
        var folders = ComparisonRunner.Run(plan, "compare", line => { if (line.StartsWith("training lstm seed 1", StringComparison.Ordinal)) stop.Request("SIGTERM"); }, stop);
        Assert.True(File.Exists(Path.Combine(folders[0], "checkpoints", "final.ckpt")));
        Assert.Equal("SIGTERM", System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folders[0], "summary.json")))!["stop_reason"]!.GetValue<string>());
        Assert.False(Directory.Exists(Path.Combine(folders[0], "evals")));
        Assert.False(Directory.Exists(folders[1]));

        ComparisonRunner.Run(plan, "compare", _ => { });
        var reference = Path.Combine(root, "reference");
        PpoRun.Train(plan.Runs().First(), new TrainingOptions { Command = "compare", RunDirectory = reference });
        ComparableRunFiles.AssertSameRun(reference, folders[0]);
        Assert.True(File.Exists(Path.Combine(folders[1], "evals", "GridPickup.json")));
    }

    [Fact]
    public void RunAgainWithMoreEvaluationEpisodesAFinishedRunIsEvaluatedAgainNotKeptWithItsOldCount()
    {
        var plan = Plan() with { Seeds = 1 };
        var folder = ComparisonRunner.Run(plan, "compare", _ => { })[0];
        var evalFile = Path.Combine(folder, "evals", "GridPickup.json");
        Assert.Equal(2, RunJson.Read<EvalResult>(evalFile).Episodes);
        Assert.True(ComparisonRunner.IsComplete(plan.Runs().First(), folder, plan.EvalEnvs, 2));
        Assert.False(ComparisonRunner.IsComplete(plan.Runs().First(), folder, plan.EvalEnvs, 3));

        var lines = new List<string>();
        ComparisonRunner.Run(plan with { EvalEpisodes = 3 }, "compare", lines.Add);
        Assert.Contains(lines, l => l.StartsWith("kept lstm seed 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("evaluated lstm seed 1 on GridPickup (3 episodes)", StringComparison.Ordinal));
        Assert.Equal(3, RunJson.Read<EvalResult>(evalFile).Episodes);
        // Re-evaluating replaces the old file, and says so (report would have called it damaged).
        Assert.Contains(lines, l => l.StartsWith("evaluating lstm seed 1 on GridPickup again: ", StringComparison.Ordinal) && l.Contains(evalFile));

        // An unreadable evaluation is made again the same way, not refused: it is derived from the checkpoint.
        File.WriteAllText(evalFile, "{ damaged");
        lines.Clear();
        ComparisonRunner.Run(plan with { EvalEpisodes = 3 }, "compare", lines.Add);
        Assert.Contains(lines, l => l.Contains("is unreadable or of another episode count", StringComparison.Ordinal));
        Assert.Equal(3, RunJson.Read<EvalResult>(evalFile).Episodes);

        // So is valid JSON whose returns do not match its episodes (report refuses it the same way: EvalResult.Read).
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(evalFile))!.AsObject();
        node["returns"] = new System.Text.Json.Nodes.JsonArray();
        File.WriteAllText(evalFile, node.ToJsonString());
        lines.Clear();
        ComparisonRunner.Run(plan with { EvalEpisodes = 3 }, "compare", lines.Add);
        Assert.Contains(lines, l => l.Contains("is unreadable or of another episode count", StringComparison.Ordinal));
        Assert.Equal(3, EvalResult.Read(evalFile).Returns.Length);

        // A finished run whose summary.json is gone is resumed (nothing to train), not "extended" to the same total.
        File.Delete(Path.Combine(folder, "summary.json"));
        lines.Clear();
        ComparisonRunner.Run(plan with { EvalEpisodes = 3 }, "compare", lines.Add);
        Assert.Contains(lines, l => l.StartsWith("resuming lstm seed 1 from ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("extending", StringComparison.Ordinal));
        Assert.True(File.Exists(evalFile));
    }

    [Fact]
    public void RunAgainWithALargerTotalAFinishedRunIsExtendedAndSaysSo()
    {
        var plan = Plan() with { Seeds = 1 };
        ComparisonRunner.Run(plan, "compare", _ => { });
        var lines = new List<string>();
        ComparisonRunner.Run(plan with { Base = plan.Base with { TotalSteps = plan.Base.TotalSteps * 2 } }, "compare", lines.Add);
        Assert.Contains(lines, l => l.StartsWith("extending lstm seed 1 from 128 to 256 agent steps", StringComparison.Ordinal));
    }
}
