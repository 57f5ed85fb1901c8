using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Envs;

namespace Rims.Agents.Evaluation;

/// <summary>What an evaluation produced.</summary>
/// <param name="Result">Raw-score statistics, successes and unit activation (what evals/&lt;env&gt;.json holds).</param>
/// <param name="File">Where it was written (&lt;run&gt;/evals/..., <see cref="RunFolder.EvalPath"/>), or null when the policy is not a checkpoint inside a run folder.</param>
public sealed record EvaluationOutcome(EvalResult Result, string? File);

/// <summary>
/// One evaluation, as the `eval` verb runs it (the verb is built on this, so the two cannot drift): an env and a
/// policy (a checkpoint's, or uniformly random actions), opened and checked before anything is played; <see cref="Run"/>
/// plays the games and, for a checkpoint inside a run folder, writes &lt;run&gt;/evals/&lt;env&gt;.json
/// (&lt;env&gt;__iter_NNNNNN.json for an intermediate checkpoint).
/// </summary>
public sealed class EvaluationSession : IDisposable
{
    private readonly EvalOptions options;

    private EvaluationSession(string envId, IEnv env, EvalPolicy policy, CheckpointHeader? header, string? checkpointPath, EvalOptions options)
    {
        EnvId = envId;
        Env = env;
        Policy = policy;
        Header = header;
        CheckpointPath = checkpointPath;
        RunDirectory = checkpointPath is null ? null : RunDirectoryOf(checkpointPath);
        this.options = options;
    }

    /// <summary>The env id played, in its registered spelling.</summary>
    public string EnvId { get; }

    /// <summary>The env played (owned by the session).</summary>
    public IEnv Env { get; }

    /// <summary>The policy playing (owned by the session); its <see cref="EvalPolicy.Units"/> is the RIMs unit count, 0 otherwise.</summary>
    public EvalPolicy Policy { get; }

    /// <summary>The checkpoint's header (its training config and counters), or null for the random policy.</summary>
    public CheckpointHeader? Header { get; }

    /// <summary>The checkpoint played, or null for the random policy.</summary>
    public string? CheckpointPath { get; }

    /// <summary>The run folder holding the checkpoint (&lt;run&gt;/checkpoints/&lt;file&gt; with a config.json), or null.</summary>
    public string? RunDirectory { get; }

    /// <summary>
    /// Opens <paramref name="checkpointPath"/> on <paramref name="options"/>' env (default: the env it was trained on),
    /// with the env options it was trained with.
    /// </summary>
    /// <exception cref="ArgumentException">A count is out of range, the env id is unknown (<see cref="UnknownEnvException"/>), or the env does not take the checkpoint's env options; the message says which.</exception>
    /// <exception cref="IOException">The checkpoint or a ROM cannot be read, or a file or folder is in the way of the evaluation's file in the run's evals/.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, or is damaged.</exception>
    public static EvaluationSession ForCheckpoint(string checkpointPath, EvalOptions? options = null)
    {
        options ??= new EvalOptions();
        options.Validate();
        CheckpointHeader header;
        try
        {
            header = Checkpoint.ReadHeader(checkpointPath);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message}; evaluate another of the run's checkpoints (checkpoints/iter_*.ckpt), or restore this one from a copy", e);
        }
        EnvPlugins.EnsureRegistered(header.Config.Env, header.Config.EnvAssembly);
        var envId = EnvRegistry.Default.Canonical(options.Env ?? header.Config.Env);
        var envSettings = new EnvSettings { RomsDirectory = options.Roms ?? header.Config.Roms, Options = header.Config.EnvOptions };
        try
        {
            EnvRegistry.Default.Check(envId, envSettings);
        }
        catch (ArgumentException e) when (e is not UnknownEnvException)
        {
            // The options came from the checkpoint, not from the caller: say so.
            throw new ArgumentException($"--env {envId}: the checkpoint was trained on {header.Config.Env} with env options {envId} does not take: {e.Message}");
        }
        if (RunDirectoryOf(checkpointPath) is { } run) RequireWritable(RunFolder.EvalPath(run, envId, checkpointPath));
        var env = EnvRegistry.Default.Make(envId, envSettings);
        try
        {
            var policy = new CheckpointPolicy(checkpointPath, env.ObservationSpec, env.ActionCount, options.Seed, options.Deterministic);
            return new EvaluationSession(envId, env, policy, header, checkpointPath, options);
        }
        catch
        {
            env.Dispose();
            throw;
        }
    }

    /// <summary>Opens the random-agent baseline on <paramref name="envId"/> (options.Env is ignored).</summary>
    /// <exception cref="ArgumentException">A count is out of range, or the env id or an option is unknown.</exception>
    /// <exception cref="IOException">A ROM cannot be read.</exception>
    public static EvaluationSession ForRandomPolicy(string envId, EvalOptions? options = null)
    {
        options ??= new EvalOptions();
        options.Validate();
        envId = EnvRegistry.Default.Canonical(envId);
        var env = EnvRegistry.Default.Make(envId, new EnvSettings { RomsDirectory = options.Roms });
        return new EvaluationSession(envId, env, new RandomPolicy(env.ActionCount, options.Seed), null, null, options with { Env = envId });
    }

    /// <summary>
    /// Evaluates <paramref name="checkpointPath"/> (<see cref="ForCheckpoint"/>, then <see cref="Run"/>): what a program
    /// calls after <see cref="PpoRun.Train"/> with <see cref="RunResult.FinalCheckpoint"/>.
    /// </summary>
    /// <inheritdoc cref="ForCheckpoint" path="/exception"/>
    public static EvaluationOutcome Evaluate(string checkpointPath, EvalOptions? options = null)
    {
        using var session = ForCheckpoint(checkpointPath, options);
        return session.Run();
    }

    /// <summary>
    /// Plays the games and returns their statistics; for a checkpoint inside a run folder also writes them to the run's
    /// evals/ (atomically).
    /// </summary>
    /// <param name="frames">Receives each frame of the first episode, for videos; the env must be an <see cref="IRenderableEnv"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="frames"/> is given but the env cannot render frames.</exception>
    public EvaluationOutcome Run(Evaluator.FrameSink? frames = null)
    {
        if (frames is not null && Env is not IRenderableEnv)
            throw new ArgumentException($"--capture-video: env '{EnvId}' cannot render frames");
        var label = CheckpointPath is null ? "random"
            : RunDirectory is null ? Path.GetFullPath(CheckpointPath) : Path.GetRelativePath(RunDirectory, CheckpointPath);
        var result = Evaluator.Run(Env, Policy, new EvalSettings(EnvId, options.Episodes, options.Seed, options.Deterministic, label, Header?.Config.Env), frames);
        if (RunDirectory is null) return new EvaluationOutcome(result, null);
        var file = RunFolder.EvalPath(RunDirectory, EnvId, CheckpointPath!);
        RunJson.Write(file, result);
        return new EvaluationOutcome(result, file);
    }

    /// <summary>
    /// Checked before any game is played, so a long evaluation never ends in an error about where its result goes: a file
    /// where the run's evals folder belongs, or a folder where the evaluation file does.
    /// </summary>
    /// <exception cref="IOException">Something is in the way; the message names it.</exception>
    private static void RequireWritable(string evalFile)
    {
        var folder = Path.GetDirectoryName(evalFile)!;
        if (File.Exists(folder))
            throw new IOException($"{folder} is a file where the run's evals folder belongs; move it away so the evaluation can be written");
        if (Directory.Exists(evalFile))
            throw new IOException($"{evalFile} is a folder where the evaluation file belongs; move it away so the evaluation can be written");
    }

    /// <summary>The run folder of a checkpoint at &lt;run&gt;/checkpoints/&lt;file&gt;, or null.</summary>
    private static string? RunDirectoryOf(string checkpointPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(checkpointPath));
        if (directory is null || Path.GetFileName(directory) != "checkpoints") return null;
        var run = Path.GetDirectoryName(directory)!;
        return File.Exists(Path.Combine(run, "config.json")) ? run : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Policy.Dispose();
        Env.Dispose();
    }
}
