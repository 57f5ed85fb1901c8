using System.Text.Json.Nodes;
using Rims.Agents.Comparison;
using Rims.Agents.Reports;
using Rims.Agents.Tests.Reports;

namespace Rims.Agents.Tests.Comparison;

/// <summary>
/// A comparison split by seeds (compare --first-seed) ends with one report over every seed in runs/NAME that pools
/// with its own runs, not with each part's seeds only.
/// </summary>
public sealed class ComparisonReportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-comparison-report-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Run(string core, int seed, int totalSteps = 100, string env = "GridPickup", int? folderSeed = null) =>
        FakeRun.Write(Path.Combine(root, "c", $"{env}__{core}__{folderSeed ?? seed}"), env, core, seed, settings: new JsonObject { ["total_steps"] = totalSteps });

    [Fact]
    public void OtherSeedsOfTheSameEnvAndCoresArePooledInCoreAndSeedOrder()
    {
        string[] own = [Run("lstm", 3), Run("rims", 3)];
        var rims10 = Run("rims", 10);
        var lstm1 = Run("lstm", 1);
        var rims1 = Run("rims", 1);
        Run("gru", 1);                                     // a core this comparison does not train
        Run("lstm", 2, env: "GridPickup-Novel");           // another env
        Directory.CreateDirectory(Path.Combine(root, "c", "notes"));
        var log = new List<string>();
        var leftOut = new List<string>();
        Assert.Equal([.. own, lstm1, rims1, rims10], ComparisonReport.Folders(own, log.Add, leftOut));
        Assert.Equal(3, log.Count);
        Assert.Empty(leftOut);
        Assert.All(log, line => Assert.StartsWith("the report also pools ", line));
    }

    [Fact]
    public void ARunOfOtherSettingsIsLeftOutAndTheLogAndTheReportSayWhy()
    {
        string[] own = [Run("lstm", 2)];
        var longer = Run("lstm", 1, totalSteps: 200);
        var log = new List<string>();
        var leftOut = new List<string>();
        Assert.Equal(own, ComparisonReport.Folders(own, log.Add, leftOut));
        var line = Assert.Single(log);
        Assert.StartsWith($"left out of the report: {longer}: ", line);
        Assert.Contains("differ in --total-steps (100 vs 200)", line);
        // compare takes neither --variant nor --allow-mixed: the advice is report's, said to be.
        Assert.Contains("`report` can pool these with --variant or --allow-mixed", line);
        Assert.DoesNotContain("pass --allow-mixed", line);
        Assert.Equal([$"{longer}: {line[($"left out of the report: {longer}: ").Length..]}"], leftOut);

        var report = File.ReadAllText(ComparisonReport.Write(own, Path.Combine(root, "reports", "c"), "c", _ => { }));
        Assert.Contains($"Runs of this comparison's folder left out of this report:\n\n- {longer}: ", report.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ACopiedRunOfASeedAlreadyPooledIsLeftOutNotAnError()
    {
        string[] own = [Run("lstm", 1)];
        var two = Run("lstm", 2);
        var copy = Run("lstm", 2, folderSeed: 7);          // seed 2's run copied in under another name
        var log = new List<string>();
        var leftOut = new List<string>();
        Assert.Equal([.. own, two], ComparisonReport.Folders(own, log.Add, leftOut));
        Assert.Contains($"{two} and {copy} are both lstm seed 2", Assert.Single(leftOut));
    }

    [Fact]
    public void ComparisonRunsThatDoNotPoolAreTheirOwnErrorAndNoOtherSeedIsBlamed()
    {
        string[] own = [Run("lstm", 3, totalSteps: 200), Run("rims", 3)];
        Run("lstm", 1);
        var log = new List<string>();
        Assert.IsType<SettingsDifferException>(Assert.ThrowsAny<ArgumentException>(() => ComparisonReport.Folders(own, log.Add, new List<string>())));
        Assert.Empty(log);
    }

    [Fact]
    public void TheWrittenReportCountsEverySeed()
    {
        string[] own = [Run("lstm", 2), Run("rims", 2)];
        Run("lstm", 1);
        Run("rims", 1);
        var report = ComparisonReport.Write(own, Path.Combine(root, "reports", "c"), "c", _ => { });
        Assert.Contains("Runs: 4 (lstm x 2 seeds, rims x 2 seeds)", File.ReadAllText(report));
        Assert.DoesNotContain("left out of this report", File.ReadAllText(report));
    }
}
