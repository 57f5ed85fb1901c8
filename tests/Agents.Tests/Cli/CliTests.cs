using Rims.Agents.Cli;
using Rims.Agents.Hosting;

namespace Rims.Agents.Tests.Cli;

[Collection("Console")]
public class CliTests
{
    private static (int Exit, string Error, string Output) Run(params string[] args) => CapturedCli.Run(args);

    [Fact]
    public void TheRecordedCommandLineQuotesWordsThatBashWouldSplit() =>
        Assert.Equal("ppo --run-dir 'my runs/a' --env GridPickup --env-option 'seed=it'\\''s'",
            CliRunner.CommandLine(CliApp.Create().Parse(["ppo", "--run-dir", "my runs/a", "--env", "GridPickup", "--env-option", "seed=it's"])));

    [Theory]
    [InlineData("--num-envs", "abc")]
    [InlineData("--learning-rate", "fast")]
    public void AnUnparsableValueIsOneLineNamingTheOptionAndExitCode2(string option, string value)
    {
        var (exit, error, _) = Run("ppo", option, value);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(option, error);
    }

    [Theory]
    [InlineData("--num-minibatches", "3")]
    [InlineData("--num-envs", "0")]
    [InlineData("--gamma", "1.5")]
    [InlineData("--core", "transformer")]
    public void AnOutOfRangeValueIsOneLineNamingTheOptionAndExitCode2(string option, string value)
    {
        var (exit, error, _) = Run("ppo", option, value, "--total-steps", "2048");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(option, error);
    }

    [Fact]
    public void AnUnknownEnvIdListsTheKnownOnes()
    {
        var (exit, error, _) = Run("ppo", "--env", "NoSuchEnv", "--total-steps", "2048");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("NoSuchEnv", error);
        Assert.Contains("Known ids", error);
    }

    [Fact]
    public void TheLiveLineSaysNoEpisodeFinishedRatherThanAReturnOfNaN()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("rims-live-").FullName, "run");
        try
        {
            // One iteration of 2 envs x 4 steps: no GridPickup episode ends that soon.
            var (exit, error, output) = Run("ppo", "--run-dir", dir, "--total-steps", "8", "--num-envs", "2", "--num-steps", "4", "--num-minibatches", "1",
                "--features", "8", "--hidden", "8", "--threads", "1");
            Assert.True(exit == 0, error);
            Assert.Contains("step 8 | ", output);
            Assert.Contains("SPS | no episode finished yet", output);
            Assert.DoesNotContain("NaN", output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }

    [Fact]
    public void AMissingRomIsRefusedWithoutANoteAboutTheTrainingThatNeverStarts()
    {
        string roms = Directory.CreateTempSubdirectory("rims-no-roms-").FullName;
        try
        {
            // 100 steps is not a whole rollout; the note belongs to a run that starts, and this one cannot (no ROM).
            var (exit, error, output) = Run("ppo", "--env", "DemonAttack", "--roms", roms, "--total-steps", "100", "--run-dir", Path.Combine(roms, "run"));
            Assert.Equal(CliRunner.InputError, exit);
            Assert.StartsWith("error: ", error.Trim());
            Assert.DoesNotContain("note:", output);
        }
        finally
        {
            Directory.Delete(roms, recursive: true);
        }
    }

    [Fact]
    public void AnOccupiedRunDirIsRefusedBeforeAnyNoteAboutTheTraining()
    {
        string dir = Directory.CreateTempSubdirectory("rims-occupied-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "config.json"), "{}");
            // 100 steps is not a whole rollout, which a run about to train would note first.
            var (exit, error, output) = Run("ppo", "--run-dir", dir, "--total-steps", "100");
            Assert.Equal(CliRunner.InputError, exit);
            Assert.Equal($"error: {dir} already holds a run (config.json exists); choose another --run-dir", error.Trim());
            Assert.DoesNotContain("note:", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EvalWithoutACheckpointSaysWhatToGive()
    {
        var (exit, error, _) = Run("eval", "--env", "GridPickup");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("--checkpoint", error);
    }

    [Fact]
    public void AMissingCheckpointFileIsAnInputError()
    {
        var (exit, error, _) = Run("eval", "--checkpoint", "/nonexistent/final.ckpt");
        Assert.Equal(CliRunner.InputError, exit);
        Assert.Contains("/nonexistent/final.ckpt", error);
    }

    [Fact]
    public void HelpShowsEveryPpoDefault()
    {
        var (exit, _, output) = Run("ppo", "--help");
        Assert.Equal(0, exit);
        foreach (var expected in new[] { "--clip-coef", "[default: 0.1]", "--ent-coef", "[default: 0.01]", "--num-steps", "[default: 128]", "--rims-units", "[default: 6]" })
            Assert.Contains(expected, output);
    }

    [Fact]
    public void CompareInChildProcessesAndReportRunFromTheCommandLine()
    {
        string root = Path.Combine(Path.GetTempPath(), "rims-cli-compare-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, error, output) = Run("compare", "--env", "GridPickup", "--cores", "lstm,gru", "--seeds", "1", "--total-steps", "64",
                "--num-envs", "2", "--num-steps", "16", "--num-minibatches", "1", "--threads", "1", "--features", "16", "--hidden", "16",
                "--eval-episodes", "2", "--name", "tiny", "--runs-root", root, "--parallel", "2");
            Assert.True(exit == 0, error);
            Assert.True(File.Exists(Path.Combine(root, "reports", "tiny", "report.md")), output);
            string[] runs = Directory.GetDirectories(Path.Combine(root, "tiny"));
            Assert.Equal(2, runs.Length);

            string rebuilt = Path.Combine(root, "rebuilt");
            (exit, error, _) = Run(["report", .. runs, "--out", rebuilt]);
            Assert.True(exit == 0, error);
            string report = File.ReadAllText(Path.Combine(rebuilt, "report.md"));
            Assert.Contains("| gru | GridPickup | 1 |", report);
            Assert.Contains("| lstm | GridPickup | 1 |", report);
            // Provenance records the command as typed, the verb once.
            Assert.Contains("\ncompare --env GridPickup --cores lstm,gru --seeds 1", report);
            Assert.DoesNotContain("compare compare", report);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TorchWorksAtStartUp() => Assert.Null(TorchStartupCheck.Run());

    [Fact]
    public void ALibtorchLoadFailureIsOneLineWithoutTheLoadersTrace()
    {
        var failure = new TypeInitializationException("TorchSharp.torch",
            new NotSupportedException("This application uses TorchSharp but libtorch was not found.\n Trace: \n  Trying to load native component torch_cpu\n  Failed"));
        var line = TorchStartupCheck.LoadFailure(failure);
        Assert.StartsWith("libtorch could not be loaded (This application uses TorchSharp but libtorch was not found.). Rebuild with `dotnet build`", line);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain("Trace", line);
    }
}
