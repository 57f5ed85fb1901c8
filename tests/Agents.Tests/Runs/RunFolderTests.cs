using System.Text.Json.Nodes;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Runs;

public class RunFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-runfolder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static readonly string[] Columns = ["iteration", "global_step"];

    [Fact]
    public void AFolderThatHoldsARunIsNeverReused()
    {
        string path = Path.Combine(root, "run");
        using (RunFolder.Create(path, new JsonObject { ["who"] = "first" }, Columns)) { }
        var error = Assert.Throws<IOException>(() => RunFolder.Create(path, new JsonObject { ["who"] = "second" }, Columns));
        Assert.Contains("already holds a run", error.Message);
        Assert.Contains("first", File.ReadAllText(RunFolder.ConfigPath(path)));
    }

    [Fact]
    public void OfTwoRunsStartedIntoOneFolderAtOnceExactlyOneGetsIt()
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            string path = Path.Combine(root, $"race{attempt}");
            using var start = new Barrier(2);
            var outcomes = new string[2];
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    using var run = RunFolder.Create(path, new JsonObject { ["who"] = i }, Columns);
                    run.Progress.Append(i, i);
                    outcomes[i] = "created";
                }
                catch (IOException e)
                {
                    outcomes[i] = e.Message;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Single(outcomes, o => o == "created");
            Assert.Single(outcomes, o => o.Contains("already holds a run", StringComparison.Ordinal));
            int winner = Array.IndexOf(outcomes, "created");
            // Nothing mixed: config.json and progress.csv are the winner's alone.
            Assert.Equal(winner, JsonNode.Parse(File.ReadAllText(RunFolder.ConfigPath(path)))!["who"]!.GetValue<int>());
            Assert.Equal(["iteration,global_step", $"{winner},{winner}"], File.ReadAllLines(Path.Combine(path, "progress.csv")));
        }
    }

    [Fact]
    public void CsvFilesHaveNoByteOrderMark()
    {
        string path = Path.Combine(root, "log.csv");
        using (var log = new CsvLog(path, ["a", "b"])) log.Append(1, null);
        Assert.Equal("a,b\n1,\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("final.ckpt", "GridPickup", "evals/GridPickup.json")]
    [InlineData("iter_000050.ckpt", "GridPickup", "evals/GridPickup__iter_000050.json")]
    [InlineData("final.ckpt", "ALE/DemonAttack-v5", "evals/ALE-DemonAttack-v5.json")]
    [InlineData("iter_000002.ckpt", "ALE/DemonAttack-v5", "evals/ALE-DemonAttack-v5__iter_000002.json")]
    public void AnIntermediateCheckpointsEvaluationSitsBesideTheFinalOne(string checkpoint, string env, string expected) =>
        Assert.Equal(Path.Combine(root, expected), RunFolder.EvalPath(root, env, Path.Combine(root, "checkpoints", checkpoint)));
}
