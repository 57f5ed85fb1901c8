using System.Text.Json.Nodes;
using Rims.Agents.Reports;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Cli;
using Rims.Envs.Atari.Games;

namespace Rims.Agents.Tests.Reports;

/// <summary>
/// `report --across-envs`: the average probability of improvement and its stratified CI, human-normalised Atari
/// scores, and the report over runs of two games, against values computed by hand.
/// </summary>
[Collection("Console")]
public class AcrossEnvsReportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-across-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void TheAverageProbabilityOfImprovementIsTheMeanOfThePerTaskOnes()
    {
        // Task A: (1 > 0) + (1 > 3) + (2 > 0) + (2 > 3) = 2 of 4 = 0.5; task B: every x above every y = 1; mean 0.75.
        IReadOnlyList<(IReadOnlyList<double>, IReadOnlyList<double>)> tasks = [([1.0, 2.0], [0.0, 3.0]), ([5.0, 6.0], [4.0, 4.5])];
        Assert.Equal(0.75, Statistics.AverageProbabilityOfImprovement(tasks), 12);
        // A task where a side has no runs is left out, not counted as 0 or 0.5.
        Assert.Equal(0.75, Statistics.AverageProbabilityOfImprovement([.. tasks, ([], [1.0])]), 12);
        var ci = Statistics.AverageProbabilityOfImprovementCi(tasks);
        Assert.InRange(ci.Low, 0.5, 0.75);
        Assert.InRange(ci.High, 0.75, 1.0);
    }

    [Fact]
    public void OverOneTaskTheCiIsTheTwoSampleOneOfThatTask()
    {
        double[] x = [0.2, 0.9, 0.4, 0.7], y = [0.1, 0.5, 0.3];
        Assert.Equal(Statistics.ProbabilityOfImprovementCi(x, y), Statistics.AverageProbabilityOfImprovementCi([(x, y)]));
    }

    [Fact]
    public void EveryEmulatedGameHasReferenceScoresAndEveryAtariIdNamesItsGame()
    {
        Assert.All(GameCatalog.RomNames, rom => Assert.True(AtariReferenceScores.ByRom.ContainsKey(rom), $"{rom} has no reference scores"));
        Assert.Equal((-2.35 + 20.7) / (14.6 + 20.7), AtariReferenceScores.HumanNormalised("pong", -2.35)!.Value, 12);
        Assert.Null(AtariReferenceScores.HumanNormalised("no_such_game", 1));
        Assert.Equal("demon_attack", AtariReferenceScores.RomOf("DemonAttack"));
        Assert.Equal("demon_attack", AtariReferenceScores.RomOf("ALE/DemonAttack-v5"));
        Assert.Equal("demon_attack", AtariReferenceScores.RomOf("demonattacknoframeskip-v4"));
        Assert.Null(AtariReferenceScores.RomOf("GridPickup"));
    }

    [Fact]
    public void AReportOverTwoGamesCountsComparesAndNormalisesAsComputedByHand()
    {
        // Raw evaluation returns per run: Pong random -20.7, human 14.6; Breakout random 1.7, human 30.5.
        string[] runs =
        [
            Run("Pong", "lstm", 1, -20.7), Run("Pong", "lstm", 2, 14.6), Run("Pong", "rims", 1, -3.05), Run("Pong", "rims", 2, 20),
            Run("Breakout", "lstm", 1, 1.7), Run("Breakout", "lstm", 2, 30.5), Run("Breakout", "rims", 1, 1.7), Run("Breakout", "rims", 2, 1.7),
        ];
        var outFolder = Path.Combine(root, "out");
        var (exit, error, _) = CapturedCli.Run(["report", .. runs, "--across-envs", "--out", outFolder]);
        Assert.True(exit == 0, error);
        var md = File.ReadAllText(Path.Combine(outFolder, "report.md"));
        // IQM of two runs is their mean; P(rims > lstm): Pong (1 + 0 + 1 + 1) / 4, Breakout (0.5 + 0 + 0.5 + 0) / 4.
        Assert.Contains("| Pong | return | lstm | 2 | -3.050 |", md);
        Assert.Contains("| Pong | return | rims | 2 | 8.475 |", md);
        Assert.Matches(@"\| Pong \| return \| rims \| 2 \| 8\.475 \| \[[^]]+\] \| 0\.750 \|", md);
        Assert.Matches(@"\| Breakout \| return \| rims \| 2 \| 1\.700 \| \[[^]]+\] \| 0\.250 \|", md);
        Assert.Contains("- higher IQM on 1 of 2 envs;", md);
        Assert.Contains("average probability of improvement P(rims > lstm) = 0.500 [", md);
        // Human-normalised: lstm 0, 1 (Pong), 0, 1 (Breakout): IQM of 4 = mean of the middle two = 0.5; rims 0.5,
        // 40.7 / 35.3, 0, 0: IQM 0.25, median of game means (0.826, 0) = 0.413, mean 0.413.
        Assert.Matches(@"\| lstm \| 2 \| 4 \| 0\.500 \| \[[^]]+\] \| 0\.500 \| 0\.500 \|", md);
        Assert.Matches(@"\| rims \| 2 \| 4 \| 0\.250 \| \[[^]]+\] \| 0\.413 \| 0\.413 \|", md);
        Assert.Contains("Built with: `report RUN_FOLDERS --across-envs --out", md);
        Assert.Contains("![P(rims > lstm) per env](improvement_rims.png)", md);
        Assert.True(new FileInfo(Path.Combine(outFolder, "improvement_rims.png")).Length > 1000);
    }

    [Fact]
    public void WithoutAcrossEnvsRunsOfTwoEnvsAreRefusedWithTheOption()
    {
        var (exit, error, _) = CapturedCli.Run("report", Run("Pong", "lstm", 1, 0), Run("Breakout", "lstm", 1, 0), "--out", Path.Combine(root, "out"));
        Assert.Equal(2, exit);
        Assert.EndsWith("build one report per env, or one across them with --across-envs", error.Trim());
    }

    [Fact]
    public void EnvsRunWithTheirOwnBudgetsArePooledWithAllowMixedAsTheRefusalSaysAndAVariantOnOneEnvIsNotCompared()
    {
        string[] runs = [Run("Pong", "lstm", 1, 0, totalSteps: 100), Run("Pong", "rims", 1, 1, totalSteps: 100),
            Run("Breakout", "lstm", 1, 0, totalSteps: 200), Run("Breakout", "rims", 1, 1, totalSteps: 200)];
        var (exit, error, _) = CapturedCli.Run(["report", .. runs, "--across-envs", "--out", Path.Combine(root, "refused")]);
        Assert.Equal(2, exit);
        Assert.Contains("when each env was run with its own settings (a budget or learning rate per task), pass --allow-mixed to pool them", error);

        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--across-envs", "--allow-mixed", "--out", Path.Combine(root, "mixed")]);
        Assert.True(exit == 0, error);
        Assert.Contains("- higher IQM on 2 of 2 envs;", File.ReadAllText(Path.Combine(root, "mixed", "report.md")));

        // Each budget as a variant: every variant lives on one env. The baseline (lstm at 100 steps) meets rims at 100 on
        // Pong only; the two 200-step variants meet it nowhere, and get a line instead of statistics over no envs.
        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--across-envs", "--variant", "total-steps", "--out", Path.Combine(root, "variants")]);
        Assert.True(exit == 0, error);
        var md = File.ReadAllText(Path.Combine(root, "variants", "report.md"));
        Assert.Contains("no env has runs of both", md);
        Assert.DoesNotContain("over the 0 envs", md);
        Assert.Contains("**rims --total-steps 200 against lstm --total-steps 100**: no env has runs of both (rims --total-steps 200 was run on Breakout)", md);
        Assert.Single(Directory.GetFiles(Path.Combine(root, "variants"), "improvement_*.png"));
        Assert.Contains("**rims --total-steps 100 against lstm --total-steps 100**, over the 1 env both were run on", md);
    }

    [Fact]
    public void AllowMixedNamesEverySettingItPooledAndWarnsWhereTheCoresMetWithDifferentOnes()
    {
        // Per-task budgets (the same for both cores within a task) and, on Pong only, a learning rate per core.
        string[] runs = [Run("Pong", "lstm", 1, 0, totalSteps: 100, learningRate: 0.0005), Run("Pong", "rims", 1, 1, totalSteps: 100),
            Run("Breakout", "lstm", 1, 0, totalSteps: 200), Run("Breakout", "rims", 1, 1, totalSteps: 200)];
        var (exit, error, _) = CapturedCli.Run(["report", .. runs, "--across-envs", "--allow-mixed", "--out", Path.Combine(root, "mixed")]);
        Assert.True(exit == 0, error);
        var md = File.ReadAllText(Path.Combine(root, "mixed", "report.md"));
        Assert.Contains("## Mixed settings", md);
        Assert.Contains("differ in --total-steps, --learning-rate (`report --allow-mixed`)", md);
        Assert.Contains("**The cores were run with different --learning-rate on Pong**", md);
        Assert.DoesNotContain("different --total-steps", md);   // each task's budget is the same for both cores
        Assert.Contains("| --learning-rate | Pong | lstm | 0.0005 |", md);
        Assert.Contains("| --learning-rate | Pong | rims | 0.001 |", md);
        Assert.Contains("| --total-steps | Breakout | rims | 200 |", md);

        // A setting reported as a variant is named by the cores themselves, so the section leaves it out.
        (exit, error, _) = CapturedCli.Run(["report", .. runs, "--across-envs", "--allow-mixed", "--variant", "learning-rate", "--out", Path.Combine(root, "variant")]);
        Assert.True(exit == 0, error);
        md = File.ReadAllText(Path.Combine(root, "variant", "report.md"));
        Assert.Contains("differ in --total-steps (`report --allow-mixed`)", md);
        Assert.DoesNotContain("| --learning-rate |", md);

        // One env's report pooled with --allow-mixed says the same.
        (exit, error, _) = CapturedCli.Run(["report", runs[0], runs[1], "--allow-mixed", "--out", Path.Combine(root, "pong")]);
        Assert.True(exit == 0, error);
        Assert.Contains("**The cores were run with different --learning-rate on Pong**", File.ReadAllText(Path.Combine(root, "pong", "report.md")));
        // Runs of one setting have no such section.
        (exit, error, _) = CapturedCli.Run(["report", runs[2], runs[3], "--out", Path.Combine(root, "breakout")]);
        Assert.True(exit == 0, error);
        Assert.DoesNotContain("## Mixed settings", File.ReadAllText(Path.Combine(root, "breakout", "report.md")));
    }

    private string Run(string env, string core, int seed, double evaluationReturn, int totalSteps = 100, double learningRate = 0.001)
    {
        var folder = FakeRun.Write(Path.Combine(root, $"{env}__{core}__{seed}"), env, core, seed,
            settings: new JsonObject { ["total_steps"] = totalSteps, ["learning_rate"] = learningRate });
        RunJson.Write(Path.Combine(folder, "evals", env + ".json"), new EvalResult
        {
            Env = env, TrainEnv = env, Checkpoint = "checkpoints/final.ckpt", Episodes = 1, Seed = 1, Deterministic = false,
            Returns = [evaluationReturn], Lengths = [100], Successes = [], Mean = evaluationReturn, Std = 0, Iqm = evaluationReturn,
            Min = evaluationReturn, Max = evaluationReturn,
        });
        return folder;
    }
}
