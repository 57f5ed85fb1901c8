using Rims.Agents.Comparison;
using Rims.Agents.Comparison.Slurm;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Comparison.Slurm;

/// <summary>The sbatch scripts as text: options, only the given array tasks, requeue and SIGTERM, the report job.</summary>
public class SlurmScriptsTests
{
    private static readonly string[] Rims = ["/usr/bin/dotnet", "/opt/rims/Rims.Cli.dll"];

    private static SlurmLayout Layout(string name = "demon") => new(new ComparisonPlan
    {
        Base = new PpoConfig { Env = "DemonAttack" },
        Cores = ["lstm", "rims"],
        Seeds = 3,
        EvalEnvs = ["Pong"],
        EvalEpisodes = 7,
        Name = name,
        RunsRoot = "/data/runs",
    });

    private static IReadOnlyList<string> SbatchLines(string script) => script.Split('\n').Where(l => l.StartsWith("#SBATCH ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void TheArrayListsOnlyTheGivenTasksIsRequeueableAndSendsSigtermBeforeTheTimeLimit()
    {
        var script = SlurmScripts.Array(Layout(), Rims, "/home/me", [0, 3, 5], [], "compare --env DemonAttack");
        var lines = SbatchLines(script);
        Assert.Contains("#SBATCH --array=0,3,5", lines);
        Assert.Contains("#SBATCH --requeue", lines);
        Assert.Contains("#SBATCH --signal=B:TERM@60", lines);
        Assert.Contains("#SBATCH --job-name=rims-demon", lines);
        Assert.Contains("#SBATCH --chdir=/home/me", lines);
        Assert.Contains("#SBATCH --output=/data/runs/demon/slurm/logs/task-%a.out", lines);
        Assert.Contains("#SBATCH --open-mode=append", lines);
        // Every #SBATCH line comes before the first command, or sbatch ignores it.
        var body = script.Split('\n').Skip(1).ToList();
        Assert.True(body.FindLastIndex(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)) < body.FindIndex(l => l.Length > 0 && !l.StartsWith('#')));
    }

    [Fact]
    public void TaskIndicesAreRunPositionsAndEachTaskExecsCompareRunOnItsRun()
    {
        var script = SlurmScripts.Array(Layout(), Rims, "/home/me", [1], [], "compare --env DemonAttack");
        Assert.Contains("  DemonAttack__lstm__1  # 0\n  DemonAttack__lstm__2  # 1\n  DemonAttack__lstm__3  # 2\n  DemonAttack__rims__1  # 3\n", script);
        Assert.Contains("run=${runs[$SLURM_ARRAY_TASK_ID]}", script);
        Assert.Contains("\nexec /usr/bin/dotnet /opt/rims/Rims.Cli.dll compare-run --config /data/runs/demon/slurm/configs/\"$run.json\" " +
                        "--run-dir /data/runs/demon/\"$run\" --eval-envs Pong --eval-episodes 7 --command 'compare --env DemonAttack'\n", script);
        // Without evaluation envs the option is left out: compare-run refuses an empty value as a missing one.
        var layout = Layout();
        var withoutEvalEnvs = new SlurmLayout(layout.Plan with { EvalEnvs = [] });
        Assert.Contains("--run-dir /data/runs/demon/\"$run\" --eval-episodes 7 --command", SlurmScripts.Array(withoutEvalEnvs, Rims, "/home/me", [1], [], "compare"));
    }

    [Fact]
    public void SlurmOptionsBecomeSbatchLinesAndGpuOptionsStayOffTheReportJob()
    {
        var options = SbatchOptions.Parse(["partition=gpu", "time=2-00:00:00", "gres=gpu:1", "account=rl", "gpus-per-task=1"]);
        var array = SbatchLines(SlurmScripts.Array(Layout(), Rims, "/home/me", [0], options, "compare"));
        Assert.Contains("#SBATCH --partition=gpu", array);
        Assert.Contains("#SBATCH --time=2-00:00:00", array);
        Assert.Contains("#SBATCH --gres=gpu:1", array);
        Assert.Contains("#SBATCH --account=rl", array);
        Assert.Contains("#SBATCH --gpus-per-task=1", array);

        var report = SlurmScripts.Report(Layout(), Rims, "/home/me", options);
        var reportLines = SbatchLines(report);
        Assert.Contains("#SBATCH --partition=gpu", reportLines);
        Assert.Contains("#SBATCH --account=rl", reportLines);
        Assert.DoesNotContain(reportLines, l => l.Contains("gres") || l.Contains("gpus"));
        Assert.Contains("#SBATCH --kill-on-invalid-dep=yes", reportLines);
        Assert.Contains("\nexec /usr/bin/dotnet /opt/rims/Rims.Cli.dll compare-report --name demon --out /data/runs/reports/demon " +
                        "/data/runs/demon/DemonAttack__lstm__1 /data/runs/demon/DemonAttack__lstm__2", report);
        Assert.Contains("/data/runs/demon/DemonAttack__rims__3\n", report);
    }

    [Fact]
    public void NamesWithSpacesAndQuotesReachTheProgramAsOneWord()
    {
        var script = SlurmScripts.Array(Layout(), ["/opt/my rims/Agents"], "/home/me", [0], [], "compare --name 'it''s'");
        Assert.Contains("exec '/opt/my rims/Agents' compare-run", script);
        Assert.Contains("--command 'compare --name '\\''it'\\'''\\''s'\\'''\n", script);
        Assert.Equal("'a b'", ShellQuote.Word("a b"));
        Assert.Equal("''", ShellQuote.Word(""));
        Assert.Equal("'$HOME'", ShellQuote.Word("$HOME"));
        Assert.Equal("/x/y-1.dll", ShellQuote.Word("/x/y-1.dll"));
    }

    [Theory]
    [InlineData("partition", "KEY=VALUE")]
    [InlineData("=gpu", "KEY=VALUE")]
    [InlineData("Partition=gpu", "KEY=VALUE")]
    [InlineData("time=", "KEY=VALUE")]
    [InlineData("array=0-3", "sets --array itself")]
    [InlineData("--output=x", "sets --output itself")]
    [InlineData("requeue=no", "sets --requeue itself")]
    public void ABadSlurmOptionIsRefusedWithTheReason(string pair, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => SbatchOptions.Parse([pair]));
        Assert.Contains(reason, error.Message);
        Assert.Contains("--slurm-option", error.Message);
    }
}
