using Rims.Agents.Comparison;
using Rims.Agents.Comparison.Slurm;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Comparison.Slurm;

/// <summary>
/// Submission and status against a fake Slurm over real run folders: only runs neither complete nor queued are
/// submitted, the report waits for every array, and each run's state comes from squeue and its folder.
/// </summary>
public class SlurmBackendTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-slurm-backend-").FullName;
    private readonly FakeSlurm slurm = new();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private ComparisonPlan Plan(int seeds) => new()
    {
        Base = new PpoConfig
        {
            Env = "GridPickup", TotalSteps = 2 * 16 * 2, NumEnvs = 2, NumSteps = 16, NumMinibatches = 1, Features = 16, Hidden = 16, Threads = 1,
        },
        Cores = ["lstm"],
        Seeds = seeds,
        EvalEpisodes = 2,
        Name = "tiny",
        RunsRoot = root,
    };

    private SlurmBackend Backend() => new(slurm, ["/opt/rims/Agents"], "/home/me");

    /// <summary>Seeds 1..3 trained and evaluated; then seed 2's folder is deleted and seed 3's evaluation.</summary>
    private ComparisonPlan PartlyDone(int seeds)
    {
        var plan = Plan(seeds);
        var folders = ComparisonRunner.Run(plan with { Seeds = 3 }, "compare", _ => { });
        Directory.Delete(folders[1], recursive: true);
        File.Delete(Path.Combine(folders[2], "evals", "GridPickup.json"));
        return plan;
    }

    [Fact]
    public void AFreshComparisonSubmitsEveryRunThenTheReportAfterTheArray()
    {
        var plan = Plan(seeds: 2);
        var submission = Backend().Submit(plan, SbatchOptions.Parse(["partition=short"]), "compare --env GridPickup", dryRun: false);

        var layout = new SlurmLayout(plan);
        Assert.Equal([0, 1], submission.Tasks);
        Assert.Equal(12, submission.ArrayJobId);
        Assert.Equal(13, submission.ReportJobId);
        Assert.Equal(["--parsable", layout.ArrayScript], slurm.Sbatch[0].Arguments);
        Assert.Equal(["--parsable", "--dependency=afterok:12", layout.ReportScript], slurm.Sbatch[1].Arguments);
        Assert.Equal(submission.ArrayScript, File.ReadAllText(layout.ArrayScript));
        Assert.Contains("#SBATCH --partition=short", submission.ArrayScript);
        Assert.Equal(submission.ReportScript, File.ReadAllText(layout.ReportScript));
        var task1 = RunJson.Read<PpoConfig>(layout.ConfigFile(1));
        Assert.Equal(plan.Runs().ElementAt(1), task1 with { EnvOptions = plan.Base.EnvOptions });
        Assert.True(Directory.Exists(Path.GetDirectoryName(layout.TaskLog(0))));
    }

    [Fact]
    public void AComparisonSplitByFirstSeedSubmitsItsOwnSeedsIntoTheirOwnFolders()
    {
        // Seeds 1-3 on one cluster, --first-seed 4 --seeds 2 on this one: tasks 0 and 1 are seeds 4 and 5.
        var plan = Plan(seeds: 2) with { FirstSeed = 4 };
        var submission = Backend().Submit(plan, SbatchOptions.Parse([]), "compare --env GridPickup --first-seed 4 --seeds 2", dryRun: false);
        var layout = new SlurmLayout(plan);
        Assert.Equal([0, 1], submission.Tasks);
        Assert.Equal([4, 5], new[] { 0, 1 }.Select(i => RunJson.Read<PpoConfig>(layout.ConfigFile(i)).Seed));
        Assert.EndsWith("GridPickup__lstm__4", layout.RunFolder(0));
        Assert.EndsWith("GridPickup__lstm__5", layout.RunFolder(1));
        Assert.Equal([4, 5], plan.Runs().Select(r => r.Seed));
    }

    [Fact]
    public void AgainOnlyRunsNeitherCompleteNorQueuedAreSubmittedAndTheReportWaitsForTheOlderArrayToo()
    {
        var plan = PartlyDone(seeds: 5);
        // Seed 4 (task 3) is still pending from array job 7; seed 5 (task 4) was never submitted.
        slurm.Queue = "7|3|PENDING|Priority\n";
        var submission = Backend().Submit(plan, [], "compare", dryRun: false);

        Assert.Equal([1, 2, 4], submission.Tasks);
        Assert.Contains("#SBATCH --array=1,2,4\n", submission.ArrayScript);
        Assert.Equal(["--parsable", "--dependency=afterok:12:7", new SlurmLayout(plan).ReportScript], slurm.Sbatch[1].Arguments);
        Assert.Contains(slurm.Calls, c => c.File == "squeue" && c.Arguments.Contains("--name=rims-tiny") && c.Arguments.Contains("--array"));
    }

    [Fact]
    public void ADryRunRendersWithoutWritingOrSubmittingAndACompleteComparisonSubmitsNothing()
    {
        var plan = PartlyDone(seeds: 3);
        var dry = Backend().Submit(plan, [], "compare", dryRun: true);
        Assert.Equal([1, 2], dry.Tasks);
        Assert.Empty(slurm.Sbatch);
        Assert.False(File.Exists(new SlurmLayout(plan).ArrayScript));

        ComparisonRunner.Run(plan, "compare", _ => { });
        var again = Backend().Submit(plan, [], "compare", dryRun: false);
        Assert.True(again.AllComplete);
        Assert.Empty(slurm.Sbatch);
    }

    [Fact]
    public void ADryRunAwayFromTheClusterAssumesAnEmptyQueueButASubmissionNeedsSqueue()
    {
        var plan = Plan(seeds: 1);
        var noSlurm = new SlurmBackend(new MissingSlurm(), ["/opt/rims/Agents"], "/home/me");
        var dry = noSlurm.Submit(plan, [], "compare", dryRun: true);
        Assert.Equal([0], dry.Tasks);
        Assert.Contains("squeue is not on PATH", dry.QueueWarning);
        Assert.Throws<SlurmCommandException>(() => noSlurm.Submit(plan, [], "compare", dryRun: false));
    }

    [Fact]
    public void StatusSaysPendingRunningFinishedFailedWithTheLogsLastLinesAndMissing()
    {
        var plan = PartlyDone(seeds: 5);
        var layout = new SlurmLayout(plan);
        // Task 2 (trained, evaluation lost) ran under Slurm and left a log; tasks 1 and 3 are queued; task 4 never ran.
        Directory.CreateDirectory(Path.GetDirectoryName(layout.TaskLog(2))!);
        File.WriteAllLines(layout.TaskLog(2), Enumerable.Range(1, 15).Select(i => $"line {i}"));
        slurm.Queue = "7|1|RUNNING|None\n7|3|PENDING|BeginTime\n";

        var statuses = Backend().Status(plan);

        Assert.Equal([RunState.Finished, RunState.Running, RunState.Failed, RunState.Pending, RunState.Missing], statuses.Select(s => s.State));
        Assert.Equal("GridPickup__lstm__3", statuses[2].Name);
        Assert.Equal(Enumerable.Range(6, 10).Select(i => $"line {i}"), statuses[2].LogTail);
        Assert.Contains("not evaluated", statuses[2].Detail);
        Assert.Contains("BeginTime", statuses[3].Detail);
        Assert.Contains("array job 7 task 1", statuses[1].Detail);
        Assert.Empty(statuses[0].LogTail);

        // Task 4 fails before its run folder exists: failed, with its task log.
        File.WriteAllText(layout.TaskLog(4), "error: the ROM folder does not exist\n");
        var failed = Backend().Status(plan)[4];
        Assert.Equal(RunState.Failed, failed.State);
        Assert.Equal("failed before training started", failed.Detail);
        Assert.Equal(["error: the ROM folder does not exist"], failed.LogTail);
    }

    [Fact]
    public void SqueueLinesAreParsedAndJobsOutsideArraysSkipped()
    {
        var tasks = SlurmQueue.Parse("12|0|RUNNING|None\n12|4|PENDING|Resources\n13|N/A|PENDING|Dependency\n");
        Assert.Equal([new QueuedTask(12, 0, "RUNNING", "None"), new QueuedTask(12, 4, "PENDING", "Resources")], tasks);
        Assert.True(tasks[0].IsRunning);
        Assert.False(tasks[1].IsRunning);
        Assert.Throws<SlurmCommandException>(() => SlurmQueue.Parse("12_0 RUNNING"));
    }

    [Fact]
    public void AFailedSlurmCommandIsReportedByItsLastLine()
    {
        var output = new ProcessOutput(1, "", "squeue: error: fetch_config: DNS SRV lookup failed\nsqueue: fatal: Could not establish a configuration source\n");
        Assert.Equal("squeue: fatal: Could not establish a configuration source", output.LastLine);
        Assert.Equal("12", new ProcessOutput(0, "12\n", "").LastLine);
    }

    private sealed class MissingSlurm : IProcessRunner
    {
        public ProcessOutput Run(string fileName, IReadOnlyList<string> arguments) => throw new SlurmCommandException($"{fileName} is not on PATH");
    }
}
