using System.Text.RegularExpressions;

namespace Rims.Agents.Tests.Cli;

[Collection("Console")]
public partial class BenchPpoTests
{
    [GeneratedRegex(@"^(?<core>\w+)\s+[\d,]+\s+(?<rate>[\d,]+)\s+(?<ratio>[\d.]+) \|(?<ms>(\s+\d+){7})\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [Fact]
    public void PrintsARowPerCoreWithTheRatioToTheFirstAndTheSplitOfAnIteration()
    {
        var (exit, error, output) = CapturedCli.Run("bench", "ppo", "--env", "GridPickup", "--cores", "lstm,rims", "--num-envs", "2",
            "--num-steps", "8", "--num-minibatches", "1", "--update-epochs", "1", "--features", "16", "--iterations", "2", "--warm-up", "0",
            "--threads", "1");
        Assert.True(exit == 0, error);
        var rows = Row().Matches(output);
        Assert.Equal(["lstm", "rims"], rows.Select(r => r.Groups["core"].Value));
        Assert.Equal("1.00", rows[0].Groups["ratio"].Value);
        double lstm = double.Parse(rows[0].Groups["rate"].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        double rims = double.Parse(rows[1].Groups["rate"].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lstm > 0 && rims > 0, output);
        // The printed ratio is the second core's rate over the first's (to the printed precision).
        Assert.Equal(Math.Round(rims / lstm, 2), double.Parse(rows[1].Groups["ratio"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.011);
        // The split's last column is the iteration's total, and the phases never exceed it.
        foreach (Match row in rows)
        {
            var ms = row.Groups["ms"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(double.Parse).ToArray();
            Assert.True(ms[..6].Sum() <= ms[6] + 6, $"phases {string.Join(", ", ms[..6])} exceed the total {ms[6]}");
        }
    }

    [Theory]
    [InlineData("--cores", "lstm,transformer", "--cores")]
    [InlineData("--iterations", "0", "--iterations")]
    public void BadValuesAreOneLineNamingTheOption(string option, string value, string named)
    {
        var (exit, error, _) = CapturedCli.Run("bench", "ppo", "--env", "GridPickup", option, value);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: {named}", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>The bench sets its own run length and writes no run folder: options it would ignore are not offered.</summary>
    [Theory]
    [InlineData("--total-steps", "4096")]
    [InlineData("--save-every", "1")]
    [InlineData("--keep-checkpoints", "1")]
    public void OptionsTheBenchWouldIgnoreAreUnknown(string option, string value)
    {
        var (exit, error, _) = CapturedCli.Run("bench", "ppo", "--env", "GridPickup", option, value);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: unknown option {option} for 'bench ppo'", error.Trim());
    }
}
