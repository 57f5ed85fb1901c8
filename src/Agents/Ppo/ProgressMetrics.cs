using Rims.Envs.Vector;

namespace Rims.Agents.Ppo;

/// <summary>An iteration as the metrics read it: the trainer's stats and the run's counters around them.</summary>
/// <param name="Stats">What the iteration produced.</param>
/// <param name="FramesPerStep">Emulator frames per agent step (Atari frame skip; 1 elsewhere).</param>
/// <param name="WallSeconds">Training time of the run so far, seconds, summed over every process that trained it (a resume adds to it).</param>
public sealed record IterationRecord(IterationStats Stats, int FramesPerStep, double WallSeconds);

/// <summary>One column of progress.csv.</summary>
/// <param name="Tag">Its name: CleanRL's tag where CleanRL logs the quantity, so logs compare column for column.</param>
/// <param name="Read">Its value for an iteration (null: none this iteration, an empty cell).</param>
/// <param name="Charted">Whether TensorBoard gets it per iteration (episode returns and lengths go there per episode instead, as in CleanRL).</param>
public sealed record ProgressMetric(string Tag, Func<IterationRecord, double?> Read, bool Charted = true);

/// <summary>The metrics a PPO run logs every iteration, declared once: progress.csv's columns, TensorBoard's scalars and run.log's line all come from this list.</summary>
public static class ProgressMetrics
{
    /// <summary>
    /// Every metric of a run whose core has <paramref name="units"/> modular units (RIMs; 0 for the others), in column
    /// order. The order and names are progress.csv's header, which a resumed run checks, so existing runs stay resumable
    /// only while this list is unchanged.
    /// </summary>
    public static IReadOnlyList<ProgressMetric> For(int units) =>
    [
        new("iteration", r => r.Stats.Iteration, Charted: false),
        new("global_step", r => r.Stats.GlobalStep, Charted: false),
        new("frames", r => r.Stats.GlobalStep * r.FramesPerStep, Charted: false),
        new("wall_seconds", r => r.WallSeconds, Charted: false),
        // CleanRL's meaning: int(global_step / (time.time() - start_time)), steps since the start over time since the
        // start, not this iteration's rate. A resumed run counts the whole run (every step over the training time of
        // every process, the denominator summary.json's sps uses), so the curve continues where the stopped run left it.
        new("charts/SPS", r => r.WallSeconds > 0 ? Math.Floor(r.Stats.GlobalStep / r.WallSeconds) : null),
        new("episodes", r => r.Stats.Episodes.Count, Charted: false),
        new("charts/episodic_return", r => Mean(r.Stats.Episodes, e => e.Return), Charted: false),
        new("charts/episodic_length", r => Mean(r.Stats.Episodes, e => e.Length), Charted: false),
        new("charts/success_rate", r => Mean(r.Stats.Episodes.Where(e => e.Episode.Success >= 0).ToList(), e => e.Success)),
        new("charts/learning_rate", r => r.Stats.LearningRate),
        new("losses/value_loss", r => r.Stats.ValueLoss),
        new("losses/policy_loss", r => r.Stats.PolicyLoss),
        new("losses/entropy", r => r.Stats.Entropy),
        new("losses/approx_kl", r => r.Stats.ApproxKl),
        new("losses/clipfrac", r => r.Stats.ClipFrac),
        new("losses/explained_variance", r => r.Stats.ExplainedVariance),
        .. Enumerable.Range(0, units).Select(k => new ProgressMetric($"rims/unit_active_{k}", r => r.Stats.UnitActivation?[k])),
    ];

    private static double? Mean(IReadOnlyList<(long GlobalStep, EpisodeEnd Episode)> ended, Func<EpisodeEnd, double> value) =>
        ended.Count == 0 ? null : ended.Average(e => value(e.Episode));
}
