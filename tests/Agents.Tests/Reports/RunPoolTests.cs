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
        Assert.Contains($"{a} and {b} are all lstm seed 1", error.Message);
        // The same folder twice is the same seed twice.
        Assert.Throws<ArgumentException>(() => RunPool.Read([a, a]));
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

        var complete = File.ReadAllText(ReportBuilder.Build([done], Path.Combine(root, "complete"), "complete"));
        Assert.DoesNotContain("Incomplete", complete);
    }
}
