using System.Text.Json.Nodes;
using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>`minigrid verify` and `envs` on the MiniGrid ids, in-process, on the shared Minigrid 3.1.0 traces.</summary>
[Collection("Console")]
public class MiniGridCliTests
{
    private static (int Exit, string Error, string Output) Run(params string[] args) => CapturedCli.Run(args);

    private static string[] TraceFiles()
    {
        string[] files = [.. Directory.GetFiles(TestData.MiniGridTracesDirectory, "*.jsonl.gz").Order(StringComparer.Ordinal)];
        Assert.True(files.Length == 5, $"expected the 5 MiniGrid trace files in {TestData.MiniGridTracesDirectory}, found {files.Length}");
        return files;
    }

    [Fact]
    public void VerifyMatchesEveryEpisodeOfEveryTraceFile()
    {
        var (exit, error, output) = Run(["minigrid", "verify", .. TraceFiles()]);
        Assert.True(exit == 0, error + output);
        Assert.Equal(5, output.Split('\n').Count(l => l.EndsWith(": 150/150 episodes match", StringComparison.Ordinal)));
        Assert.Contains("all 750 episodes of 5 files match", output);
    }

    [Fact]
    public void VerifyOfACorruptedTraceNamesTheSeedTheStepTheFieldAndBothValues()
    {
        string directory = Directory.CreateTempSubdirectory("rims-minigrid-").FullName;
        try
        {
            string source = TraceFiles().Single(f => Path.GetFileName(f).StartsWith("MiniGrid-Fetch-5x5", StringComparison.Ordinal));
            string[] lines = GzipLines.Read(source);
            // Seed 0's header is line 0 and its step t is line t + 1: change the direction recorded at t = 2.
            var step = JsonNode.Parse(lines[3])!.AsObject();
            Assert.Equal(2, (int)step["t"]!);
            int recorded = (int)step["direction"]!;
            int changed = (recorded + 1) % 4;
            step["direction"] = changed;
            lines[3] = step.ToJsonString();
            string corrupted = Path.Combine(directory, Path.GetFileName(source));
            GzipLines.Write(corrupted, lines);

            var (exit, error, output) = Run("minigrid", "verify", corrupted);
            Assert.True(exit == 1, error + output);
            Assert.Contains("(MiniGrid-Fetch-5x5-N2-v0): 149/150 episodes match", output);
            Assert.Contains($"first mismatch: seed 0, step 2, field direction: expected {changed}, got {recorded}", output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void VerifyWithoutTracesSaysWhatToPass()
    {
        var (exit, error, _) = Run("minigrid", "verify");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("jsonl.gz", error);
    }

    [Fact]
    public void AMissingOrUnreadableTraceFileIsOneLineAndExitCode1()
    {
        string directory = Directory.CreateTempSubdirectory("rims-minigrid-").FullName;
        try
        {
            var (missingExit, missingError, _) = Run("minigrid", "verify", Path.Combine(directory, "absent.jsonl.gz"));
            Assert.Equal(CliRunner.InputError, missingExit);
            Assert.Single(missingError.Trim().Split('\n'));
            Assert.Contains("absent.jsonl.gz does not exist", missingError);

            string broken = Path.Combine(directory, "broken.jsonl.gz");
            GzipLines.Write(broken, ["{\"kind\":\"episode\",\"format\":\"something-else/9\"}"]);
            var (brokenExit, brokenError, _) = Run("minigrid", "verify", broken);
            Assert.Equal(CliRunner.InputError, brokenExit);
            Assert.Single(brokenError.Trim().Split('\n'));
            Assert.Contains("broken.jsonl.gz, line 1", brokenError);

            // A trace cut in the middle of an episode (here after its first 20 lines) is a broken file, not a shorter pass.
            string cut = Path.Combine(directory, "cut.jsonl.gz");
            GzipLines.Write(cut, GzipLines.Read(Directory.GetFiles(TestData.MiniGridTracesDirectory, "*.jsonl.gz").Order().First())[..20]);
            var (cutExit, cutError, _) = Run("minigrid", "verify", cut);
            Assert.Equal(CliRunner.InputError, cutExit);
            Assert.Single(cutError.Trim().Split('\n'));
            Assert.Contains("cut short", cutError);

            string notGzip = Path.Combine(directory, "plain.jsonl.gz");
            File.WriteAllText(notGzip, "not a trace");
            var (plainExit, plainError, _) = Run("minigrid", "verify", notGzip);
            Assert.Equal(CliRunner.InputError, plainExit);
            Assert.Single(plainError.Trim().Split('\n'));
            Assert.Contains("plain.jsonl.gz", plainError);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("BabyAI-PickupDist-v0")]
    [InlineData("MiniGrid-Fetch-5x5-N2-v0")]
    public void PpoTrainsOnAMiniGridId(string id)
    {
        string directory = Path.Combine(Path.GetTempPath(), "rims-minigrid-ppo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, error, output) = Run("ppo", "--env", id, "--core", "lstm", "--total-steps", "64", "--num-envs", "2",
                "--num-steps", "16", "--num-minibatches", "1", "--threads", "1", "--features", "16", "--hidden", "16", "--run-dir", directory);
            Assert.True(exit == 0, error + output);
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")))!;
            Assert.Equal(id, (string)summary["env"]!);
            Assert.Equal(64, (long)summary["total_steps"]!);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EnvsListsTheMiniGridIds()
    {
        var (exit, _, output) = Run("envs");
        Assert.Equal(0, exit);
        foreach (var id in (string[])["BabyAI-PickupDist-v0", "BabyAI-PickupDistDebug-v0", "MiniGrid-Fetch-5x5-N2-v0",
                                       "MiniGrid-Fetch-6x6-N2-v0", "MiniGrid-Fetch-8x8-N3-v0", "BabyAI-PickupDist-Known-v0",
                                       "BabyAI-PickupDist-Novel-v0"])
            Assert.Contains(output.Split('\n'), line => line.StartsWith(id + " ", StringComparison.Ordinal));
    }
}
