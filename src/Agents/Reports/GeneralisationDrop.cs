using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>
/// The generalisation drop of one core from its training env to one evaluation env: per run, the final checkpoint's
/// score on the training env minus its score on the evaluation env (paired: the same checkpoint on both), over the
/// runs evaluated on both. Aggregated by the mean, not the IQM: the mean is linear, so the mean drop is exactly the
/// mean training score minus the mean evaluation score printed beside it, and the difference of two cores' drops is
/// the difference of their means; with the handful of seeds a comparison has, the IQM would trim little anyway.
/// </summary>
/// <param name="Core">The recurrent core of the runs.</param>
/// <param name="TrainEnv">The env the runs trained on.</param>
/// <param name="EvalEnv">The evaluation env the drop is measured to.</param>
/// <param name="TrainScores">Per run, the score on <paramref name="TrainEnv"/>.</param>
/// <param name="EvalScores">Per run (same order), the score on <paramref name="EvalEnv"/>.</param>
public sealed record GeneralisationDrop(string Core, string TrainEnv, string EvalEnv, IReadOnlyList<double> TrainScores, IReadOnlyList<double> EvalScores)
{
    /// <summary>Per run, training score minus evaluation score (positive = worse on the evaluation env).</summary>
    public IReadOnlyList<double> Drops { get; } = TrainScores.Zip(EvalScores, (train, eval) => train - eval).ToList();

    /// <summary>Number of runs evaluated on both envs.</summary>
    public int Runs => Drops.Count;

    /// <summary>Mean training score over the paired runs.</summary>
    public double TrainMean => Statistics.Mean(TrainScores);

    /// <summary>Mean evaluation score over the paired runs.</summary>
    public double EvalMean => Statistics.Mean(EvalScores);

    /// <summary>Mean drop (= <see cref="TrainMean"/> - <see cref="EvalMean"/>).</summary>
    public double MeanDrop => Statistics.Mean(Drops);

    /// <summary>95% percentile-bootstrap CI of <see cref="MeanDrop"/>, resampling runs (each with both its scores).</summary>
    public ConfidenceInterval DropCi(int resamples = Statistics.DefaultResamples, int seed = 0) =>
        Statistics.BootstrapCi(Drops, Statistics.Mean, resamples, seed);

    /// <summary>
    /// Per run with a non-zero training score, the drop relative to it: (train - eval) / train (0.25 = a quarter of the
    /// training score is lost). The absolute drop flatters a core that scores lower on the training env (it has less to
    /// lose); this one does not. A run with training score 0 has no relative drop and is left out.
    /// </summary>
    public IReadOnlyList<double> RelativeDrops { get; } = TrainScores.Zip(EvalScores, (train, eval) => (Train: train, Eval: eval))
        .Where(p => p.Train != 0).Select(p => (p.Train - p.Eval) / p.Train).ToList();

    /// <summary>Mean of <see cref="RelativeDrops"/> over runs (NaN when no run has a non-zero training score).</summary>
    public double MeanRelativeDrop => Statistics.Mean(RelativeDrops);

    /// <summary>95% percentile-bootstrap CI of <see cref="MeanRelativeDrop"/>, resampling runs (paired, as <see cref="DropCi"/>).</summary>
    public ConfidenceInterval RelativeDropCi(int resamples = Statistics.DefaultResamples, int seed = 0) =>
        Statistics.BootstrapCi(RelativeDrops, Statistics.Mean, resamples, seed);

    /// <summary>This core's mean drop minus <paramref name="baseline"/>'s (negative = this core generalises better).</summary>
    public double DropMinus(GeneralisationDrop baseline) => MeanDrop - baseline.MeanDrop;

    /// <summary>95% CI of <see cref="DropMinus"/>: the runs of the two cores are resampled independently.</summary>
    public ConfidenceInterval DropMinusCi(GeneralisationDrop baseline, int resamples = Statistics.DefaultResamples, int seed = 0) =>
        Statistics.TwoSampleBootstrapCi(Drops, baseline.Drops, (a, b) => Statistics.Mean(a) - Statistics.Mean(b), resamples, seed);

    /// <summary>
    /// The drop of <paramref name="runs"/> (one core, one training env) to <paramref name="evalEnv"/> in
    /// <paramref name="score"/> (e.g. the mean return), over the runs with that score on both envs.
    /// </summary>
    public static GeneralisationDrop Of(IReadOnlyList<RunRecord> runs, string evalEnv, Func<EvalResult, double?> score)
    {
        var train = new List<double>();
        var eval = new List<double>();
        foreach (var run in runs)
            if (run.Evals.TryGetValue(run.Env, out var onTrain) && score(onTrain) is { } t &&
                run.Evals.TryGetValue(evalEnv, out var onEval) && score(onEval) is { } e)
            {
                train.Add(t);
                eval.Add(e);
            }
        return new GeneralisationDrop(runs.Count == 0 ? "" : runs[0].Core, runs.Count == 0 ? "" : runs[0].Env, evalEnv, train, eval);
    }
}
