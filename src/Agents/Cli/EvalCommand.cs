using System.CommandLine;
using Rims.Agents.Evaluation;
using Rims.Agents.Video;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// `eval`: plays whole games with a trained checkpoint or a random policy and prints raw-score statistics.
/// A checkpoint inside a run folder also gets its result written to the run's evals/ (<see cref="EvaluationSession"/>, which
/// the training API's users call too).
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
        var envAssembly = new EnvAssemblyOption(command);

        command.SetAction(parse =>
        {
            var policyKind = parse.GetValue(policy)!.ToLowerInvariant();
            var checkpointPath = parse.GetValue(checkpoint);
            var settings = new EvalOptions
            {
                Env = parse.GetValue(env), Episodes = parse.GetValue(episodes), Seed = parse.GetValue(seed),
                Deterministic = parse.GetValue(deterministic), Roms = parse.GetValue(roms),
            };
            CliRunner.Validate(settings.Validate);
            if (parse.GetValue(threads) < 1) throw new CliUsageException($"--threads must be at least 1 (got {parse.GetValue(threads)})");
            if (policyKind is not ("checkpoint" or "random")) throw new CliUsageException($"--policy must be checkpoint or random (got '{policyKind}')");
            if (policyKind == "random" && checkpointPath is not null)
                throw new CliUsageException("--policy random plays without weights, so --checkpoint does not apply: give one of them");
            if (policyKind == "checkpoint" && checkpointPath is null)
                throw new CliUsageException("give --checkpoint PATH, or --policy random for the random-agent baseline");
            if (policyKind == "random" && settings.Env is null) throw new CliUsageException("--env is required with --policy random");
            if (policyKind == "random" && settings.Deterministic)
                throw new CliUsageException("--deterministic picks a policy's most likely action; --policy random has none: give one of them");
            var videoPath = parse.GetValue(video);
            if (videoPath is not null)
            {
                // Checked before any game is played; the folder is not created, so a typo in it does not go unnoticed.
                if (!string.Equals(Path.GetExtension(videoPath), ".gif", StringComparison.OrdinalIgnoreCase))
                    throw new CliUsageException($"--capture-video writes a GIF, so its file name must end in .gif (got '{videoPath}')");
                InputPaths.RequireFolder(Path.GetDirectoryName(Path.GetFullPath(videoPath))!, "--capture-video's folder", "; create it first");
            }
            TorchSharp.torch.set_num_threads(parse.GetValue(threads));
            envAssembly.Load(parse);

            EvaluationSession? opened = null;
            CliRunner.Validate(() => opened = checkpointPath is null
                ? EvaluationSession.ForRandomPolicy(settings.Env!, settings)
                : EvaluationSession.ForCheckpoint(checkpointPath, settings));
            using var session = opened!;
            if (videoPath is not null && session.Env is not IRenderableEnv)
                throw new CliUsageException($"--capture-video: env '{session.EnvId}' cannot render frames");
            var recorder = videoPath is null ? null : new EpisodeRecorder(videoPath, session.Policy.Units);
            var (result, file) = session.Run(recorder is null ? null : recorder.Add);

            Console.WriteLine($"{session.EnvId}: {Counted.Of(settings.Episodes, "episode")}, policy {(checkpointPath ?? "random")}");
            Console.WriteLine($"  return mean {result.Mean:F2}  std {result.Std:F2}  IQM {result.Iqm:F2}  min {result.Min:F2}  max {result.Max:F2}");
            if (result.SuccessRate is { } success) Console.WriteLine($"  success rate {success:P1}");
            if (result.UnitActivation is { } activation)
                Console.WriteLine($"  unit activation {string.Join(' ', activation.Select(a => a.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
            // A checkpoint outside a run folder (or the random policy) has no evals/ to record into: say so, so nobody looks for the file.
            Console.WriteLine(file is not null
                ? $"  written to {file}"
                : "  not written to a file: " + (checkpointPath is null
                    ? "a random policy has no run folder"
                    : "the checkpoint is not in a run folder (<run>/checkpoints/ beside config.json), which is where evals/ goes"));
            if (recorder is not null)
            {
                recorder.Save();
                Console.WriteLine($"  video: {videoPath}");
            }
            return 0;
        });
        return command;
    }
}
