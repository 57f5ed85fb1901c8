using Rims.Agents.Comparison;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Comparison;

public class ChildProcessRunTests
{
    [Fact]
    public void AChildsLinesReachTheParentsLogWithoutTheChildsTimestamp()
    {
        string root = Directory.CreateTempSubdirectory("rims-child-").FullName;
        try
        {
            var config = new PpoConfig
            {
                Env = "GridPickup", TotalSteps = 16, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, Features = 8, Hidden = 8, Threads = 1,
            };
            var plan = new ComparisonPlan { Base = config, Cores = ["lstm"], Seeds = 1, Name = "child", RunsRoot = root, EvalEpisodes = 1 };
            var lines = new List<string>();
            ChildProcessRun.Execute(config, Path.Combine(root, "run"), plan, "compare (test)", line => { lock (lines) lines.Add(line); });
            Assert.Contains(lines, l => l.StartsWith("training lstm seed 1 -> ", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.DoesNotMatch(@"^\[\d\d:\d\d:\d\d\]", l));
            Assert.Equal("training x", ProgressLine.Unstamped("[01:02:03] training x"));
            Assert.Equal("[lstm] x", ProgressLine.Unstamped("[lstm] x"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AChildThatFailsOnAFileIsAFileErrorNamingTheRunAndTheChildsMessage()
    {
        string root = Directory.CreateTempSubdirectory("rims-child-").FullName;
        try
        {
            var config = new PpoConfig { Env = "Pong", Roms = Path.Combine(root, "no-roms"), TotalSteps = 16, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1, Threads = 1 };
            var plan = new ComparisonPlan { Base = config, Cores = ["lstm"], Seeds = 1, Name = "child", RunsRoot = root, EvalEpisodes = 1 };
            var error = Assert.Throws<IOException>(() =>
                ChildProcessRun.Execute(config, Path.Combine(root, "run"), plan, "compare (test)", _ => { }));
            Assert.Contains("run lstm seed 1 failed with exit code 1", error.Message);
            Assert.Contains("error: ROM 'pong.bin' not found", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
