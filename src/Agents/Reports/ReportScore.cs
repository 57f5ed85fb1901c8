using System.Globalization;
using Rims.Agents.Runs;

namespace Rims.Agents.Reports;

/// <summary>
/// A per-run score the report's tables are computed on: the success rate (for envs that report success, e.g. the grid
/// worlds, where it is the headline number) or the mean episodic return.
/// </summary>
/// <param name="Name">How the tables name it ("success rate", "return").</param>
/// <param name="OfEval">The score of one evaluation (null when the evaluation has none).</param>
/// <param name="SummaryKey">The summary.json key of the same score over the last 100 training episodes.</param>
/// <param name="IsFraction">True for a rate in [0, 1], printed as a percentage.</param>
public sealed record ReportScore(string Name, Func<EvalResult, double?> OfEval, string SummaryKey, bool IsFraction)
{
    /// <summary>The final checkpoint's success rate over its evaluation episodes; success_rate_last_100 in training.</summary>
    public static ReportScore SuccessRate { get; } = new("success rate", e => e.SuccessRate, "success_rate_last_100", true);

    /// <summary>The final checkpoint's mean raw return over its evaluation episodes; mean_return_last_100 in training.</summary>
    public static ReportScore Return { get; } = new("return", e => e.Mean, "mean_return_last_100", false);

    /// <summary>
    /// The scores <paramref name="runs"/> have, headline first: the success rate when any run reports one (in an
    /// evaluation or in summary.json), then the return.
    /// </summary>
    public static IReadOnlyList<ReportScore> Of(IReadOnlyList<RunRecord> runs) =>
        runs.Any(r => r.Evals.Values.Any(e => e.SuccessRate is not null) || !double.IsNaN(r.SummaryNumber(SuccessRate.SummaryKey)))
            ? [SuccessRate, Return]
            : [Return];

    /// <summary>The run's score on <paramref name="env"/> from its final checkpoint's evaluation (null when not evaluated there or without this score).</summary>
    public double? OnEval(RunRecord run, string env) => run.Evals.TryGetValue(env, out var eval) ? OfEval(eval) : null;

    /// <summary>The run's score over its last 100 training episodes (null when summary.json lacks it).</summary>
    public double? InTraining(RunRecord run) => run.SummaryNumber(SummaryKey) is var v && double.IsNaN(v) ? null : v;

    /// <summary>
    /// The run's score on its training env: the final checkpoint's evaluation there when it has one, else the last 100
    /// training episodes. Never an evaluation env: this is the score settings are chosen by.
    /// </summary>
    public double? OnTrainingEnv(RunRecord run) => OnEval(run, run.Env) ?? InTraining(run);

    /// <summary>A value of this score for a table: a percentage with one decimal for a rate, else three decimals; n/a for NaN.</summary>
    public string Format(double value) => double.IsNaN(value)
        ? "n/a"
        : IsFraction
            ? (value * 100).ToString("F1", CultureInfo.InvariantCulture) + "%"
            : value.ToString("F3", CultureInfo.InvariantCulture);
}
