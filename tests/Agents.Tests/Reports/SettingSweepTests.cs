using System.Text.Json.Nodes;
using Rims.Agents.Reports;
using Rims.Agents.Runs;
using Rims.Agents.Settings;

namespace Rims.Agents.Tests.Reports;

public class SettingSweepTests
{
    private static readonly Setting LearningRate = SettingSweep.Named("learning-rate");

    private static EvalResult Eval(string env, double success, double? mean = null) => new()
    {
        Env = env, Checkpoint = "checkpoints/final.ckpt", Episodes = 1, Seed = 1, Deterministic = false,
        Returns = [mean ?? success], Lengths = [1], Successes = [0], Mean = mean ?? success, Std = 0, Iqm = mean ?? success, Min = mean ?? success,
        Max = mean ?? success, SuccessRate = success,
    };

    /// <summary>A GridPickup run at <paramref name="learningRate"/>: evaluated with the given success rates, or (none) with <paramref name="trainingSuccess"/> over its last 100 episodes.</summary>
    private static RunRecord Run(string core, int seed, double learningRate, double? train = null, double? novel = null, double? trainingSuccess = null,
        double? trainReturn = null)
    {
        var evals = new Dictionary<string, EvalResult>(StringComparer.OrdinalIgnoreCase);
        if (train is { } t) evals["GridPickup"] = Eval("GridPickup", t, trainReturn);
        if (novel is { } n) evals["GridPickup-Novel"] = Eval("GridPickup-Novel", n);
        return new RunRecord($"/runs/{core}{seed}-{learningRate}", "GridPickup", core, seed, new JsonObject { ["learning_rate"] = learningRate },
            new JsonObject { ["success_rate_last_100"] = trainingSuccess ?? 0.0 }, [], evals);
    }

    [Fact]
    public void GroupsByCoreAndValueAndChoosesOnTheTrainingEnvOnly()
    {
        var runs = new[]
        {
            // lstm 0.001: training 0.6, 0.8 (IQM of two = their mean 0.7) but novel 1.0, 1.0: the novel split must not choose it.
            Run("lstm", 1, 0.001, train: 0.6, novel: 1.0), Run("lstm", 2, 0.001, train: 0.8, novel: 1.0),
            // lstm 0.0003: training 0.9, 0.7 -> 0.8, the best on the training env; novel 0.1.
            Run("lstm", 1, 0.0003, train: 0.9, novel: 0.1), Run("lstm", 2, 0.0003, train: 0.7, novel: 0.1),
            // rims, not evaluated: the last 100 training episodes, 0.5 and 0.7 -> 0.6 at 0.001, 0.2 and 0.4 -> 0.3 at 0.0003.
            Run("rims", 1, 0.001, trainingSuccess: 0.5), Run("rims", 2, 0.001, trainingSuccess: 0.7),
            Run("rims", 1, 0.0003, trainingSuccess: 0.2), Run("rims", 2, 0.0003, trainingSuccess: 0.4),
        };
        var groups = SettingSweep.Groups(runs, LearningRate, ReportScore.SuccessRate);
        Assert.Equal(["lstm 0.0003", "lstm 0.001", "rims 0.0003", "rims 0.001"], groups.Select(g => $"{g.Core} {g.Value}"));
        Assert.Equal([0.8, 0.7, 0.3, 0.6], groups.Select(g => Math.Round(g.Iqm, 12)));
        Assert.Equal([true, false, false, true], groups.Select(g => g.Best));
        Assert.Equal([0.9, 0.7], groups[0].Scores);
        Assert.All(groups, g => Assert.InRange(g.Iqm, g.Ci.Low, g.Ci.High));
        Assert.Equal(new ConfidenceInterval(0.6, 0.8), new ConfidenceInterval(Math.Round(groups[1].Ci.Low, 12), Math.Round(groups[1].Ci.High, 12)));
    }

    [Fact]
    public void AnExactTieIsBrokenByTheReturnOnTheTrainingEnv()
    {
        var runs = new[]
        {
            // Every value solves the training env (100%); 0.002 has the higher training return (fewer steps per episode),
            // 0.0005 the higher novel return, which must not choose.
            Run("lstm", 1, 0.0005, train: 1.0, trainReturn: 0.80, novel: 1.0), Run("lstm", 2, 0.0005, train: 1.0, trainReturn: 0.82, novel: 1.0),
            Run("lstm", 1, 0.002, train: 1.0, trainReturn: 0.90, novel: 0.5), Run("lstm", 2, 0.002, train: 1.0, trainReturn: 0.88, novel: 0.5),
            // A higher success rate wins whatever the return.
            Run("rims", 1, 0.0005, train: 1.0, trainReturn: 0.70), Run("rims", 2, 0.0005, train: 0.99, trainReturn: 0.95),
            Run("rims", 1, 0.002, train: 0.99, trainReturn: 0.95), Run("rims", 2, 0.002, train: 0.99, trainReturn: 0.95),
        };
        var groups = SettingSweep.Groups(runs, LearningRate, ReportScore.SuccessRate, ReportScore.Return);
        Assert.Equal(["lstm 0.0005", "lstm 0.002", "rims 0.0005", "rims 0.002"], groups.Select(g => $"{g.Core} {g.Value}"));
        Assert.Equal([0.81, 0.89, 0.825, 0.95], groups.Select(g => Math.Round(g.TieBreakIqm, 12)));
        Assert.Equal([false, true, true, false], groups.Select(g => g.Best));
        Assert.Equal([true, false], SettingSweep.Groups(runs, LearningRate, ReportScore.SuccessRate).Where(g => g.Core == "lstm").Select(g => g.Best));
    }

    [Fact]
    public void NamesWithOrWithoutDashesAndRefusesWhatIsNoSweep()
    {
        Assert.Equal("--learning-rate", SettingSweep.Named("--learning-rate").Option);
        Assert.Equal("--rims-units", SettingSweep.Named("rims-units").Option);
        Assert.Equal("--by learning-rat is not a PPO setting a sweep can vary; did you mean learning-rate?",
            Assert.Throws<ArgumentException>(() => SettingSweep.Named("learning-rat")).Message);
        // The seed is what makes runs several, not a setting to choose.
        Assert.StartsWith("--by seed is not a PPO setting a sweep can vary", Assert.Throws<ArgumentException>(() => SettingSweep.Named("seed")).Message);
    }
}
