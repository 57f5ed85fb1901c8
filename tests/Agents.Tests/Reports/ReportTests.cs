using System.Text.Json.Nodes;
using Rims.Agents.Comparison;
using Rims.Agents.Ppo;
using Rims.Agents.Reports;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Reports;

public class ReportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-report-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A synthetic finished run: returns rise linearly; evals with known means.</summary>
    private string MakeRun(string core, int seed, double evalMean, bool withActivation, bool novelEval = true, double? novelMean = null,
        double success = 0.5, double? novelSuccess = null)
    {
        var dir = Path.Combine(root, $"GridPickup__{core}__{seed}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"), new JsonObject
        {
            ["env"] = "GridPickup", ["core"] = core, ["seed"] = seed, ["command"] = $"ppo --env GridPickup --core {core} --seed {seed}",
            ["git_commit"] = "abc123", ["machine"] = "test machine",
        }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "summary.json"), new JsonObject
        {
            ["total_steps"] = 10000, ["sps"] = core == "rims" ? 300.0 : 1500.0, ["wall_seconds"] = 60.0, ["parameters"] = core == "rims" ? 1111 : 2222,
            ["mean_return_last_100"] = evalMean,
        }.ToJsonString());
        var lines = new List<string> { "global_step,episodic_return,episodic_length,success" };
        for (int i = 1; i <= 200; i++) lines.Add($"{i * 50},{i / 200.0 + seed * 0.01},{30},{(i % 3 == 0 ? 1 : 0)}");
        File.WriteAllLines(Path.Combine(dir, "episodes.csv"), lines);
        foreach (var (env, mean, successRate) in new[] { ("GridPickup", evalMean, success), ("GridPickup-Novel", novelMean ?? evalMean / 2, novelSuccess ?? success) })
        {
            if (env != "GridPickup" && !novelEval) continue;
            RunJson.Write(Path.Combine(dir, "evals", env + ".json"), new EvalResult
            {
                Env = env, TrainEnv = "GridPickup", Checkpoint = "checkpoints/final.ckpt", Episodes = 2, Seed = 1, Deterministic = false,
                Returns = [mean, mean], Lengths = [10, 12], Successes = [1, 0], Mean = mean, Std = 0, Iqm = mean, Min = mean, Max = mean,
                SuccessRate = successRate,
                UnitActivation = withActivation ? [0.9, 0.1, 0.5, 0.5] : null,
                ActivationTrace = withActivation ? [[1, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 0]] : null,
            });
        }
        return dir;
    }

    [Fact]
    public void BuildsTablesAndFiguresFromRunFolders()
    {
        var runs = new List<string>();
        for (int seed = 1; seed <= 3; seed++)
        {
            runs.Add(MakeRun("lstm", seed, 0.1 * seed, withActivation: false));
            runs.Add(MakeRun("rims", seed, 0.2 * seed, withActivation: true));
        }
        var output = Path.Combine(root, "report");
        var path = ReportBuilder.Build(runs, output, "synthetic");
        var markdown = File.ReadAllText(path);
        // lstm on GridPickup: eval means 0.1, 0.2, 0.3 -> mean 0.200, IQM 0.200; rims: 0.2, 0.4, 0.6 -> 0.400.
        Assert.Contains("| lstm | GridPickup | 3 | 0.200 |", markdown);
        Assert.Contains("| rims | GridPickup | 3 | 0.400 |", markdown);
        Assert.Contains("| rims | GridPickup-Novel | 3 | 0.200 |", markdown);
        // Generalisation: rims success 50% on both (no drop), return drop 0.400 - 0.200 over 3 paired runs (half of each run's score).
        Assert.Contains("| rims | GridPickup | GridPickup-Novel | 3 | 50.0% | 50.0% | 0.0% | [0.0%, 0.0%] | 0.0% | [0.0%, 0.0%] |", markdown);
        Assert.Contains("| rims | GridPickup | GridPickup-Novel | 3 | 0.400 | 0.200 | 0.200 | [", markdown);
        Assert.Contains("| 50.0% | [50.0%, 50.0%] |", Row(markdown, "| rims | GridPickup | GridPickup-Novel | 3 | 0.400 |"));
        Assert.Contains("| rims | 1,111 | 300 | 1.0 |", markdown);
        Assert.Contains("ppo --env GridPickup --core rims --seed 2", markdown);
        Assert.Contains("abc123", markdown);
        // Activation profile: every rims run has [0.9, 0.1, 0.5, 0.5] on both envs, ranked [0.9, 0.5, 0.5, 0.1].
        Assert.Contains("| rims | GridPickup | 3 | 0.90 | 0.50 | 0.50 | 0.10 |", markdown);
        // Both activation figures show the training env (the runs were also evaluated on GridPickup-Novel).
        Assert.Contains("Active units at every step of the first evaluation episode of rims seed 1 on GridPickup.", markdown);
        Assert.Contains("Activation profile on the training env: per unit rank", markdown);
        Assert.Contains("| rims | GridPickup-Novel | 3 | 0.90 | 0.50 | 0.50 | 0.10 |", markdown);
        foreach (var figure in new[] { "learning_return.png", "learning_success.png", "activation_episode.png", "activation_frequency.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(output, figure));
            Assert.True(bytes.Length > 2000, $"{figure} is suspiciously small");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Contains($"({figure})", markdown);
        }
        // Every table row has as many cells as its header.
        foreach (var table in markdown.Split("\n\n").Where(b => b.StartsWith('|')))
        {
            var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(rows, r => Assert.Equal(rows[0].Count(c => c == '|'), r.Count(c => c == '|')));
        }
    }

    [Fact]
    public void ReportsTheProbabilityOfImprovementAndTheDropWithTheirIntervals()
    {
        // Training-env scores vary; every run loses a fixed amount on the novel env (rims 0.1, lstm 0.4), so the
        // drops' intervals have zero width and can be computed by hand.
        double[] rimsTrain = [0.9, 0.8, 0.7], lstmTrain = [0.95, 0.85, 0.6];
        var runs = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            runs.Add(MakeRun("lstm", i + 1, lstmTrain[i], withActivation: false, novelMean: lstmTrain[i] - 0.4));
            runs.Add(MakeRun("rims", i + 1, rimsTrain[i], withActivation: false, novelMean: rimsTrain[i] - 0.1));
        }
        var markdown = File.ReadAllText(ReportBuilder.Build(runs, Path.Combine(root, "poi"), "poi"));
        // GridPickup: 0.9 beats 0.85 and 0.6, 0.8 and 0.7 beat 0.6 -> 4 of 9 pairs.
        var onTrain = Row(markdown, "| GridPickup | 3, 3 | 0.444 | [");
        var (low, high) = Interval(onTrain);
        Assert.True(low < 4.0 / 9 && 4.0 / 9 < high, onTrain);
        Assert.InRange(low, 0, 1);
        Assert.InRange(high, 0, 1);
        // GridPickup-Novel: rims 0.8, 0.7, 0.6 against lstm 0.55, 0.45, 0.2: every pair, in every resample.
        Assert.Contains("| GridPickup-Novel | 3, 3 | 1.000 | [1.000, 1.000] |", markdown);
        Assert.Contains("| env | runs (rims, lstm) | P(rims > lstm) | 95% CI |", markdown);
        Assert.Contains("| rims | GridPickup | GridPickup-Novel | 3 | 50.0% | 50.0% | 0.0% | [0.0%, 0.0%] | 0.0% | [0.0%, 0.0%] |", markdown);
        // Relative drops: rims (0.1/0.9 + 0.1/0.8 + 0.1/0.7) / 3 = 12.6%, lstm (0.4/0.95 + 0.4/0.85 + 0.4/0.6) / 3 = 51.9%.
        Assert.Contains("| rims | GridPickup | GridPickup-Novel | 3 | 0.800 | 0.700 | 0.100 | [0.100, 0.100] | 12.6% | [", markdown);
        Assert.Contains("| lstm | GridPickup | GridPickup-Novel | 3 | 0.800 | 0.400 | 0.400 | [0.400, 0.400] | 51.9% | [", markdown);
        Assert.Contains("| rims | GridPickup-Novel | 0.100 | 0.400 | -0.300 | [-0.300, -0.300] |", markdown);

        // The other core as baseline turns the comparison round: P(lstm > rims) = 1 - P(rims > lstm).
        var reversed = File.ReadAllText(ReportBuilder.Build(runs, Path.Combine(root, "poi-rims"), "poi", baseline: "RIMS"));
        Assert.Contains("| GridPickup | 3, 3 | 0.556 | [", reversed);
        Assert.Contains("| GridPickup-Novel | 3, 3 | 0.000 | [0.000, 0.000] |", reversed);
        Assert.Contains("| lstm | GridPickup-Novel | 0.400 | 0.100 | 0.300 | [0.300, 0.300] |", reversed);
        var error = Assert.Throws<ArgumentException>(() => ReportBuilder.Build(runs, Path.Combine(root, "poi-gru"), "poi", baseline: "gru"));
        Assert.Equal("--baseline gru is not a core of these runs; use one of lstm, rims", error.Message);
    }

    [Fact]
    public void TheSuccessRateIsScoredLikeTheReturnInEveryTable()
    {
        // Equal returns (0.5) everywhere, so only the success rate separates the cores. Success on GridPickup / Novel:
        // lstm 1.0/0.6, 0.9/0.5, 0.8/0.4 (drop 0.4 each); rims 0.2/0.1, 0.9/0.9, 1.0/0.9 (drops 0.1, 0, 0.1).
        double[] lstmTrain = [1.0, 0.9, 0.8], lstmNovel = [0.6, 0.5, 0.4], rimsTrain = [0.2, 0.9, 1.0], rimsNovel = [0.1, 0.9, 0.9];
        var runs = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            runs.Add(MakeRun("lstm", i + 1, 0.5, withActivation: false, novelMean: 0.5, success: lstmTrain[i], novelSuccess: lstmNovel[i]));
            runs.Add(MakeRun("rims", i + 1, 0.5, withActivation: false, novelMean: 0.5, success: rimsTrain[i], novelSuccess: rimsNovel[i]));
        }
        var markdown = File.ReadAllText(ReportBuilder.Build(runs, Path.Combine(root, "success"), "success"));
        Assert.Contains("Budget: 10,000 agent steps per run; seeds per core: lstm 3, rims 3. The success rate is the headline score", markdown);
        // Final scores: rims mean (0.2 + 0.9 + 1.0) / 3 = 70.0%; IQM of 3 values weighs the outer ones 1/4: (0.05 + 0.9 + 0.25) / 1.5 = 80.0%.
        var rims = Row(markdown, "| rims | GridPickup | 3 | 0.500 |");
        Assert.Contains("| 70.0% | 80.0% | [", rims);
        var (low, high) = Interval(rims.Replace("%", ""));
        Assert.InRange(low, 20.0, 80.0);
        Assert.InRange(high, 80.0, 100.0);
        Assert.Contains("| 90.0% | 90.0% | [", Row(markdown, "| lstm | GridPickup | 3 | 0.500 |"));
        // Drops: lstm 40.0% (CI of equal drops has no width), relative (0.4/1.0 + 0.4/0.9 + 0.4/0.8) / 3 = 44.8%;
        // rims 0.2/3 = 6.7%, relative (0.5 + 0 + 0.1) / 3 = 20.0%; rims minus lstm = -33.3%.
        Assert.Contains("| lstm | GridPickup | GridPickup-Novel | 3 | 90.0% | 50.0% | 40.0% | [40.0%, 40.0%] | 44.8% | [", markdown);
        Assert.Contains("| rims | GridPickup | GridPickup-Novel | 3 | 70.0% | 63.3% | 6.7% | [", markdown);
        Assert.Contains("| 20.0% | [", Row(markdown, "| rims | GridPickup | GridPickup-Novel | 3 | 70.0% |"));
        Assert.Contains("| rims | GridPickup-Novel | 6.7% | 40.0% | -33.3% | [", markdown);
        // Probability of improvement on the success rate: GridPickup 4 of 9 pairs (0.444), Novel 6 of 9 (0.667);
        // on the return every pair ties (0.500).
        var successSection = markdown.IndexOf("On the success rate:", StringComparison.Ordinal);
        Assert.True(successSection > 0);
        Assert.True(markdown.IndexOf("| GridPickup | 3, 3 | 0.444 | [", StringComparison.Ordinal) > successSection);
        Assert.True(markdown.IndexOf("| GridPickup-Novel | 3, 3 | 0.667 | [", StringComparison.Ordinal) > successSection);
        Assert.Contains("| GridPickup-Novel | 3, 3 | 0.500 | [0.500, 0.500] |", markdown[markdown.IndexOf("On the return:", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData("DemonAttack", "Returns are raw game scores (all lives); episodes are whole games.")]
    [InlineData("ALE/DemonAttack-v5", "Returns are raw game scores (all lives); episodes are whole games.")]
    [InlineData("GridPickup", "Returns are the env's undiscounted reward sum per episode; the success rate is the share of episodes that reached the goal.")]
    public void TheReportSaysWhatAReturnIsForTheRunsEnv(string env, string line)
    {
        var runs = new[] { "lstm", "rims" }.Select(core => FakeRun.Write(Path.Combine(root, "kind", core), env, core, 1)).ToList();
        foreach (var run in runs)
        {
            // Grid runs record their success rate; every env's summary gets it here so only the env id decides the line.
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!.AsObject();
            summary["success_rate_last_100"] = 1.0;
            File.WriteAllText(Path.Combine(run, "summary.json"), summary.ToJsonString());
        }
        var markdown = File.ReadAllText(ReportBuilder.Build(runs, Path.Combine(root, "kind-report"), "kind"));
        Assert.Contains(line, markdown);
        Assert.Single(markdown.Split('\n'), l => l.StartsWith("Returns are", StringComparison.Ordinal));
    }

    [Fact]
    public void RunsOfAnEnvWithoutSuccessHaveNoSuccessColumns()
    {
        // FakeRun's summaries have no success_rate_last_100 and there are no evaluations: returns only (as for Atari).
        var runs = new[] { "lstm", "rims" }.Select(core => FakeRun.Write(Path.Combine(root, "nosuccess", core), "Pong", core, 1)).ToList();
        var markdown = File.ReadAllText(ReportBuilder.Build(runs, Path.Combine(root, "nosuccess-report"), "nosuccess"));
        Assert.Contains("| core | env | seeds | mean of last-100 return | std across seeds | IQM | IQM 95% CI |\n|---|---|---|---|---|---|---|\n", markdown);
        Assert.Contains("| lstm | Pong | 1 | 0.500 | ", markdown);
        Assert.DoesNotContain("success rate: mean", markdown);
        Assert.DoesNotContain("success IQM", markdown);
        // A rims run without evaluations: the activation section says where its figures would come from.
        Assert.Contains("No evaluation of a RIMs run recorded unit activations, so there are no activation figures", markdown);
    }

    [Fact]
    public void ARunWithoutAnyEvaluationBesideEvaluatedOnesIsNamedNotDroppedSilently()
    {
        var lstm = MakeRun("lstm", 1, 0.4, withActivation: false);
        var rims = MakeRun("rims", 1, 0.6, withActivation: false);
        Directory.Delete(Path.Combine(rims, "evals"), recursive: true);
        var markdown = File.ReadAllText(ReportBuilder.Build([lstm, rims], Path.Combine(root, "partial"), "partial"));
        Assert.Contains($"**Runs without any evaluation** (1 of 2; left out of the final-score, generalisation and probability-of-improvement tables", markdown);
        Assert.Contains($"rims seed 1 (`{rims}`).", markdown);
        Assert.DoesNotContain("| rims | GridPickup |", markdown);
    }

    [Fact]
    public void ARunWithoutEpisodesCsvIsReportedAndNamed()
    {
        var lstm = MakeRun("lstm", 1, 0.4, withActivation: false);
        var rims = MakeRun("rims", 1, 0.6, withActivation: false);
        Assert.Contains("Every run folder has episodes.csv.", File.ReadAllText(ReportBuilder.Build([lstm, rims], Path.Combine(root, "all"), "all")));
        File.Delete(Path.Combine(rims, "episodes.csv"));
        var markdown = File.ReadAllText(ReportBuilder.Build([lstm, rims], Path.Combine(root, "copy"), "copy"));
        Assert.Contains($"**Runs without episodes.csv** (1 of 2; their learning curves come from progress.csv's per-iteration means, if it exists): rims seed 1 (`{rims}`).", markdown);
        Assert.Contains("| rims | GridPickup | 1 | 0.600 |", markdown);
    }

    [Fact]
    public void WithoutEpisodesCsvTheCurvesComeFromProgressCsv()
    {
        var runs = new[] { MakeRun("lstm", 1, 0.4, withActivation: false), MakeRun("rims", 1, 0.6, withActivation: false) };
        foreach (var run in runs)
        {
            File.Delete(Path.Combine(run, "episodes.csv"));
            // As PpoRun writes it: a byte-order mark, and empty cells for an iteration in which no episode finished.
            var lines = new List<string> { "iteration,global_step,charts/episodic_return,charts/success_rate" };
            for (int i = 1; i <= 40; i++) lines.Add(i == 2 ? "2,200,," : $"{i},{i * 100},{i / 40.0},{i / 80.0}");
            File.WriteAllLines(Path.Combine(run, "progress.csv"), lines, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }
        var record = RunRecord.Read(runs[0]);
        Assert.False(record.HasEpisodesFile);
        Assert.Equal(40, record.Progress.Count);
        Assert.Equal(new ProgressRow(100, 0.025, 0.0125), record.Progress[0]);
        Assert.Equal(new ProgressRow(200, null, null), record.Progress[1]);
        var output = Path.Combine(root, "progress");
        var markdown = File.ReadAllText(ReportBuilder.Build(runs, output, "progress"));
        Assert.Contains("![success](learning_success.png)", markdown);
        Assert.Contains("Training success rate per core over agent steps (budget 10,000)", markdown);
        Assert.True(new FileInfo(Path.Combine(output, "learning_success.png")).Length > 2000);

        File.WriteAllText(Path.Combine(runs[0], "progress.csv"), "iteration,global_step\n1,x\n");
        Assert.Contains("progress.csv line 2: global_step is not a whole number ('x')", Assert.Throws<InvalidDataException>(() => RunRecord.Read(runs[0])).Message);
    }

    [Fact]
    public void TheBaselineIsLstmWhenPresentElseTheFirstCoreAlphabetically()
    {
        RunRecord Run(string core) => new($"/runs/{core}", "GridPickup", core, 1, new JsonObject(), null, [], new Dictionary<string, EvalResult>());
        Assert.Equal("lstm", ReportBuilder.BaselineCore([Run("rims"), Run("gru"), Run("lstm")], null));
        Assert.Equal("gru", ReportBuilder.BaselineCore([Run("rims"), Run("gru")], null));
        Assert.Equal("rims", ReportBuilder.BaselineCore([Run("rims"), Run("lstm")], "Rims"));
    }

    /// <summary>The one line of <paramref name="markdown"/> that starts with <paramref name="prefix"/>.</summary>
    private static string Row(string markdown, string prefix) => Assert.Single(markdown.Split('\n'), l => l.StartsWith(prefix));

    /// <summary>The [low, high] interval at the end of a table row.</summary>
    private static (double Low, double High) Interval(string row)
    {
        var bounds = row[(row.LastIndexOf('[') + 1)..row.LastIndexOf(']')].Split(", ");
        return (double.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WithOnlyTheTrainingEnvEvaluatedTheGeneralisationSectionSaysSoInsteadOfAnEmptyTable()
    {
        var run = MakeRun("rims", 1, 0.5, withActivation: true, novelEval: false);
        var markdown = File.ReadAllText(ReportBuilder.Build([run], Path.Combine(root, "single"), "single"));
        Assert.Contains("| rims | GridPickup | 1 | 0.500 |", markdown);
        Assert.Contains("Only the training env was evaluated", markdown);
        Assert.DoesNotContain("| core | train env | eval env |", markdown);
    }

    [Fact]
    public void WithOnlyAnEvaluationEnvEvaluatedTheGeneralisationSectionSaysTheTrainingEnvIsMissing()
    {
        var run = MakeRun("rims", 1, 0.5, withActivation: true);
        File.Delete(Path.Combine(run, "evals", "GridPickup.json"));
        var markdown = File.ReadAllText(ReportBuilder.Build([run], Path.Combine(root, "novel-only"), "novel-only"));
        Assert.Contains("No run was evaluated on both its training env and GridPickup-Novel, so there is no drop to show", markdown);
        Assert.DoesNotContain("Only the training env was evaluated", markdown);
    }

    [Fact]
    public void ARebuildIntoAReportFolderLeavesNoFigureOfTheOldReportItDoesNotDraw()
    {
        var outFolder = Directory.CreateDirectory(Path.Combine(root, "rebuilt")).FullName;
        File.WriteAllText(Path.Combine(outFolder, "activation_episode.png"), "an older report's figure");
        File.WriteAllText(Path.Combine(outFolder, "notes.txt"), "the user's");
        ReportBuilder.Build([MakeRun("lstm", 1, 0.5, withActivation: false)], outFolder, "rebuilt");
        Assert.False(File.Exists(Path.Combine(outFolder, "activation_episode.png")));
        Assert.True(File.Exists(Path.Combine(outFolder, "learning_return.png")));
        Assert.True(File.Exists(Path.Combine(outFolder, "notes.txt")));
    }

    [Fact]
    public void ACorruptSummaryIsAnErrorNamingTheFile()
    {
        var run = MakeRun("lstm", 1, 0.5, withActivation: false);
        File.WriteAllText(Path.Combine(run, "summary.json"), "{ not json");
        var error = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([run], Path.Combine(root, "r"), "bad"));
        Assert.Contains("summary.json", error.Message);
    }

    [Fact]
    public void CompareTrainsEvaluatesAndReportsEndToEnd()
    {
        var plan = new ComparisonPlan
        {
            Base = new PpoConfig { Env = "GridPickup", TotalSteps = 2 * 16 * 2, NumEnvs = 2, NumSteps = 16, NumMinibatches = 1, Threads = 1, Features = 16, Hidden = 18 },
            Cores = ["lstm", "rims"],
            Seeds = 1,
            EvalEnvs = ["GridPickup-Novel"],
            EvalEpisodes = 2,
            Name = "tiny",
            RunsRoot = root,
        };
        var folders = ComparisonRunner.Run(plan, "compare (test)", _ => { });
        Assert.Equal(2, folders.Count);
        foreach (var folder in folders)
        {
            Assert.True(File.Exists(Path.Combine(folder, "checkpoints", "final.ckpt")));
            Assert.True(File.Exists(Path.Combine(folder, "evals", "GridPickup.json")));
            Assert.True(File.Exists(Path.Combine(folder, "evals", "GridPickup-Novel.json")));
        }
        var rimsEval = RunJson.Read<EvalResult>(Path.Combine(folders[1], "evals", "GridPickup.json"));
        Assert.Equal(6, rimsEval.UnitActivation!.Length);
        Assert.All(rimsEval.ActivationTrace!, step => Assert.Equal(4, step.Sum()));
        var report = File.ReadAllText(ReportBuilder.Build(folders, Path.Combine(root, "reports", "tiny"), "tiny"));
        Assert.Contains("| lstm | GridPickup-Novel | 1 |", report);
        Assert.Contains("## Which units fire when", report);
    }

    /// <summary>Replaces <paramref name="run"/>'s evaluation on GridPickup by one with the given episode returns.</summary>
    private static void SetTrainingEnvReturns(string run, double[] returns) =>
        RunJson.Write(Path.Combine(run, "evals", "GridPickup.json"), new EvalResult
        {
            Env = "GridPickup", TrainEnv = "GridPickup", Checkpoint = "checkpoints/final.ckpt", Episodes = returns.Length, Seed = 1, Deterministic = false,
            Returns = returns, Lengths = [.. returns.Select(_ => 10)], Successes = [.. returns.Select(_ => 1)], Mean = returns.Average(),
            Std = Statistics.Std(returns), Iqm = Statistics.InterquartileMean(returns), Min = returns.Min(), Max = returns.Max(), SuccessRate = 1,
        });

    [Fact]
    public void EveryRunsEvaluationIsListedWithItsEpisodeCountAndAOneSeedPairGetsItsDifferenceOverEpisodes()
    {
        var lstm = MakeRun("lstm", 1, 0.4, withActivation: false);
        var rims = MakeRun("rims", 1, 0.6, withActivation: false);
        SetTrainingEnvReturns(lstm, [0, 2]);
        SetTrainingEnvReturns(rims, [1, 3]);
        var markdown = File.ReadAllText(ReportBuilder.Build([lstm, rims], Path.Combine(root, "pair"), "pair"));
        Assert.Contains("## Evaluations per run", markdown);
        // By hand: a resampled mean of two episodes {1, 3} is 1, 2 or 3 with chances 1/4, 1/2, 1/4, so the 2.5th and
        // 97.5th percentiles are 1 and 3; std is the population one (numpy's), 1.
        Assert.Equal("| rims | 1 | GridPickup | 2 | 2.000 | [1.000, 3.000] | 1.000 | 1.000 | 3.000 | 100.0% |", Row(markdown, "| rims | 1 | GridPickup |"));
        // ... and the report says which std each table gives (across seeds it is the sample one).
        Assert.Contains("std is over episodes (the population standard deviation, n,", markdown);
        Assert.Contains("std across seeds: the sample standard deviation (n - 1)", markdown);
        Assert.Equal("| lstm | 1 | GridPickup-Novel | 2 | 0.200 | [0.200, 0.200] | 0.000 | 0.200 | 0.200 | 50.0% |", Row(markdown, "| lstm | 1 | GridPickup-Novel |"));
        // Difference of means 2 - 1 = 1; its extremes -1 (1 - 2) and 3 (3 - 0) each have chance 1/16 > 2.5%, so they are the CI.
        Assert.Equal("| rims | GridPickup | 2, 2 | 2.000 | 1.000 | 1.000 | [-1.000, 3.000] |", Row(markdown, "| rims | GridPickup | 2, 2 |"));
        Assert.Contains("not that the cores do: one seed per core cannot tell a core's effect from a seed's", markdown);
        Assert.Contains("With one run of each core, P is 0, 0.5 or 1 and has no CI", markdown);
        // Across seeds, one run per core has no CI: n/a, not the point [x, x] that would read as certain.
        Assert.EndsWith("| 2.000 | n/a | 2.000 | n/a | 100.0% | 100.0% | n/a |", Row(markdown, "| rims | GridPickup | 1 |"));
        Assert.Contains("| GridPickup | 1, 1 | 1.000 | n/a |", markdown);

        // A second rims seed: no longer a one-run pair, so neither the difference table nor the one-run caveat.
        var rims2 = MakeRun("rims", 2, 0.6, withActivation: false);
        var pooled = File.ReadAllText(ReportBuilder.Build([lstm, rims, rims2], Path.Combine(root, "pooled"), "pooled"));
        Assert.Contains("| rims | 2 | GridPickup | 2 |", pooled);
        Assert.DoesNotContain("One run per core", pooled);
        Assert.DoesNotContain("With one run of each core", pooled);
    }
}
