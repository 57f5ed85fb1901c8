using System.Text.Json.Nodes;
using Rims.Agents.Cli;
using Rims.Agents.Tests.Cli;

namespace Rims.Agents.Tests.Reports;

/// <summary>`report --baseline` and `report --by` on the command line.</summary>
[Collection("Console")]
public class ReportCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-report-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void AReportFolderGivenAsARunSaysWhereItsRunsAre()
    {
        var report = Directory.CreateDirectory(Path.Combine(root, "report")).FullName;
        File.WriteAllText(Path.Combine(report, "report.md"), "# report");
        FakeRun.Write(Path.Combine(report, "runs", "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
        var (exit, error, _) = CapturedCli.Run("report", report, "--out", Path.Combine(root, "out"));
        Assert.Equal(1, exit);
        Assert.Equal($"error: {report} is not a run folder (no config.json): give the folders ppo or compare wrote; it is a report folder: its runs are {Path.Combine(report, "runs")}/*; " +
                     "its report.md lists every run it pooled and the command that built it under Provenance", error.Trim());
    }

    [Fact]
    public void ASweepReportFolderGivenAsARunSaysItsRunsAreOneLevelDeeper()
    {
        var report = Directory.CreateDirectory(Path.Combine(root, "sweep")).FullName;
        File.WriteAllText(Path.Combine(report, "report.md"), "# report");
        FakeRun.Write(Path.Combine(report, "runs", "lr1e-3", "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
        FakeRun.Write(Path.Combine(report, "runs", "lr5e-4", "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
        var (exit, error, _) = CapturedCli.Run("report", report, "--out", Path.Combine(root, "out"));
        Assert.Equal(1, exit);
        Assert.Contains($"; it is a report folder: its runs are {Path.Combine(report, "runs")}/*/*;", error.Trim());
    }

    [Fact]
    public void ACompareFolderGivenAsARunNamesTheRunFoldersInIt()
    {
        var comparison = Path.Combine(root, "gridpickup");
        FakeRun.Write(Path.Combine(comparison, "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
        var (exit, error, _) = CapturedCli.Run("report", comparison, "--out", Path.Combine(root, "out"));
        Assert.Equal(1, exit);
        Assert.Equal($"error: {comparison} is not a run folder (no config.json): give the folders ppo or compare wrote; it holds run folders: {comparison}/*", error.Trim());
    }

    [Fact]
    public void RunsAtTwoLevelsGetNoGlobThatWouldMatchTheShallowRunsFiles()
    {
        var runs = Path.Combine(root, "mixed");
        FakeRun.Write(Path.Combine(runs, "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
        FakeRun.Write(Path.Combine(runs, "group", "GridPickup__rims__1"), "GridPickup", "rims", 1);
        var (exit, error, _) = CapturedCli.Run("report", runs, "--out", Path.Combine(root, "out"));
        Assert.Equal(1, exit);
        Assert.EndsWith($"; it holds run folders: 1 run folder one level down, e.g. {Path.Combine(runs, "GridPickup__lstm__1")} and " +
                        $"1 run folder two levels down, e.g. {Path.Combine(runs, "group", "GridPickup__rims__1")}", error.Trim());
    }

    /// <summary>A glob that would also match other files is not offered: the default runs/ root holds reports and logs beside runs.</summary>
    [Fact]
    public void AFolderHoldingRunsAndOtherThingsNamesExamplesNotAGlob()
    {
        var runs = Path.Combine(root, "runs");
        FakeRun.Write(Path.Combine(runs, "cmp", "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
        FakeRun.Write(Path.Combine(runs, "cmp", "GridPickup__rims__1"), "GridPickup", "rims", 1);
        File.WriteAllText(Path.Combine(root, "runs", "cmp.log"), "");
        Directory.CreateDirectory(Path.Combine(runs, "reports", "cmp"));
        var (exit, error, _) = CapturedCli.Run("report", runs, "--out", Path.Combine(root, "out"));
        Assert.Equal(1, exit);
        Assert.EndsWith($"; it holds run folders: 2 run folders two levels down, e.g. {Path.Combine(runs, "cmp", "GridPickup__lstm__1")}, {Path.Combine(runs, "cmp", "GridPickup__rims__1")}", error.Trim());
    }

    [Fact]
    public void ABaselineThatIsNotACoreOfTheRunsIsOneLineAndExitCode2()
    {
        var lstm = FakeRun.Write(Path.Combine(root, "a"), "GridPickup", "lstm", 1);
        var rims = FakeRun.Write(Path.Combine(root, "b"), "GridPickup", "rims", 1);
        var (exit, error, _) = CapturedCli.Run("report", lstm, rims, "--out", Path.Combine(root, "out"), "--baseline", "gru");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Equal("error: --baseline gru is not a core of these runs; use one of lstm, rims", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(root, "out")));

        (exit, _, _) = CapturedCli.Run("report", lstm, rims, "--out", Path.Combine(root, "out"), "--baseline", "rims");
        Assert.Equal(0, exit);
        // No evaluations: the training scores (mean_return_last_100 = 0.5 for both) are compared, and tie; one run each has no CI.
        Assert.Contains("| GridPickup | 1, 1 | 0.500 | n/a |", File.ReadAllText(Path.Combine(root, "out", "report.md")));
        Assert.Contains("P(lstm > rims)", File.ReadAllText(Path.Combine(root, "out", "report.md")));
        // Provenance records the options it was built with, so it can be rebuilt as it was.
        Assert.Contains($"Built with: `report RUN_FOLDERS --out {Path.Combine(root, "out")} --baseline rims`", File.ReadAllText(Path.Combine(root, "out", "report.md")));
        // ... quoted for bash, so a folder with a space is one word when the command is pasted again.
        var spaced = Path.Combine(root, "my out");
        (exit, _, _) = CapturedCli.Run("report", lstm, rims, "--out", spaced);
        Assert.Equal(0, exit);
        Assert.Contains($"Built with: `report RUN_FOLDERS --out '{spaced}'`", File.ReadAllText(Path.Combine(spaced, "report.md")));
    }

    [Fact]
    public void BySweepsOverASettingAndAnUnknownOneIsExitCode2()
    {
        var runs = new List<string>();
        foreach (var (rate, seed) in new[] { (0.0003, 1), (0.001, 1), (0.001, 2) })
            foreach (var core in new[] { "lstm", "rims" })
                runs.Add(FakeRun.Write(Path.Combine(root, $"{core}-{rate}-{seed}"), "GridPickup", core, seed, settings: new() { ["learning_rate"] = rate }));
        var output = Path.Combine(root, "sweep");
        var (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output, "--by", "learning-rat"]);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Equal("error: --by learning-rat is not a PPO setting a sweep can vary; did you mean learning-rate?", error.Trim());
        Assert.False(Directory.Exists(output));

        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output]);
        Assert.Equal(CliRunner.UsageError, exit); // without --by: one seed twice
        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output, "--by", "learning-rate"]);
        Assert.Equal(0, exit);
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        // FakeRun: no evaluations, no success rate in summary.json, mean_return_last_100 = 0.5 for every run: all tie,
        // and the first value in numeric order is marked best. A value run with one seed has no CI (n/a).
        Assert.Contains("## Sweep over --learning-rate", markdown);
        Assert.Contains("Runs: 6 (lstm x 3 runs over 2 seeds, rims x 3 runs over 2 seeds)", markdown);
        Assert.Contains("seeds per core: lstm 2, rims 2.", markdown);
        Assert.Contains("| lstm | 0.0003 | 1 | 0.500 | 0.500 | n/a | **best** |", markdown);
        Assert.Contains("| lstm | 0.001 | 2 | 0.500 | 0.500 | [0.500, 0.500] |  |", markdown);
        Assert.Contains("| rims | 0.0003 | 1 | 0.500 | 0.500 | n/a | **best** |", markdown);

        // --variant over the swept setting as well: every other table has a row per (core, value), and the sweep table
        // still chooses per core.
        var split = Path.Combine(root, "sweep-split");
        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", split, "--by", "learning-rate", "--variant", "learning-rate"]);
        Assert.True(exit == 0, error);
        markdown = File.ReadAllText(Path.Combine(split, "report.md"));
        Assert.Contains("| lstm | 0.0003 | 1 | 0.500 | 0.500 | n/a | **best** |", markdown);
        Assert.Contains("| lstm | 0.001 | 2 | 0.500 | 0.500 | [0.500, 0.500] |  |", markdown);
        Assert.Contains("| lstm --learning-rate 0.001 | GridPickup | 2 |", markdown);
        Assert.Contains("| rims --learning-rate 0.0003 | GridPickup | 1 |", markdown);
        Assert.Contains("The other tables of this report show each value of --learning-rate apart (--variant).", markdown);
    }

    [Fact]
    public void VariantReportsAnAblationAsCoresOfItsOwnAndAnUnknownSettingIsExitCode2()
    {
        // lstm, rims at the defaults, rims with k_A = K and rims with the fan-in initialisation: seed 1 of each.
        var runs = new List<string>
        {
            FakeRun.Write(Path.Combine(root, "lstm"), "GridPickup", "lstm", 1),
            FakeRun.Write(Path.Combine(root, "rims"), "GridPickup", "rims", 1, settings: new() { ["rims"] = new JsonObject { ["active"] = 4, ["init"] = "authors" } }),
            FakeRun.Write(Path.Combine(root, "rims-k6"), "GridPickup", "rims", 1, settings: new() { ["rims"] = new JsonObject { ["active"] = 6, ["init"] = "authors" } }),
            FakeRun.Write(Path.Combine(root, "rims-fanin"), "GridPickup", "rims", 1, settings: new() { ["rims"] = new JsonObject { ["active"] = 4, ["init"] = "fan-in" } }),
        };
        var output = Path.Combine(root, "ablation");
        var (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output]);
        Assert.Equal(CliRunner.UsageError, exit); // rims seed 1 three times
        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output, "--variant", "rims-activ"]);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Equal("error: --variant rims-activ is not a PPO setting a variant can vary; did you mean rims-active?", error.Trim());
        // One variant setting only: the fan-in run is a second 'rims' seed 1 and differs in --rims-init.
        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output, "--variant", "rims-active"]);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("are both rims seed 1", error);
        // The refusal points at the setting they differ in and at --variant.
        Assert.Contains("(they differ in --rims-init: for an ablation, report them as variants with --variant rims-init)", error);

        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--out", output, "--variant", "rims-active", "--variant", "--rims-init"]);
        Assert.True(exit == 0, error);
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("Runs: 4 (lstm x 1 seed, rims x 1 seed, rims --rims-active 6 x 1 seed, rims --rims-init fan-in x 1 seed)", markdown);
        Assert.Contains("Variants (rims --rims-active 6, rims --rims-init fan-in):", markdown);
        // Every variant is compared with the baseline as a core is.
        Assert.Contains("P(rims --rims-active 6 > lstm)", markdown);
        Assert.Contains("| rims --rims-init fan-in | ", markdown);

        // A --rims-* sweep leaves the lstm runs out of its table (their config's rims block was never used).
        (exit, error, _) = CapturedCli.Run(["report", runs[0], runs[1], runs[2], "--out", Path.Combine(root, "k-sweep"), "--by", "rims-active"]);
        Assert.True(exit == 0, error);
        markdown = File.ReadAllText(Path.Combine(root, "k-sweep", "report.md"));
        Assert.Contains("| rims | 4 | 1 |", markdown);
        Assert.Contains("| rims | 6 | 1 |", markdown);
        Assert.DoesNotContain("| lstm | ", markdown.Split("## Sweep")[1].Split("## Cost")[0]);
    }
}
