using System.Globalization;
using System.Text.Json.Nodes;
using Rims.Agents.Cli;
using Rims.Agents.Ppo;
using Rims.Agents.Tests.Cli;
using Rims.Envs;
using Rims.Policies.Cores;
using Rims.Policies.Encoders;

namespace Rims.Agents.Tests.Ppo;

/// <summary>
/// PPO and the eval verb on a real Atari game (the managed emulator with the real ROM): each core trains a few
/// iterations on DemonAttack behind the Nature CNN, and the random-agent baseline prints raw full-game scores.
/// </summary>
[Collection("Console")]
public class AtariPpoTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-atari-ppo-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static PpoConfig Config(string core) => new()
    {
        Env = "DemonAttack", Core = core, Seed = 1, TotalSteps = 2 * 32 * 2, NumEnvs = 2, NumSteps = 32, NumMinibatches = 2,
        Threads = 1, Roms = TestData.RomsDirectory,
    };

    private static readonly string[] Losses =
        ["losses/value_loss", "losses/policy_loss", "losses/entropy", "losses/approx_kl", "losses/clipfrac"];

    [Theory]
    [InlineData("lstm", typeof(LstmCore))]
    [InlineData("gru", typeof(GruCore))]
    [InlineData("rims", typeof(RimsCore))]
    public void EachCoreTrainsOnDemonAttackBehindTheNatureCnn(string core, Type coreType)
    {
        var config = Config(core);
        var dir = Path.Combine(root, core);
        var result = PpoRun.Train(config, new TrainingOptions { Command = $"ppo --env DemonAttack --core {core}", RunDirectory = dir });
        Assert.Equal(dir, result.RunDirectory);
        Assert.Equal(128, result.GlobalStep);

        // config.json: the Atari observation, its six actions and the frame skip that turns steps into frames.
        var runConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal("frames[4x84x84] uint8", runConfig["observation"]!.GetValue<string>());
        Assert.Equal(6, runConfig["actions"]!.GetValue<int>());
        Assert.Equal(4, runConfig["frame_skip"]!.GetValue<int>());

        // summary.json: agent steps and frames = steps x 4.
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.Equal("DemonAttack", summary["env"]!.GetValue<string>());
        Assert.Equal(core, summary["core"]!.GetValue<string>());
        Assert.Equal(128, summary["total_steps"]!.GetValue<long>());
        Assert.Equal(128 * 4, summary["frames"]!.GetValue<long>());
        Assert.True(summary["completed"]!.GetValue<bool>());

        // progress.csv: one row per iteration, frames = global_step x 4, every loss finite.
        var lines = File.ReadAllLines(Path.Combine(dir, "progress.csv"));
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        Assert.Equal(3, lines.Length);
        int step = Array.IndexOf(header, "global_step"), frames = Array.IndexOf(header, "frames");
        Assert.True(step >= 0 && frames >= 0);
        for (int row = 1; row < lines.Length; row++)
        {
            var cells = lines[row].Split(',');
            Assert.Equal(header.Length, cells.Length);
            long globalStep = long.Parse(cells[step], CultureInfo.InvariantCulture);
            Assert.Equal(64L * row, globalStep);
            Assert.Equal(4 * globalStep, long.Parse(cells[frames], CultureInfo.InvariantCulture));
            foreach (var loss in Losses)
            {
                string cell = cells[Array.IndexOf(header, loss)];
                Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value),
                    $"{core} iteration {row}: {loss} is '{cell}'");
            }
            // A policy that starts near uniform over DemonAttack's six actions has entropy close to ln 6.
            double entropy = double.Parse(cells[Array.IndexOf(header, "losses/entropy")], CultureInfo.InvariantCulture);
            Assert.InRange(entropy, Math.Log(6) - 0.1, Math.Log(6) + 1e-6);
        }

        // The weights the run saved are a Nature CNN reading [4, 84, 84] frames, then the chosen core.
        using var env = EnvRegistry.Default.Make("DemonAttack", new EnvSettings { RomsDirectory = TestData.RomsDirectory });
        using var policy = PolicyFactory.Create(config, env.ObservationSpec, env.ActionCount);
        Assert.IsType<NatureCnn>(Assert.Single(policy.named_modules(), m => m.name == "encoder").module);
        Assert.IsType(coreType, policy.Core);
        Checkpoint.LoadPolicy(Path.Combine(dir, "checkpoints", "final.ckpt"), policy);
        var shapes = policy.named_parameters().Where(p => p.name.StartsWith("encoder.", StringComparison.Ordinal) && p.name.EndsWith(".weight", StringComparison.Ordinal))
            .Select(p => string.Join('x', p.parameter.shape)).ToArray();
        Assert.Equal(["32x4x8x8", "64x32x4x4", "64x64x3x3", "512x3136"], shapes);
        Assert.Equal(policy.ParameterCount, summary["parameters"]!.GetValue<long>());
    }

    [Fact]
    public void EvalOfARandomAgentPrintsTheRawScoreStatistics()
    {
        var (exit, error, output) = RunCli("eval", "--env", "DemonAttack", "--policy", "random", "--episodes", "2", "--seed", "1",
            "--roms", TestData.RomsDirectory);
        Assert.True(exit == 0, error);
        Assert.Contains("DemonAttack: 2 episodes, policy random", output);
        Assert.Contains("not written to a file: a random policy has no run folder", output);

        // The same random agent played here: uniform actions from Random(seed), whole games (all lives), raw points.
        using var env = EnvRegistry.Default.Make("DemonAttack", new EnvSettings { RomsDirectory = TestData.RomsDirectory });
        var random = new Random(1);
        var observation = new byte[env.ObservationSpec.Size];
        var raw = new double[2];
        var clipped = new double[2];
        env.Reset(observation, 1);
        for (int episode = 0; episode < 2; episode++)
        {
            if (episode > 0) env.Reset(observation);
            while (true)
            {
                var result = env.Step(random.Next(env.ActionCount), observation);
                raw[episode] += result.Info.RawReward;
                clipped[episode] += result.Reward;
                if (result.Info.GameOver) break;
                if (result.Done) env.Reset(observation);
            }
        }
        // The printed scores are the points the game paid, not the learner's clipped rewards.
        for (int i = 0; i < 2; i++) Assert.True(raw[i] > clipped[i], $"game {i}: raw {raw[i]} is not above the clipped {clipped[i]}");
        double mean = raw.Average();
        double std = Math.Sqrt(raw.Average(r => (r - mean) * (r - mean)));
        foreach (var expected in new[] { $"mean {mean:F2}", $"std {std:F2}", $"min {raw.Min():F2}", $"max {raw.Max():F2}" })
            Assert.Contains(expected, output);
    }

    private static (int Exit, string Error, string Output) RunCli(params string[] args) => CapturedCli.Run(args);
}
