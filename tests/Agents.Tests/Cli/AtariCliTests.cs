using System.Text.Json.Nodes;
using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>`atari verify`, `atari roms` and `bench atari` run in-process on the shared ROMs and ALE traces.</summary>
[Collection("Console")]
public class AtariCliTests
{
    private static (int Exit, string Error, string Output) Run(params string[] args) => CapturedCli.Run(args);

    [Fact]
    public void VerifyOfAGoodTraceMatchesEveryFrameAndExitsZero()
    {
        var (exit, error, output) = Run("atari", "verify", TestData.AleTrace("pong"), "--roms", TestData.RomsDirectory);
        Assert.True(exit == 0, error + output);
        Assert.Contains("pong: 5000/5000 frames match", output);
        Assert.Contains("FRAME-EXACT", output);
    }

    [Fact]
    public void VerifyOfACorruptedTraceNamesTheFrameTheFieldAndBothValues()
    {
        string directory = Directory.CreateTempSubdirectory("rims-trace-").FullName;
        try
        {
            // One RAM byte ($85 at t = 100) changed in a copy of the Pong trace.
            string[] lines = GzipLines.Read(TestData.AleTrace("pong"));
            var frame = JsonNode.Parse(lines[101])!.AsObject();
            Assert.Equal(100, (int)frame["t"]!);
            byte[] ram = Convert.FromHexString((string)frame["ram"]!);
            byte original = ram[5];
            byte changed = (byte)(original + 1);
            ram[5] = changed;
            frame["ram"] = Convert.ToHexStringLower(ram);
            lines[101] = frame.ToJsonString();
            string corrupted = Path.Combine(directory, "pong.jsonl.gz");
            GzipLines.Write(corrupted, lines);

            var (exit, error, output) = Run("atari", "verify", corrupted, "--roms", TestData.RomsDirectory, "--frames", "300");
            Assert.True(exit == 1, error + output);
            Assert.Contains("pong: 299/300 frames match", output);
            Assert.Contains($"frame 100 (t=100), field ram $85: expected ${changed:X2}, got ${original:X2}", output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void VerifyByGameFindsTheTracesInSubfoldersOfTheTraceFolder()
    {
        // shared/ale-traces keeps four of its nine traces in added/ (Assault among them).
        string added = Path.Combine(TestData.TracesDirectory, "added", "assault.jsonl.gz");
        Assert.True(File.Exists(added), $"{added} is missing; {TestData.TracesHint}");
        var (exit, error, output) = Run("atari", "verify", "--game", "Assault", "--traces", TestData.TracesDirectory, "--roms", TestData.RomsDirectory, "--frames", "30");
        Assert.True(exit == 0, error + output);
        Assert.Contains("assault: 30/30 frames match", output);

        int traces = Directory.GetFiles(TestData.TracesDirectory, "*.jsonl.gz", SearchOption.AllDirectories).Length;
        (exit, error, output) = Run("atari", "verify", "--game", "all", "--traces", TestData.TracesDirectory, "--roms", TestData.RomsDirectory, "--frames", "30");
        Assert.True(exit == 0, error + output);
        Assert.Contains($"all {traces} traces match on each of their first 30 frames", output);
        Assert.Contains("assault: 30/30 frames match", output);
    }

    [Fact]
    public void VerifyWithoutTracesSaysWhatToPass()
    {
        var (exit, error, _) = Run("atari", "verify");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("jsonl.gz", error);
    }

    [Fact]
    public void RomsListsTheFortyFourSupportedGames()
    {
        var (exit, error, output) = Run("atari", "roms", "--roms", TestData.RomsDirectory);
        Assert.True(exit == 0, error);
        Assert.Contains("44 of 44 supported games present", output);
        Assert.Equal(44, output.Split('\n').Count(l => l.TrimEnd().EndsWith(" supported", StringComparison.Ordinal)));
    }

    [Fact]
    public void BenchAtariPrintsFramesPerSecond()
    {
        var (exit, error, output) = Run("bench", "atari", "--frames", "2000", "--roms", TestData.RomsDirectory);
        Assert.True(exit == 0, error);
        Assert.Matches(@"DemonAttack \(demon_attack\), act\(\), 1 thread: [0-9,]+ emulated frames/s", output);
        // Native ALE's figure was measured on another machine: shown as a reference, never as a ratio to this run.
        Assert.Contains("reference, measured on another machine: native ALE 0.12.1", output);
        Assert.DoesNotContain("%", output);
    }
}
