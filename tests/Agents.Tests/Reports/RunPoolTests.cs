using System.Text.Json.Nodes;
using Rims.Agents.Reports;

namespace Rims.Agents.Tests.Reports;

public class RunPoolTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-pool-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Run(string name, string env, string core, int seed, bool? completed = true) =>
        FakeRun.Write(Path.Combine(root, name), env, core, seed, completed);

    [Fact]
    public void RunsOfDifferentEnvsAreNotPooled()
    {
        var a = Run("a", "GridPickup", "lstm", 1);
        var b = Run("b", "GridPickup-Novel", "lstm", 2);
        var error = Assert.Throws<ArgumentException>(() => RunPool.Read([a, b]));
        Assert.Contains($"GridPickup: {a}", error.Message);
        Assert.Contains($"GridPickup-Novel: {b}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ASeedCountsOnce()
    {
        var a = Run("a", "GridPickup", "lstm", 1);
        var b = Run("b", "GridPickup", "LSTM", 1);
        var error = Assert.Throws<ArgumentException>(() => RunPool.Read([a, Run("c", "GridPickup", "lstm", 2), b]));
        Assert.Contains($"{a} and {b} are both lstm seed 1", error.Message);
        // The same folder twice is the same seed twice.
        Assert.Throws<ArgumentException>(() => RunPool.Read([a, a]));
    }

    [Fact]
    public void RunsOfDifferentBudgetsOrSettingsAreNotPooledUnlessAllowed()
    {
        var a = Run("a", "GridPickup", "lstm", 1);
        var b = FakeRun.Write(Path.Combine(root, "b"), "GridPickup", "rims", 1, settings: new() { ["total_steps"] = 200 });
        var error = Assert.Throws<SettingsDifferException>(() => RunPool.Read([a, b]));
        Assert.Contains($"{a} and {b} differ in --total-steps (100 vs 200)", error.Message);
        Assert.Equal($"{a} and {b} differ in --total-steps (100 vs 200)", error.Differences);
        Assert.Contains("--allow-mixed", error.Message);
        Assert.Equal(2, RunPool.Read([a, b], allowMixed: true).Count);

        // Any PPO setting, including one only the second run writes (absent reads as unset).
        var c = FakeRun.Write(Path.Combine(root, "c"), "GridPickup", "lstm", 2, settings: new() { ["learning_rate"] = 0.001 });
        Assert.Contains("differ in --learning-rate (unset vs 0.001)", Assert.Throws<SettingsDifferException>(() => RunPool.Read([a, c])).Message);

        // Every differing setting is named in one refusal, with the --variant options for all of them.
        var d = FakeRun.Write(Path.Combine(root, "d"), "GridPickup", "lstm", 3, settings: new() { ["learning_rate"] = 0.001, ["clip_coef"] = 0.2 });
        var both = Assert.Throws<SettingsDifferException>(() => RunPool.Read([a, d])).Message;
        Assert.Contains($"{a} and {d} differ in --learning-rate (unset vs 0.001), and also in --clip-coef (unset in {a} vs 0.2 in {d})", both);
        Assert.Contains("with --variant learning-rate --variant clip-coef, or pass --allow-mixed", both);
    }

    [Fact]
    public void ARimsRunFromBeforeRimsInitPoolsWithFanInRunsAndIsNamedFanIn()
    {
        JsonObject RimsSection(string? init) => init is null ? new() { ["units"] = 6 } : new() { ["units"] = 6, ["init"] = init };
        var old = FakeRun.Write(Path.Combine(root, "old"), "GridPickup", "rims", 1, settings: new() { ["rims"] = RimsSection(null) });
        var fanIn = FakeRun.Write(Path.Combine(root, "fan-in"), "GridPickup", "rims", 2, settings: new() { ["rims"] = RimsSection("fan-in") });
        var authors = FakeRun.Write(Path.Combine(root, "authors"), "GridPickup", "rims", 3, settings: new() { ["rims"] = RimsSection("authors") });
        Assert.Equal(2, RunPool.Read([old, fanIn]).Count);
        Assert.Contains("differ in --rims-init (\"fan-in\" vs \"authors\")", Assert.Throws<SettingsDifferException>(() => RunPool.Read([old, authors])).Message);
        Assert.Equal("rims --rims-init fan-in", RunPool.Read([old, authors], variants: [Rims.Agents.Settings.SettingTable.Named("--rims-init")])[0].Core);
    }

    [Fact]
    public void TheSweptSettingMayDifferAndASeedCountsOncePerValue()
    {
        var slow = FakeRun.Write(Path.Combine(root, "slow"), "GridPickup", "lstm", 1, settings: new() { ["learning_rate"] = 0.0003 });
        var fast = FakeRun.Write(Path.Combine(root, "fast"), "GridPickup", "lstm", 1, settings: new() { ["learning_rate"] = 0.001 });
        var learningRate = SettingSweep.Named("learning-rate");
        Assert.Equal(2, RunPool.Read([slow, fast], sweep: learningRate).Count);
        // Without --by the same runs are refused: one seed twice, and two learning rates.
        Assert.Throws<ArgumentException>(() => RunPool.Read([slow, fast]));
        // Only the swept setting may differ: another one is still refused.
        var otherClip = FakeRun.Write(Path.Combine(root, "clip"), "GridPickup", "lstm", 2, settings: new() { ["learning_rate"] = 0.001, ["clip_coef"] = 0.1 });
        Assert.Contains("differ in --clip-coef", Assert.Throws<SettingsDifferException>(() => RunPool.Read([slow, fast, otherClip], sweep: learningRate)).Message);
        // One seed twice at one value is still one seed twice.
        var again = FakeRun.Write(Path.Combine(root, "again"), "GridPickup", "lstm", 1, settings: new() { ["learning_rate"] = 0.001 });
        Assert.Contains($"{fast} and {again} are both lstm seed 1 on GridPickup with --learning-rate 0.001",
            Assert.Throws<ArgumentException>(() => RunPool.Read([slow, fast, again], sweep: learningRate)).Message);
    }

    [Fact]
    public void SeedThreadsRomsAndTheOtherCoresSettingsMayDiffer()
    {
        var lstm = FakeRun.Write(Path.Combine(root, "a"), "GridPickup", "lstm", 1, settings: new()
        {
            ["threads"] = 1, ["env_threads"] = 1, ["roms"] = "/x", ["rims"] = new JsonObject { ["units"] = 6 },
        });
        var rims2 = FakeRun.Write(Path.Combine(root, "b"), "GridPickup", "rims", 2, settings: new()
        {
            ["threads"] = 4, ["env_threads"] = 2, ["roms"] = "/y", ["rims"] = new JsonObject { ["units"] = 8 },
        });
        Assert.Equal(2, RunPool.Read([lstm, rims2]).Count);
        // Between two rims runs their RIMs settings must match.
        var rims3 = FakeRun.Write(Path.Combine(root, "c"), "GridPickup", "rims", 3, settings: new() { ["rims"] = new JsonObject { ["units"] = 6 } });
        Assert.Contains($"{rims2} and {rims3} differ in --rims-units (8 vs 6)",
            Assert.Throws<SettingsDifferException>(() => RunPool.Read([lstm, rims2, rims3])).Message);
    }

    [Fact]
    public void RunsThatDidNotCompleteAreMarkedInTheReport()
    {
        var done = Run("done", "GridPickup", "lstm", 1);
        var stopped = Run("stopped", "GridPickup", "lstm", 2, completed: false);
        var crashed = Run("crashed", "GridPickup", "lstm", 3, completed: null);
        var pool = RunPool.Read([done, stopped, crashed]);
        Assert.Equal([true, false, false], pool.Select(r => r.Completed));
        var report = File.ReadAllText(ReportBuilder.Build(pool, Path.Combine(root, "report"), "partial"));
        Assert.Contains("**Incomplete runs** (2 of 3", report);
        Assert.Contains($"- lstm seed 2 (`{stopped}`): completed: false after 40 of 100 steps", report);
        Assert.Contains($"- lstm seed 3 (`{crashed}`): no summary.json", report);
        Assert.DoesNotContain($"`{done}`)", report);
        // Cost over the runs that have a summary (the crashed one has none).
        Assert.Contains("| lstm | 10 | 10 | 0.0 |", report);

        var complete = File.ReadAllText(ReportBuilder.Build([done], Path.Combine(root, "complete"), "complete"));
        Assert.DoesNotContain("Incomplete", complete);
    }
}
