using System.Diagnostics;
using Rims.Agents.Cli;
using Rims.Agents.Comparison;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Reports;

namespace Rims.Agents.Tests.Cli;

/// <summary>
/// The error contract (README, "Errors and exit codes") over every verb: each bad input below goes through the real
/// command line and must end with its exit code, exactly one stderr line that starts with "error: " and names the
/// option or file, no stack trace on either stream, and no file or folder created (no run folder left behind).
/// Most rows run in-process; the rows marked Child run in a child process of the real executable, so an exception
/// escaping the boundary would show as the runtime's exit 134 and its stack trace.
/// </summary>
[Collection("Console")]
public class ErrorContractTests
{
    /// <summary>One bad input: its class (for the report), expected exit code, text stderr must contain, and the arguments.</summary>
    /// <param name="Class">What kind of input this is.</param>
    /// <param name="Exit">Expected exit code.</param>
    /// <param name="Names">The option or file the message must name.</param>
    /// <param name="Args">Arguments; {tmp} is the row's own temporary folder, {roms} the shared ROM folder.</param>
    /// <param name="Setup">Creates the row's input files in {tmp} before the run.</param>
    /// <param name="Child">Run in a child process instead of in-process.</param>
    private sealed record Row(string Class, int Exit, string Names, string[] Args, Action<string>? Setup = null, bool Child = false);

    private const int Usage = CliRunner.UsageError;
    private const int File1 = CliRunner.InputError;

    // A small, fast configuration, so a row that wrongly passed validation would fail quickly instead of training for hours.
    private static string[] Ppo(params string[] args) =>
        Over(["ppo", "--run-dir", "{tmp}/run", "--total-steps", "2048", "--num-envs", "2", "--num-steps", "8", "--num-minibatches", "1",
              "--features", "8", "--hidden", "8", "--threads", "1"], args);

    private static string[] Compare(params string[] args) => CompareOn("GridPickup", args);

    private static string[] CompareOn(string env, params string[] args) =>
        Over(["compare", "--runs-root", "{tmp}/runs", "--cores", "lstm", "--seeds", "1", "--total-steps", "32",
              "--num-envs", "2", "--num-steps", "8", "--num-minibatches", "1", "--features", "8", "--hidden", "8", "--threads", "1",
              "--eval-episodes", "1", "--env", env], args);

    // The row's options replace the defaults' (an option given twice is itself a bad input, and would be the one refused).
    private static string[] Over(string[] defaults, string[] args)
    {
        var given = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
        var kept = new List<string> { defaults[0] };
        for (int i = 1; i < defaults.Length; i += 2)
            if (!given.Contains(defaults[i])) kept.AddRange([defaults[i], defaults[i + 1]]);
        return [.. kept, .. args];
    }

    private static IEnumerable<Row> Table() =>
    [
        // ---- ppo: option values out of range (each the root cause of a whole class: PpoConfig.Validate)
        new("ppo: Atari option out of range", Usage, "frame-stack", Ppo("--env", "DemonAttack", "--frame-stack", "0")),
        new("ppo: Atari option out of range via --env-option", Usage, "frame-stack", Ppo("--env", "DemonAttack", "--env-option", "frame-stack=0")),
        new("ppo: Atari option out of range via --env-option", Usage, "noop-max", Ppo("--env", "Pong", "--env-option", "noop-max=-1")),
        new("ppo: Atari option out of range via --env-option", Usage, "screen-size", Ppo("--env", "Pong", "--env-option", "screen-size=0")),
        new("ppo: Atari option out of range via --env-option", Usage, "screen-size", Ppo("--env", "Pong", "--env-option", "screen-size=500")),
        new("ppo: Atari option not a number", Usage, "frame-skip", Ppo("--env", "Pong", "--env-option", "frame-skip=four")),
        new("ppo: Atari mode the game lacks", Usage, "mode", Ppo("--env", "DemonAttack", "--env-option", "mode=99")),
        new("ppo: sticky-action probability out of range", Usage, "sticky-actions", Ppo("--env", "ALE/Pong-v5", "--sticky-actions", "2")),
        new("ppo: misspelt env-option key", Usage, "sticky-action", Ppo("--env", "DemonAttack", "--env-option", "sticky-action=0.5")),
        new("ppo: env option of another env family", Usage, "sticky-actions", Ppo("--env", "GridPickup", "--sticky-actions", "0.5")),
        new("ppo: env-option without KEY=VALUE", Usage, "--env-option", Ppo("--env", "DemonAttack", "--env-option", "noop-max")),
        new("ppo: optimiser setting that crashes torch", Usage, "--adam-eps", Ppo("--adam-eps", "-1")),
        new("ppo: negative seed", Usage, "--seed", Ppo("--env", "BabyAI-PickupDist-v0", "--seed", "-1")),
        new("ppo: seed whose per-env seeds overflow", Usage, "--seed", Ppo("--seed", "2147483647")),
        new("ppo: non-finite learning rate", Usage, "--learning-rate", Ppo("--learning-rate", "Infinity")),
        new("ppo: non-finite learning rate", Usage, "--learning-rate", Ppo("--learning-rate", "NaN")),
        new("ppo: negative loss coefficient", Usage, "--ent-coef", Ppo("--ent-coef", "-0.01")),
        new("ppo: negative loss coefficient", Usage, "--vf-coef", Ppo("--vf-coef", "-1")),
        new("ppo: target-kl not above 0", Usage, "--target-kl", Ppo("--target-kl", "0")),
        new("ppo: clip not above 0", Usage, "--clip-coef", Ppo("--clip-coef", "0")),
        new("ppo: discount out of [0, 1]", Usage, "--gamma", Ppo("--gamma", "1.5")),
        new("ppo: GAE lambda out of [0, 1]", Usage, "--gae-lambda", Ppo("--gae-lambda", "-0.1")),
        new("ppo: grad-norm clip not above 0", Usage, "--max-grad-norm", Ppo("--max-grad-norm", "0")),
        new("ppo: size below 1", Usage, "--num-envs", Ppo("--num-envs", "0")),
        new("ppo: size below 1", Usage, "--update-epochs", Ppo("--update-epochs", "0")),
        new("ppo: size below 1", Usage, "--threads", Ppo("--threads", "0")),
        new("ppo: minibatches not dividing the envs", Usage, "--num-minibatches", Ppo("--num-minibatches", "3")),
        new("ppo: one-sample minibatches with advantage normalisation (NaN weights)", Usage, "--num-minibatches",
            ["ppo", "--run-dir", "{tmp}/run", "--env", "GridPickup", "--num-envs", "1", "--num-steps", "1", "--num-minibatches", "1", "--total-steps", "30"]),
        new("ppo: no steps to train (a part rollout rounds up to one)", Usage, "--total-steps must be at least 1", Ppo("--total-steps", "0")),
        new("ppo: negative checkpoint interval", Usage, "--save-every", Ppo("--save-every", "-1")),
        new("ppo: unknown core", Usage, "--core", Ppo("--core", "transformer")),
        new("ppo: RIMs setting out of range", Usage, "--rims-active", Ppo("--core", "rims", "--rims-active", "9")),
        new("ppo: RIMs setting out of range", Usage, "--rims-dropout", Ppo("--core", "rims", "--rims-dropout", "1")),
        new("ppo: RIMs cell name", Usage, "--rims-cell", Ppo("--core", "rims", "--rims-cell", "transformer")),
        new("ppo: RIMs option with another core (it would be ignored)", Usage, "--rims-units applies to --core rims only (got --core lstm)",
            Ppo("--core", "lstm", "--rims-units", "4")),
        new("ppo: RIMs option without --core (the default is lstm)", Usage, "--rims-dropout applies to --core rims only", Ppo("--rims-dropout", "0.1")),
        new("ppo: near-miss env id", Usage, "did you mean DemonAttack?", Ppo("--env", "Demon_Attack")),
        new("ppo: near-miss env id", Usage, "did you mean DemonAttack?", Ppo("--env", "demon_attack")),
        new("ppo: near-miss env id", Usage, "did you mean GridPickup?", Ppo("--env", "GridPikup")),
        new("ppo: unknown env id", Usage, "'Zork'", Ppo("--env", "Zork")),
        new("ppo: unparsable value", Usage, "--num-envs", Ppo("--num-envs", "abc")),
        new("ppo: unknown option", Usage, "--learning-rat", Ppo("--learning-rat", "1e-3")),
        new("ppo: misspelt option", Usage, "did you mean --learning-rate?", Ppo("--learning-rat", "1e-3")),
        new("ppo: value of the wrong kind, in the project's words", Usage, "--update-epochs takes a whole number (got 'two')",
            Ppo("--update-epochs", "two")),
        new("ppo: shortcut value refused in its env-option key's words", Usage, "Atari option sticky-actions=often is invalid",
            Ppo("--env", "DemonAttack", "--sticky-actions", "often")),
        new("ppo: env option given by its shortcut and --env-option", Usage,
            "sticky-actions is given twice (--sticky-actions and --env-option sticky-actions=0.2); give it once",
            Ppo("--env", "ALE/DemonAttack-v5", "--sticky-actions", "0.1", "--env-option", "sticky-actions=0.2")),
        new("ppo: env option given by its shortcut and --env-option", Usage, "frame-stack is given twice",
            Ppo("--env", "DemonAttack", "--frame-stack", "2", "--env-option", "frame-stack=3")),
        new("ppo: env option given by its shortcut and --env-option", Usage, "episodic-life is given twice",
            Ppo("--env", "DemonAttack", "--no-episodic-life", "--env-option", "episodic-life=true")),
        new("ppo: env option given by its shortcut and --env-option", Usage, "full-action-space is given twice",
            Ppo("--env", "DemonAttack", "--full-action-space", "--env-option", "full-action-space=false")),
        new("ppo: --env-option KEY given twice", Usage,
            "noop-max is given twice (--env-option noop-max=1 and --env-option noop-max=2); give it once",
            Ppo("--env", "DemonAttack", "--env-option", "noop-max=1", "--env-option", "noop-max=2")),
        new("ppo: option given twice", Usage, "--seed is given more than once", Ppo("--seed", "1", "--seed", "2")),
        new("eval: whole number given a fraction", Usage, "--episodes takes a whole number (got '1.5')", ["eval", "--policy", "random", "--env", "GridPickup", "--episodes", "1.5"]),
        // ---- ppo: unusable files
        new("ppo: ROM folder that is a file", File1, "(from --roms) {tmp}/roms.txt is a file, not a folder", Ppo("--env", "DemonAttack", "--roms", "{tmp}/roms.txt"),
            tmp => WriteFile(Path.Combine(tmp, "roms.txt"), "not a folder")),
        new("ppo: run folder that is a file", File1, "--run-dir {tmp}/run.txt is a file", Ppo("--run-dir", "{tmp}/run.txt"),
            tmp => WriteFile(Path.Combine(tmp, "run.txt"), "not a folder")),
        new("ppo: ROM folder without the ROM", File1, "demon_attack.bin", Ppo("--env", "DemonAttack", "--roms", "{tmp}/no-roms")),
        new("ppo: run folder that already holds a run", File1, "already holds a run", Ppo(),
            tmp => WriteFile(Path.Combine(tmp, "run", "config.json"), "{}")),
        // ---- eval
        new("eval: a damaged checkpoint is named with what to do", File1,
            "final.ckpt is not a Rims checkpoint (no RIMSCKPT tag); evaluate another of the run's checkpoints (checkpoints/iter_*.ckpt), or restore this one from a copy",
            ["eval", "--checkpoint", "{tmp}/run/checkpoints/final.ckpt"], tmp => WriteFile(Path.Combine(tmp, "run", "checkpoints", "final.ckpt"), "abc")),
        new("eval: count below 1", Usage, "--episodes", ["eval", "--policy", "random", "--env", "GridPickup", "--episodes", "0"]),
        new("eval: unknown policy kind", Usage, "--policy", ["eval", "--policy", "smart", "--env", "GridPickup"]),
        new("eval: size below 1", Usage, "--threads", ["eval", "--policy", "random", "--env", "GridPickup", "--threads", "0"]),
        new("eval: near-miss env id", Usage, "did you mean Pong?", ["eval", "--policy", "random", "--env", "pongg"]),
        new("eval: missing checkpoint", File1, "{tmp}/none.ckpt", ["eval", "--checkpoint", "{tmp}/none.ckpt"]),
        new("eval: a folder given as the checkpoint", File1, "is a folder", ["eval", "--checkpoint", "{tmp}"]),
        new("eval: a run folder given as the checkpoint names its final checkpoint", File1, "give the run's checkpoint file, e.g. {tmp}/run/checkpoints/final.ckpt",
            ["eval", "--checkpoint", "{tmp}/run"], tmp => WriteFile(Path.Combine(tmp, "run", "checkpoints", "final.ckpt"), "")),
        // Without final.ckpt, the newest periodic one by iteration (not by name: iter_1000000 sorts before iter_999999).
        new("eval: a stopped run folder given as the checkpoint names its newest checkpoint", File1, "give a checkpoint file, e.g. {tmp}/run/checkpoints/iter_1000000.ckpt",
            ["eval", "--checkpoint", "{tmp}/run"], tmp =>
            {
                WriteFile(Path.Combine(tmp, "run", "checkpoints", "iter_999999.ckpt"), "");
                WriteFile(Path.Combine(tmp, "run", "checkpoints", "iter_1000000.ckpt"), "");
            }),
        new("eval: a run's checkpoints folder given as the checkpoint names its final checkpoint", File1, "give the run's checkpoint file, e.g. {tmp}/run/checkpoints/final.ckpt",
            ["eval", "--checkpoint", "{tmp}/run/checkpoints"], tmp => WriteFile(Path.Combine(tmp, "run", "checkpoints", "final.ckpt"), "")),
        new("eval: a run copy without checkpoints given as the checkpoint says it has none", File1, "this run folder holds no checkpoint",
            ["eval", "--checkpoint", "{tmp}/run"], tmp => WriteFile(Path.Combine(tmp, "run", "config.json"), "{}")),
        new("ppo: --resume of a compare folder says to give one of its runs", File1, "it holds run folders, e.g. {tmp}/cmp/GridPickup__lstm__1: give one of them",
            ["ppo", "--resume", "{tmp}/cmp"], tmp => WriteFile(Path.Combine(tmp, "cmp", "GridPickup__lstm__1", "config.json"), "{}")),
        new("ppo: --resume given a file instead of a run folder", File1, "is a file", ["ppo", "--resume", "{tmp}/summary.json"],
            tmp => WriteFile(Path.Combine(tmp, "summary.json"), "{}")),
        new("ppo: --resume of a run whose config.json is corrupt", File1, "{tmp}/run/config.json: malformed JSON or a value of the wrong type at line 1, column 2; restore the run's config.json", ["ppo", "--resume", "{tmp}/run"],
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "16").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                WriteFile(Path.Combine(tmp, "run", "config.json"), "{bad json");
            }),
        new("eval: negative seed", Usage, "--seed", ["eval", "--policy", "random", "--env", "MiniGrid-Fetch-5x5-N2-v0", "--seed", "-5"]),
        new("eval: random policy given a checkpoint", Usage, "--checkpoint", ["eval", "--policy", "random", "--checkpoint", "{tmp}/x.ckpt", "--env", "GridPickup"]),
        new("eval: a file that is not a checkpoint", File1, "{tmp}/junk.ckpt", ["eval", "--checkpoint", "{tmp}/junk.ckpt"],
            tmp => WriteFile(Path.Combine(tmp, "junk.ckpt"), "not a checkpoint at all")),
        new("eval: env of another family than the checkpoint's env options", Usage, "frame-stack",
            ["eval", "--checkpoint", "{tmp}/pong/checkpoints/final.ckpt", "--env", "GridPickup", "--episodes", "1"], tmp => PpoRun.Train(
                new PpoConfig
                {
                    Env = "Pong", Roms = TestData.RomsDirectory, EnvOptions = new() { ["frame-stack"] = "2" }, TotalSteps = 16, NumEnvs = 2, NumSteps = 8,
                    NumMinibatches = 1, Features = 8, Hidden = 8, Threads = 1,
                }, new TrainingOptions { Command = "test", RunDirectory = Path.Combine(tmp, "pong") })),
        new("eval: video into a folder that does not exist", File1, "{tmp}/no-such-folder",
            ["eval", "--policy", "random", "--env", "GridPickup", "--episodes", "1", "--capture-video", "{tmp}/no-such-folder/v.gif"]),
        new("eval: video with another format's extension", Usage, "--capture-video",
            ["eval", "--policy", "random", "--env", "GridPickup", "--episodes", "1", "--capture-video", "{tmp}/v.mp4"]),
        new("eval: ROM folder without the ROM", File1, "pong.bin", ["eval", "--policy", "random", "--env", "Pong", "--roms", "{tmp}/no-roms"]),
        // ---- compare (checked before any training)
        new("compare: a core named twice", Usage, "--cores", Compare("--cores", "lstm,lstm")),
        new("compare: unknown core", Usage, "--cores", Compare("--cores", "lstm,rnn")),
        new("compare: misspelt evaluation env", Usage, "--eval-envs", Compare("--eval-envs", "GridPickup-Novl")),
        new("compare: env option of another family for an evaluation env", Usage, "sticky-actions",
            CompareOn("Pong", "--sticky-actions", "0.5", "--eval-envs", "GridPickup")),
        new("compare: count below 1", Usage, "--seeds", Compare("--seeds", "0")),
        new("compare: count below 1", Usage, "--parallel", Compare("--parallel", "0")),
        new("compare: name that is not a folder name", Usage, "--name", Compare("--name", "a/b")),
        new("compare: bad PPO setting", Usage, "--learning-rate", Compare("--learning-rate", "-1")),
        new("compare: RIMs option while rims is not among --cores", Usage, "--rims-units applies to --core rims only, and rims is not among --cores (lstm)",
            Compare("--rims-units", "4")),
        new("compare: missing ROM of an evaluation env", File1, "pong.bin", Compare("--eval-envs", "Pong", "--roms", "{tmp}/no-roms")),
        new("compare: output root that is a file", File1, "{tmp}/runs", Compare(), tmp => WriteFile(Path.Combine(tmp, "runs"), "a file")),
        new("compare: evaluation env another policy cannot play", Usage, "--eval-envs", Compare("--eval-envs", "BabyAI-PickupDist-v0")),
        new("compare: a folder holding the run with other settings", Usage, "--learning-rate", Compare("--name", "t"), tmp => PpoRun.Train(
            new PpoConfig
            {
                Env = "GridPickup", Core = "lstm", Seed = 1, TotalSteps = 32, NumEnvs = 2, NumSteps = 8, NumMinibatches = 1,
                Features = 8, Hidden = 8, Threads = 1, LearningRate = 1e-3,
            }, new TrainingOptions { Command = "test", RunDirectory = Path.Combine(tmp, "runs", "t", "GridPickup__lstm__1") })),
        // ---- report
        // ---- an empty value (an unset shell variable) is no value, not a path
        new("ppo: empty --run-dir", Usage, "--run-dir needs a value", ["ppo", "--run-dir", "", "--total-steps", "16"]),
        new("report: empty --out", Usage, "--out needs a value", ["report", "{tmp}/a", "--out", ""], tmp => FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1)),
        new("compare: empty --runs-root", Usage, "--runs-root needs a value", Compare("--runs-root", "")),
        new("ppo: a whole number too large for its option", Usage, "--total-steps takes a whole number up to 9223372036854775807 (got '99999999999999999999')",
            Ppo("--total-steps", "99999999999999999999")),
        new("ppo: not a whole number at all", Usage, "--num-envs takes a whole number (got 'four')", Ppo("--num-envs", "four")),
        new("atari roms: an acronym keeps its capitals in the needs-a-value line", Usage, "--roms needs a value: ROM folder", ["atari", "roms", "--roms", "  "]),
        new("ppo: a --run-dir of spaces is empty too, and shown as given", Usage, "(got '  ')", ["ppo", "--run-dir", "  ", "--total-steps", "16"]),
        new("ppo: --resume with a budget below the run's", Usage, "--total-steps 16 is below the budget of 32 agent steps the run in {tmp}/run already has",
            ["ppo", "--resume", "{tmp}/run", "--total-steps", "16"], tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "32").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
            }),
        new("paper: empty --run-dir", Usage, "--run-dir needs a value", ["paper", "copying", "--run-dir", ""]),
        new("eval: empty --checkpoint", Usage, "--checkpoint needs a value", ["eval", "--checkpoint", ""]),
        // ---- damaged runs: named, never trained over
        new("report: episodes.csv with a cell that is not a number", File1, "episodes.csv line 2: episodic_return is not a number ('abc')",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
                WriteFile(Path.Combine(tmp, "a", "episodes.csv"), "global_step,episodic_return,episodic_length,success\n64,abc,4,1\n");
            }),
        new("report: episodes.csv with another header", File1, "episodes.csv line 1: expected the header global_step,episodic_return,episodic_length,success",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
                WriteFile(Path.Combine(tmp, "a", "episodes.csv"), "garbage,,,\n");
            }),
        new("ppo: --resume of a run without config.json", File1, "{tmp}/run has checkpoints but no config.json", ["ppo", "--resume", "{tmp}/run"],
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "16").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                File.Delete(Path.Combine(tmp, "run", "config.json"));
            }),
        new("compare: a finished run whose config.json is corrupt is named, not trained again", File1, "GridPickup__lstm__1/config.json: malformed JSON or a value of the wrong type at line 1", Compare(),
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Compare().Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                WriteFile(Path.Combine(tmp, "runs", "GridPickup-lstm", "GridPickup__lstm__1", "config.json"), "{\"env\": ");
            }),
        new("compare: a run whose only checkpoint is damaged is named, not trained again", File1, "final.ckpt is not a Rims checkpoint", Compare(),
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Compare().Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                WriteFile(Path.Combine(tmp, "runs", "GridPickup-lstm", "GridPickup__lstm__1", "checkpoints", "final.ckpt"), "truncated");
            }),
        new("eval: a file where the run's evals folder belongs, found before playing", File1, "{tmp}/run/evals is a file where the run's evals folder belongs",
            ["eval", "--checkpoint", "{tmp}/run/checkpoints/final.ckpt", "--episodes", "2000"],
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "16").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                WriteFile(Path.Combine(tmp, "run", "evals"), "not a folder");
            }),
        new("eval: a folder where the evaluation file belongs, found before playing", File1, "{tmp}/run/evals/GridPickup.json is a folder",
            ["eval", "--checkpoint", "{tmp}/run/checkpoints/final.ckpt", "--episodes", "2000"],
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "16").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                Directory.CreateDirectory(Path.Combine(tmp, "run", "evals", "GridPickup.json"));
            }),
        new("compare: --parallel with --backend slurm", Usage, "--parallel does not apply to --backend slurm", Compare("--backend", "slurm", "--parallel", "2", "--dry-run")),
        new("compare: --dry-run with --status", Usage, "--dry-run and --status do not go together", Compare("--backend", "slurm", "--dry-run", "--status")),
        new("compare: a trailing comma in --cores", Usage, "--cores has an empty name between commas ('lstm,')", Compare("--cores", "lstm,")),
        new("compare: two commas in --eval-envs", Usage, "--eval-envs has an empty name between commas", Compare("--eval-envs", "GridPickup-Novel,,GridPickup-Crowded")),
        new("eval: --deterministic with the random policy", Usage, "--deterministic picks a policy's most likely action",
            ["eval", "--policy", "random", "--env", "GridPickup", "--deterministic"]),
        new("report: a paper run points to paper report", File1, "is a `paper` run (copying or sequential MNIST), not a PPO run: build its table with `paper report",
            ["report", "{tmp}/copying__lstm__1", "--out", "{tmp}/out"],
            tmp => WriteFile(Path.Combine(tmp, "copying__lstm__1", "config.json"), "{\"model\": {\"core\": \"lstm\"}, \"seed\": 1}")),
        new("compare-report: a run folder twice", Usage, "run folder {tmp}/c/GridPickup__lstm__1 is given twice",
            ["compare-report", "--name", "c", "--out", "{tmp}/out", "{tmp}/c/GridPickup__lstm__1", "{tmp}/c/GridPickup__lstm__1"],
            tmp => FakeRun.Write(Path.Combine(tmp, "c", "GridPickup__lstm__1"), "GridPickup", "lstm", 1)),
        new("compare-report: runs of other settings", Usage, "differ in --total-steps (100 vs 200)",
            ["compare-report", "--name", "c", "--out", "{tmp}/out", "{tmp}/c/GridPickup__lstm__1", "{tmp}/c/GridPickup__rims__1"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "c", "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
                FakeRun.Write(Path.Combine(tmp, "c", "GridPickup__rims__1"), "GridPickup", "rims", 1, settings: new() { ["total_steps"] = 200 });
            }),
        new("compare-report: --out is a file", File1, "--out {tmp}/out is a file",
            ["compare-report", "--name", "c", "--out", "{tmp}/out", "{tmp}/c/GridPickup__lstm__1"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "c", "GridPickup__lstm__1"), "GridPickup", "lstm", 1);
                WriteFile(Path.Combine(tmp, "out"), "not a folder");
            }),
        new("compare-report: a run folder that does not exist", File1, "{tmp}/c/GridPickup__lstm__1",
            ["compare-report", "--name", "c", "--out", "{tmp}/out", "{tmp}/c/GridPickup__lstm__1"]),
        new("report: --by with --across-envs", Usage, "--by makes the sweep table of one env", ["report", "{tmp}/a", "--across-envs", "--by", "learning-rate"]),
        new("report: folder that is not a run", File1, "{tmp}/empty", ["report", "{tmp}/empty", "--out", "{tmp}/out"],
            tmp => Directory.CreateDirectory(Path.Combine(tmp, "empty"))),
        new("report: runs of different envs", Usage, "{tmp}/b", ["report", "{tmp}/a", "{tmp}/b", "--out", "{tmp}/out"], tmp =>
        {
            FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
            FakeRun.Write(Path.Combine(tmp, "b"), "GridPickup-Novel", "lstm", 2);
        }),
        new("report: one seed given twice", Usage, "{tmp}/b", ["report", "{tmp}/a", "{tmp}/b", "--out", "{tmp}/out"], tmp =>
        {
            FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
            FakeRun.Write(Path.Combine(tmp, "b"), "GridPickup", "lstm", 1);
        }),
        new("report: a name that is not one folder name", Usage, "--name", ["report", "{tmp}/a", "--name", "../../x"],
            tmp => FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1)),
        new("report: an unknown option among the run folders", Usage, "unknown option --foo for 'report'", ["report", "{tmp}/a", "--foo"]),
        new("report: one run folder given twice", Usage, "{tmp}/a is given twice", ["report", "{tmp}/a", "{tmp}/a/", "--out", "{tmp}/out"],
            tmp => FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1)),
        new("report: an output folder that is a file", File1, "--out {tmp}/out.txt is a file", ["report", "{tmp}/a", "--out", "{tmp}/out.txt"], tmp =>
        {
            FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
            WriteFile(Path.Combine(tmp, "out.txt"), "not a folder");
        }),
        new("report: a run folder that does not exist", File1, "{tmp}/none", ["report", "{tmp}/none", "--out", "{tmp}/out"]),
        new("report: runs of different budgets", Usage, "differ in --total-steps", ["report", "{tmp}/a", "{tmp}/b", "--out", "{tmp}/out"], tmp =>
        {
            FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
            FakeRun.Write(Path.Combine(tmp, "b"), "GridPickup", "rims", 1, settings: new() { ["total_steps"] = 200 });
        }),
        new("report: --by a setting that does not exist", Usage, "did you mean learning-rate?", ["report", "{tmp}/a", "--out", "{tmp}/out", "--by", "learning-rat"],
            tmp => FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1)),
        new("report: progress.csv with a step that is not a number", File1, "progress.csv line 2", ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
        {
            FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
            WriteFile(Path.Combine(tmp, "a", "progress.csv"), "iteration,global_step\n1,x\n");
        }),
        new("compare: a negative first seed", Usage, "--first-seed must be 0 or more", Compare("--first-seed", "-1")),
        new("compare: seeds past the largest int", Usage, "--first-seed must be 0 or more and leave room for --seeds 3", Compare("--first-seed", "2147483646", "--seeds", "3")),
        new("compare: a name that climbs out of the runs root", Usage, "--name", Compare("--name", "..")),
        new("report: an evaluation whose field has the wrong type", File1, "GridPickup.json: malformed JSON or a value of the wrong type at line 1, column 16 (in $.mean); restore it",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
                WriteFile(Path.Combine(tmp, "a", "evals", "GridPickup.json"), "{\"mean\": \"high\"}");
            }),
        new("report: corrupt summary.json", File1, "summary.json: malformed JSON or a value of the wrong type at line 1, column 3; restore it", ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
        {
            FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
            WriteFile(Path.Combine(tmp, "a", "summary.json"), "{ not json");
        }),
        // A hand-edited value of the wrong type is the file's fault, named as such: not an internal error, a setting
        // difference between runs, or a NaN in a table.
        new("report: config.json with a core that is not text", File1, "config.json: \"core\" = 5 has the wrong type for that PPO setting; restore the run's config.json",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp => FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1, settings: new() { ["core"] = 5 })),
        new("report: config.json with a learning rate that is not a number", File1, "config.json: \"learning_rate\" = \"fast\" has the wrong type",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp => FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1, settings: new() { ["learning_rate"] = "fast" })),
        new("report: summary.json with a speed that is not a number", File1, "summary.json: \"sps\" is \"fast\", not a number; restore it",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
                EditJson(Path.Combine(tmp, "a", "summary.json"), o => o["sps"] = "fast");
            }),
        new("report: summary.json whose completed is not true or false", File1, "summary.json: \"completed\" is \"yes\", not true or false",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp =>
            {
                FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
                EditJson(Path.Combine(tmp, "a", "summary.json"), o => o["completed"] = "yes");
            }),
        new("report: an evaluation whose returns are null", File1, "GridPickup.json: malformed JSON or a value of the wrong type at line 1",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp => WriteEvaluation(tmp, o => o["returns"] = null)),
        new("report: an evaluation without returns", File1, "GridPickup.json has 0 returns for 2 episodes",
            ["report", "{tmp}/a", "--out", "{tmp}/out"], tmp => WriteEvaluation(tmp, o => o["returns"] = new System.Text.Json.Nodes.JsonArray())),
        new("ppo: --resume of a finished run whose summary.json is corrupt (resuming would replace its final checkpoint)", File1,
            "{tmp}/run/summary.json: malformed JSON or a value of the wrong type at line 1", ["ppo", "--resume", "{tmp}/run"], tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "16").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                WriteFile(Path.Combine(tmp, "run", "summary.json"), "{\"completed\": tru");
            }),
        new("ppo: --resume of a run whose config.json has a setting of the wrong type", File1, "{tmp}/run/config.json: \"learning_rate\" = \"fast\" has the wrong type",
            ["ppo", "--resume", "{tmp}/run"], tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Ppo("--total-steps", "16").Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                EditJson(Path.Combine(tmp, "run", "config.json"), o => o["learning_rate"] = "fast");
            }),
        new("compare: a finished run whose summary.json is corrupt is named, not resumed over", File1, "GridPickup__lstm__1/summary.json: malformed JSON", Compare(),
            tmp =>
            {
                var (exit, error, _) = CapturedCli.Run(Compare().Select(a => a.Replace("{tmp}", tmp)).ToArray());
                Assert.True(exit == 0, error);
                WriteFile(Path.Combine(tmp, "runs", "GridPickup-lstm", "GridPickup__lstm__1", "summary.json"), "{\"completed\": tru");
            }),
        // ---- paper
        new("paper: size below 1", Usage, "--train-len", ["paper", "copying", "--train-len", "0", "--run-dir", "{tmp}/run"]),
        new("paper: unparsable list", Usage, "--test-sizes", ["paper", "seqmnist", "--test-sizes", "a,b", "--run-dir", "{tmp}/run"]),
        new("paper: missing data folder", File1, "{tmp}/no-mnist", ["paper", "seqmnist", "--data", "{tmp}/no-mnist", "--run-dir", "{tmp}/run"]),
        new("paper report: folder that is not a run", File1, "{tmp}/none", ["paper", "report", "{tmp}/none", "--out", "{tmp}/out"]),
        // ---- atari
        new("atari verify: missing trace file", File1, "{tmp}/none.jsonl.gz", ["atari", "verify", "{tmp}/none.jsonl.gz", "--roms", "{roms}"]),
        new("atari verify: truncated trace", File1, "{tmp}/pong.jsonl.gz", ["atari", "verify", "{tmp}/pong.jsonl.gz", "--roms", "{roms}"],
            tmp => GzipLines.Write(Path.Combine(tmp, "pong.jsonl.gz"), GzipLines.Read(TestData.AleTrace("pong"))[..3001])),
        new("minigrid verify: a trace that is not gzip'd", File1, "{tmp}/trace.jsonl.gz is not gzip-compressed", ["minigrid", "verify", "{tmp}/trace.jsonl.gz"],
            tmp => WriteFile(Path.Combine(tmp, "trace.jsonl.gz"), "{\"kind\": \"episode\"}")),
        new("atari verify: count below 1", Usage, "--frames must be at least 1", ["atari", "verify", "--game", "pong", "--frames", "0"]),
        new("atari verify: unknown game", Usage, "zork", ["atari", "verify", "--game", "zork", "--traces", "{tmp}"]),
        new("atari roms: missing ROM folder", File1, "{tmp}/no-roms", ["atari", "roms", "--roms", "{tmp}/no-roms"]),
        // ---- bench
        new("bench envs: count below 1", Usage, "--steps", ["bench", "envs", "--steps", "0"]),
        new("bench envs: near-miss env id", Usage, "did you mean Breakout?", ["bench", "envs", "--env", "Break_out"]),
        new("bench rims: size below 1", Usage, "--units", ["bench", "rims", "--units", "0"]),
        new("bench atari: unknown game", Usage, "--rom", ["bench", "atari", "--rom", "zork"]),
        new("bench atari: missing ROM folder", File1, "{tmp}/no-roms", ["bench", "atari", "--roms", "{tmp}/no-roms"]),
        // ---- env plugins (--env-assembly)
        new("plugin: missing assembly", File1, "{tmp}/none.dll", Ppo("--env-assembly", "{tmp}/none.dll", "--env", "Corridor")),
        new("plugin: a file that is not a .NET assembly", File1, "{tmp}/junk.dll", Ppo("--env-assembly", "{tmp}/junk.dll", "--env", "Corridor"),
            tmp => WriteFile(Path.Combine(tmp, "junk.dll"), "not an assembly")),
        new("plugin: a dependency missing beside it", File1, "CorridorRules", ["eval", "--env-assembly", "{tmp}/p/CorridorPlugin.dll", "--policy", "random", "--env", "x"],
            tmp => Plugins.TestPlugin.CopyTo(Path.Combine(tmp, "p"), except: "CorridorRules.dll")),
        new("plugin: a dependency missing when the env is built", File1, "CorridorRules.dll",
            Ppo("--env-assembly", "{tmp}/p/CorridorPlugin.dll", "--env", "PluginTest-Corridor-v0"),
            tmp => Plugins.TestPlugin.CopyTo(Path.Combine(tmp, "p"), except: "CorridorRules.dll"), Child: true),
        new("plugin: an env factory that throws", File1, "from plugin {tmp}/p/CorridorPlugin.dll failed to start: the corridor was asked to fail",
            Ppo("--env-assembly", "{tmp}/p/CorridorPlugin.dll", "--env", "PluginTest-Corridor-v0", "--env-option", "fail-to-start=1"),
            tmp => Plugins.TestPlugin.CopyTo(Path.Combine(tmp, "p")), Child: true),
        new("plugin: an assembly that declares no env", File1, "declares no env", ["envs", "--env-assembly", typeof(MathNet.Numerics.Constants).Assembly.Location]),
        new("plugin: an env id that clashes with a built-in", Usage, "'GridPickup'", Compare("--env-assembly", Plugins.TestPlugin.DependencyPath)),
        // ---- envs and the root
        new("envs: unknown option", Usage, "--all", ["envs", "--all"]),
        new("unknown verb", Usage, "'train'", ["train", "--env", "GridPickup"]),
        new("misspelt verb", Usage, "did you mean compare?", ["compar", "--env", "GridPickup"]),
        new("misspelt verb of bench", Usage, "did you mean atari?", ["bench", "atri"]),
        // ---- the same boundary in a real child process (an escaping exception would be exit 134 with a stack trace)
        new("child process: Atari option out of range", Usage, "frame-stack", Ppo("--env", "DemonAttack", "--frame-stack", "0"), Child: true),
        new("child process: one-sample minibatches", Usage, "--num-minibatches",
            ["ppo", "--run-dir", "{tmp}/run", "--env", "GridPickup", "--num-envs", "1", "--num-steps", "1", "--num-minibatches", "1", "--total-steps", "30"], Child: true),
        new("child process: a file that is not a checkpoint", File1, "{tmp}/junk.ckpt", ["eval", "--checkpoint", "{tmp}/junk.ckpt"],
            tmp => WriteFile(Path.Combine(tmp, "junk.ckpt"), "not a checkpoint at all"), Child: true),
        new("child process: truncated trace", File1, "{tmp}/pong.jsonl.gz", ["atari", "verify", "{tmp}/pong.jsonl.gz", "--roms", "{roms}"],
            tmp => GzipLines.Write(Path.Combine(tmp, "pong.jsonl.gz"), GzipLines.Read(TestData.AleTrace("pong"))[..3001]), Child: true),
    ];

    [Fact]
    public void EveryBadInputIsOneLineWithItsExitCodeNoStackTraceAndNoFilesLeftBehind()
    {
        var rows = Table().ToList();
        Assert.True(rows.Count >= 40, $"the table has {rows.Count} rows");
        // A row that repeats an option would only test the refusal of the repetition.
        var repeating = rows.Where(r => !r.Class.Contains("twice", StringComparison.Ordinal)
                                        && r.Args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--env-option")
                                            .GroupBy(a => a).Any(g => g.Count() > 1)).Select(r => r.Class).ToList();
        Assert.True(repeating.Count == 0, "rows that repeat an option: " + string.Join(", ", repeating));
        var failures = new List<string>();
        foreach (var row in rows)
        {
            string tmp = Directory.CreateTempSubdirectory("rims-bad-input-").FullName;
            try
            {
                row.Setup?.Invoke(tmp);
                var before = Entries(tmp);
                string[] args = row.Args.Select(a => Expand(a, tmp)).ToArray();
                var (exit, error, output) = row.Child ? ChildCli.Run(args, tmp, TimeSpan.FromMinutes(2)) : CapturedCli.Run(args);
                string names = Expand(row.Names, tmp);
                var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.Contains("NNPACK", StringComparison.Ordinal)).ToList();   // libtorch's own CPU warning
                var problems = new List<string>();
                if (exit != row.Exit) problems.Add($"exit {exit}, expected {row.Exit}");
                if (lines.Count != 1) problems.Add($"{lines.Count} stderr lines");
                else if (!lines[0].StartsWith("error: ", StringComparison.Ordinal)) problems.Add("stderr does not start with 'error: '");
                if (!error.Contains(names, StringComparison.Ordinal)) problems.Add($"stderr does not name '{names}'");
                if ((error + output).Contains("   at ", StringComparison.Ordinal)) problems.Add("a stack trace was printed");
                // System.Text.Json's own position text (0-based) is for the inner exception, not for the user.
                if (error.Contains("BytePositionInLine", StringComparison.Ordinal)) problems.Add("the JSON parser's text was printed");
                if (error.Contains("has no complete checkpoint", StringComparison.Ordinal) && !error.Contains("restore a checkpoint from a copy", StringComparison.Ordinal))
                    problems.Add("a damaged checkpoint without its fix");
                var created = Entries(tmp).Except(before).ToList();
                if (created.Count > 0) problems.Add($"left behind: {string.Join(", ", created)}");
                if (problems.Count > 0)
                    failures.Add($"[{row.Class}] {string.Join(' ', row.Args)}: {string.Join("; ", problems)}\n    stderr: {error.Trim()}");
            }
            finally
            {
                Directory.Delete(tmp, recursive: true);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {rows.Count} rows broke the contract:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void AnInternalErrorIsOneLineWithExitCode70AndItsStackTraceInTheNamedLog()
    {
        string logs = Directory.CreateTempSubdirectory("rims-error-log-").FullName;
        var error = new StringWriter();
        var oldError = Console.Error;
        Environment.SetEnvironmentVariable(CliRunner.ErrorLogVariable, logs);
        Console.SetError(error);
        try
        {
            int exit = CliRunner.Report(Thrown(new InvalidOperationException("the trainer lost its tensors")));
            Assert.Equal(CliRunner.InternalError, exit);
            string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: internal error: the trainer lost its tensors (stack trace in ", line);
            string log = Assert.Single(Directory.GetFiles(logs, "rims-error-*.log"));
            Assert.Contains(log, line);
            Assert.Contains("   at ", File.ReadAllText(log));
            Assert.Contains(nameof(Thrown), File.ReadAllText(log));
        }
        finally
        {
            Console.SetError(oldError);
            Environment.SetEnvironmentVariable(CliRunner.ErrorLogVariable, null);
            Directory.Delete(logs, recursive: true);
        }
    }

    [Fact]
    public void ParallelWorkIsUnwrappedToItsCauseAndFileErrorsOfEveryKindExitWith1()
    {
        var error = new StringWriter();
        var oldError = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(CliRunner.InputError, CliRunner.Report(new AggregateException(new AggregateException(new FileNotFoundException("run-7/final.ckpt is missing")))));
            Assert.Equal(CliRunner.InputError, CliRunner.Report(new UnauthorizedAccessException("Access to the path '/runs/x' is denied.")));
            Assert.Equal(CliRunner.InputError, CliRunner.Report(new DirectoryNotFoundException("no folder /runs/x")));
            Assert.Equal(CliRunner.InputError, CliRunner.Report(new System.Text.Json.JsonException("bad JSON in /runs/x/config.json")));
            Assert.Equal(CliRunner.UsageError, CliRunner.Report(new AggregateException(new CliUsageException("--cores: 'rnn' is not lstm"))));
            Assert.Equal(CliRunner.UsageError, CliRunner.Report(new System.Reflection.TargetInvocationException(new CliUsageException("--x"))));
            var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(6, lines.Length);
            Assert.Equal("error: run-7/final.ckpt is missing", lines[0]);
            Assert.Equal("error: --cores: 'rnn' is not lstm", lines[4]);
        }
        finally
        {
            Console.SetError(oldError);
        }
    }

    [Fact]
    public void AMultiLineMessageIsPrintedAsOneLine()
    {
        var error = new StringWriter();
        var oldError = Console.Error;
        Console.SetError(error);
        try
        {
            CliRunner.Report(new IOException("run lstm seed 1 failed:\nerror: ROM missing\r\n"));
            Assert.Equal("error: run lstm seed 1 failed: error: ROM missing", error.ToString().Trim());
        }
        finally
        {
            Console.SetError(oldError);
        }
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Rewrites the JSON object in <paramref name="path"/> with <paramref name="edit"/> applied.</summary>
    private static void EditJson(string path, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    /// <summary>A fake run in {tmp}/a with an evaluation of 2 episodes on GridPickup, edited by <paramref name="edit"/>.</summary>
    private static void WriteEvaluation(string tmp, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        string run = FakeRun.Write(Path.Combine(tmp, "a"), "GridPickup", "lstm", 1);
        var evaluation = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new EvalResult
        {
            Env = "GridPickup", TrainEnv = "GridPickup", Checkpoint = "checkpoints/final.ckpt", Episodes = 2, Seed = 1, Deterministic = false,
            Returns = [1, 2], Lengths = [5, 5], Successes = [1, 1], Mean = 1.5, Std = 0.5, Iqm = 1.5, Min = 1, Max = 2, SuccessRate = 1,
        }, RunJson.Options))!.AsObject();
        edit(evaluation);
        WriteFile(Path.Combine(run, "evals", "GridPickup.json"), evaluation.ToJsonString());
    }

    private static string Expand(string text, string tmp)
    {
        text = text.Replace("{tmp}", tmp, StringComparison.Ordinal);
        return text.Contains("{roms}", StringComparison.Ordinal) ? text.Replace("{roms}", TestData.RomsDirectory, StringComparison.Ordinal) : text;
    }

    private static HashSet<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).ToHashSet();

    private static void WriteFile(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
