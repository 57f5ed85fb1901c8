using System.CommandLine;
using Rims.Agents.Evaluation;
using Rims.Agents.Runs;
using Rims.Agents.Video;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// `eval`: plays whole games with a trained checkpoint or a random policy and prints raw-score statistics.
/// A checkpoint inside a run folder also gets its result written to the run's evals/ (<see cref="RunFolder.EvalPath"/>).
/// </summary>
public static class EvalCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("eval", "Evaluate a checkpoint (or a random policy) on an environment: mean/std/IQM of the raw return, success rate.");
        var env = new Option<string>("--env") { Description = "Environment id (default: the checkpoint's training env)" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (runs/<run>/checkpoints/final.ckpt)" };
        var policy = new Option<string>("--policy") { Description = "checkpoint or random", DefaultValueFactory = _ => "checkpoint" };
        var episodes = new Option<int>("--episodes") { Description = "Games to play", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed of the first reset and of action sampling", DefaultValueFactory = _ => 12345 };
        var deterministic = new Option<bool>("--deterministic") { Description = "Greedy actions instead of sampling" };
        var video = new Option<string?>("--capture-video") { Description = "Write the first episode as a GIF (with the RIMs activation strip)" };
        var roms = new Option<string?>("--roms") { Description = "Atari ROM folder (default: $RIMS_ROMS, else ./roms)" };
        var threads = new Option<int>("--threads") { Description = "Torch threads", DefaultValueFactory = _ => 1 };
        foreach (var option in new Option[] { env, checkpoint, policy, episodes, seed, deterministic, video, roms, threads })
            command.Options.Add(option);

        command.SetAction(parse =>
        {
            var policyKind = parse.GetValue(policy)!.ToLowerInvariant();
            var checkpointPath = parse.GetValue(checkpoint);
            int episodeCount = parse.GetValue(episodes);
            if (episodeCount < 1) throw new CliUsageException($"--episodes must be at least 1 (got {episodeCount})");
            if (parse.GetValue(threads) < 1) throw new CliUsageException($"--threads must be at least 1 (got {parse.GetValue(threads)})");
            if (policyKind is not ("checkpoint" or "random")) throw new CliUsageException($"--policy must be checkpoint or random (got '{policyKind}')");
            if (policyKind == "random" && checkpointPath is not null)
                throw new CliUsageException("--policy random plays without weights, so --checkpoint does not apply: give one of them");
            if (parse.GetValue(seed) < 0) throw new CliUsageException($"--seed must be 0 or more (got {parse.GetValue(seed)})");
            if (policyKind == "checkpoint" && checkpointPath is null)
                throw new CliUsageException("give --checkpoint PATH, or --policy random for the random-agent baseline");
            var videoPath = parse.GetValue(video);
            if (videoPath is not null)
            {
                // Checked before any game is played; the folder is not created, so a typo in it does not go unnoticed.
                if (!string.Equals(Path.GetExtension(videoPath), ".gif", StringComparison.OrdinalIgnoreCase))
                    throw new CliUsageException($"--capture-video writes a GIF, so its file name must end in .gif (got '{videoPath}')");
                InputPaths.RequireFolder(Path.GetDirectoryName(Path.GetFullPath(videoPath))!, "--capture-video's folder", "; create it first");
            }
            TorchSharp.torch.set_num_threads(parse.GetValue(threads));

            var header = checkpointPath is null ? null : Ppo.Checkpoint.ReadHeader(checkpointPath);
            var envId = EnvRegistry.Default.Canonical(parse.GetValue(env) ?? header?.Config.Env
                        ?? throw new CliUsageException("--env is required with --policy random"));
            var settings = new EnvSettings
            {
                RomsDirectory = parse.GetValue(roms) ?? header?.Config.Roms,
                Options = header?.Config.EnvOptions ?? new Dictionary<string, string>(),
            };
            try
            {
                EnvRegistry.Default.Check(envId, settings);
            }
            catch (ArgumentException e) when (e is not UnknownEnvException && header is not null)
            {
                // The options came from the checkpoint, not from this command line: say so.
                throw new CliUsageException($"--env {envId}: the checkpoint was trained on {header.Config.Env} with env options {envId} does not take: {e.Message}");
            }
            using var environment = EnvRegistry.Default.Make(envId, settings);
            int seedValue = parse.GetValue(seed);
            bool greedy = parse.GetValue(deterministic);
            using EvalPolicy actor = policyKind == "random"
                ? new RandomPolicy(environment.ActionCount, seedValue)
                : new CheckpointPolicy(checkpointPath!, environment.ObservationSpec, environment.ActionCount, seedValue, greedy);

            var recorder = videoPath is null ? null : new EpisodeRecorder(videoPath, actor.Units);
            if (recorder is not null && environment is not IRenderableEnv)
                throw new CliUsageException($"--capture-video: env '{envId}' cannot render frames");
            var runDirectory = checkpointPath is null ? null : RunDirectoryOf(checkpointPath);
            var label = checkpointPath is null ? "random"
                : runDirectory is null ? Path.GetFullPath(checkpointPath) : Path.GetRelativePath(runDirectory, checkpointPath);
            var result = Evaluator.Run(environment, actor, new EvalSettings(envId, episodeCount, seedValue, greedy, label, header?.Config.Env),
                recorder is null ? null : recorder.Add);

            Console.WriteLine($"{envId}: {episodeCount} episodes, policy {(checkpointPath ?? "random")}");
            Console.WriteLine($"  return mean {result.Mean:F2}  std {result.Std:F2}  IQM {result.Iqm:F2}  min {result.Min:F2}  max {result.Max:F2}");
            if (result.SuccessRate is { } success) Console.WriteLine($"  success rate {success:P1}");
            if (result.UnitActivation is { } activation)
                Console.WriteLine($"  unit activation {string.Join(' ', activation.Select(a => a.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
            if (runDirectory is not null)
            {
                var file = RunFolder.EvalPath(runDirectory, envId, checkpointPath!);
                RunJson.Write(file, result);
                Console.WriteLine($"  written to {file}");
            }
            if (recorder is not null)
            {
                recorder.Save();
                Console.WriteLine($"  video: {videoPath}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The run folder of a checkpoint at &lt;run&gt;/checkpoints/&lt;file&gt;, or null.</summary>
    private static string? RunDirectoryOf(string checkpointPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(checkpointPath));
        if (directory is null || Path.GetFileName(directory) != "checkpoints") return null;
        var run = Path.GetDirectoryName(directory)!;
        return File.Exists(Path.Combine(run, "config.json")) ? run : null;
    }
}
