using Rims.Agents.Cli;
using Rims.Agents.Tests.Cli;

namespace Rims.Agents.Tests.Reports;

/// <summary>`report --baseline` on the command line.</summary>
[Collection("Console")]
public class ReportCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-report-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

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
        // No evaluations: the training scores (mean_return_last_100 = 0.5 for both) are compared, and tie.
        Assert.Contains("| GridPickup | 1, 1 | 0.500 | [0.500, 0.500] |", File.ReadAllText(Path.Combine(root, "out", "report.md")));
        Assert.Contains("P(lstm > rims)", File.ReadAllText(Path.Combine(root, "out", "report.md")));
    }
}
