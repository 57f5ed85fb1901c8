using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Rims.Agents.Comparison;
using Rims.Agents.Tests.Ppo;

namespace Rims.Agents.Tests.Cli;

/// <summary>
/// The identity test through the real command line: `ppo` in a child process, killed with SIGKILL right after
/// an iteration checkpoint (or stopped with SIGTERM), then `ppo --resume` on its folder, ends with the same final
/// weights (bitwise), progress.csv rows (wall-clock and SPS columns aside) and episodes.csv as the same command
/// left alone.
/// </summary>
[Collection("Console")]
public class KillAndResumeTests : IDisposable
{
    private const int SigTerm = 15;
    private const int SigInt = 2;
    private readonly string root = Directory.CreateTempSubdirectory("rims-kill-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static readonly string[] Tiny =
        ["--num-envs", "2", "--num-steps", "16", "--num-minibatches", "1", "--threads", "1", "--features", "16", "--hidden", "16", "--save-every", "2"];

    [Theory]
    [InlineData("GridPickup", "lstm", 256)]
    [InlineData("GridPickup", "rims", 256)]
    [InlineData("DemonAttack", "lstm", 192)]
    public void ARunKilledAfterACheckpointAndResumedEndsAsTheRunLeftAlone(string env, string core, int totalSteps)
    {
        string[] args = ["ppo", "--env", env, "--core", core, "--total-steps", $"{totalSteps}", "--roms", TestData.RomsDirectory, .. Tiny];
        string straight = Path.Combine(root, "straight"), killed = Path.Combine(root, "killed");
        var (exit, error, _) = CapturedCli.Run([.. args, "--run-dir", straight]);
        Assert.True(exit == 0, error);

        using (var child = StartChild([.. args, "--run-dir", killed]))
        {
            WaitForFile(Path.Combine(killed, "checkpoints", "iter_000002.ckpt"), child);
            child.Kill();
            child.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(killed, "summary.json")));

        (exit, error, _) = CapturedCli.Run("ppo", "--resume", killed);
        Assert.True(exit == 0, error);
        ComparableRunFiles.AssertSameRun(straight, killed);
    }

    [Fact]
    public void SigtermCheckpointsWritesAnIncompleteSummaryExits143AndResumesIdentically()
    {
        string[] args = ["ppo", "--env", "GridPickup", "--core", "lstm", "--total-steps", "2048", .. Tiny];
        string straight = Path.Combine(root, "straight"), stopped = Path.Combine(root, "stopped");
        var (exit, error, _) = CapturedCli.Run([.. args, "--run-dir", straight]);
        Assert.True(exit == 0, error);

        using (var child = StartChild([.. args, "--run-dir", stopped]))
        {
            WaitForFile(Path.Combine(stopped, "checkpoints", "iter_000002.ckpt"), child);
            Assert.Equal(0, kill(child.Id, SigTerm));
            Assert.True(child.WaitForExit(60_000), "the child did not stop within a minute of SIGTERM");
            Assert.Equal(143, child.ExitCode);
        }
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(stopped, "summary.json")))!;
        Assert.False(summary["completed"]!.GetValue<bool>());
        Assert.Equal("SIGTERM", summary["stop_reason"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(stopped, "checkpoints", "final.ckpt")));
        Assert.Contains("run ended: stopped by SIGTERM", File.ReadAllText(Path.Combine(stopped, "run.log")));

        (exit, error, _) = CapturedCli.Run("ppo", "--resume", stopped);
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.Parse(File.ReadAllText(Path.Combine(stopped, "summary.json")))!["completed"]!.GetValue<bool>());
        ComparableRunFiles.AssertSameRun(straight, stopped);
    }

    [Fact]
    public void AResumeWithAnOptionThatWouldChangeTheRunIsRefusedInOneLine()
    {
        var dir = Path.Combine(root, "run");
        var (exit, error, _) = CapturedCli.Run(["ppo", "--env", "GridPickup", "--total-steps", "32", .. Tiny, "--run-dir", dir]);
        Assert.True(exit == 0, error);
        (exit, error, _) = CapturedCli.Run("ppo", "--resume", dir, "--learning-rate", "0.1");
        Assert.Equal(2, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--learning-rate", error);
        (exit, error, _) = CapturedCli.Run("ppo", "--resume", Path.Combine(root, "missing"));
        Assert.Equal(1, exit);
        Assert.Contains("missing", error);
    }

    [Fact]
    public void ASecondSigintExitsAtOnceWith130AndEndsRunLogWithACompleteLine()
    {
        // Iterations of 16 x 512 steps take seconds, so both signals land inside one iteration: the second must end
        // the process at once rather than by Environment.Exit, whose teardown crashed inside libtorch (exit 139).
        string dir = Path.Combine(root, "twice");
        string[] args = ["ppo", "--env", "GridPickup", "--total-steps", "100000", "--num-envs", "16", "--num-steps", "512",
            "--num-minibatches", "4", "--save-every", "1", "--run-dir", dir];
        using (var child = StartChild(args))
        {
            WaitForFile(Path.Combine(dir, "checkpoints", "iter_000001.ckpt"), child);
            Assert.Equal(0, kill(child.Id, SigInt));
            Thread.Sleep(300);
            Assert.Equal(0, kill(child.Id, SigInt));
            Assert.True(child.WaitForExit(30_000), "the child did not exit within 30 s of the second SIGINT");
            Assert.Equal(130, child.ExitCode);
        }
        string log = File.ReadAllText(Path.Combine(dir, "run.log"));
        Assert.EndsWith("\n", log);
        string last = log.TrimEnd('\n').Split('\n')[^1];
        Assert.Contains("run ended: SIGINT again, stopped at once", last);
    }

    private static Process StartChild(string[] args)
    {
        var process = ChildCli.Start(args);
        // Drain both pipes so a chatty child never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitForFile(string path, Process child)
    {
        var clock = Stopwatch.StartNew();
        // Checkpoints appear by rename, so a visible file is a complete one.
        while (!File.Exists(path))
        {
            Assert.False(child.HasExited, $"the child exited with {(child.HasExited ? child.ExitCode : 0)} before writing {path}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"no {path} after two minutes");
            Thread.Sleep(5);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
