namespace Rims.Agents.Ppo;

/// <summary>
/// How a training run (<see cref="PpoRun.Train"/>, <see cref="PpoRun.Resume"/>) reports progress and is stopped: the
/// training API's settings beyond the <see cref="PpoConfig"/>, which says what is trained.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The run folder to create (null: runs/{env}__{core}__{seed}__{utc time} under the current folder). Ignored by a resume, which continues its own folder.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>
    /// Receives every finished iteration, after its progress.csv row is written and before any checkpoint of that
    /// iteration. <see cref="IProgress{T}.Report"/> is called on the training thread; a <see cref="Progress{T}"/> posts
    /// it to the synchronisation context it was created on instead.
    /// </summary>
    public IProgress<IterationProgress>? Progress { get; init; }

    /// <summary>
    /// Cancelling it ends the run cleanly after the iteration in progress, as SIGINT does for the CLI: checkpoints/final.ckpt
    /// and summary.json (completed: false, stop_reason <see cref="StopRequest.Cancelled"/>) are written and the run can be
    /// resumed. The call returns normally (no <see cref="OperationCanceledException"/>); <see cref="RunResult.StopReason"/> says it stopped.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>A stop request shared with other parties (the CLI's SIGINT/SIGTERM handler), watched besides <see cref="CancellationToken"/>.</summary>
    public StopRequest? Stop { get; init; }

    /// <summary>
    /// Receives the notes a person starting the run should see at once, once the run has started (its envs built and
    /// its folder written), so they never precede an error that stops it: today the step rounding
    /// (<see cref="PpoConfig.StepRoundingNote"/>), for a new run and for a resume that changes --total-steps. They are in run.log too.
    /// </summary>
    public Action<string>? Notice { get; init; }

    /// <summary>What started the run, recorded in config.json ("command") and run.log: the CLI puts its command line here.</summary>
    public string Command { get; init; } = "training API";
}
