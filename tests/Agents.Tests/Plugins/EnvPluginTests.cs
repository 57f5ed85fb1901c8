using System.Text.Json.Nodes;
using Rims.Agents.Ppo;
using Rims.Agents.Tests.Cli;
using Rims.Envs;

namespace Rims.Agents.Tests.Plugins;

/// <summary>
/// Env plugins: a user's assembly declares envs through IEnvPlugin; --env-assembly loads it (its dependencies from its
/// own folder, Rims shared with the host), its envs train, resume, evaluate and list, and runs record where it came from.
/// </summary>
[Collection("Console")]
public class EnvPluginTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-plugin-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void LoadingRegistersTheDeclaredEnvsWithTheirAssemblyAndTheirDependencyFromTheirFolder()
    {
        var registry = new EnvRegistry();
        var registrations = EnvPlugins.Load(TestPlugin.Path, registry);

        var corridor = Assert.Single(registrations);
        Assert.Equal(TestPlugin.EnvId, corridor.Id);
        Assert.Equal(Path.GetFullPath(TestPlugin.Path), corridor.AssemblyPath);
        using var env = registry.Make(TestPlugin.EnvId);
        // The plugin's IEnv is the host's IEnv (Rims is shared), and its dependency's constant (4 cells) came along.
        Assert.Equal([4], env.ObservationSpec.Parts[0].Shape);
        var observation = new byte[4];
        env.Reset(observation, seed: 0);
        StepResult step = default;
        for (int i = 0; i < 3; i++) step = env.Step(1, observation);
        Assert.True(step.Terminated);
        Assert.Equal(1f, step.Reward);
        // A second load of the same file changes nothing.
        Assert.Same(registrations, EnvPlugins.Load(TestPlugin.Path, registry));
        Assert.Single(registry.All);
    }

    [Fact]
    public void ThePpoVerbTrainsAPluginEnvAndAResumeReloadsThePluginFromTheRunsConfig()
    {
        var dir = Path.Combine(root, "run");
        var (exit, error, _) = CapturedCli.Run("ppo", "--env-assembly", TestPlugin.Path, "--env", TestPlugin.EnvId, "--core", "ff",
            "--run-dir", dir, "--total-steps", "64", "--num-envs", "2", "--num-steps", "16", "--num-minibatches", "1", "--features", "8", "--threads", "1");
        Assert.True(exit == 0, error);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "config.json")))!;
        Assert.Equal(TestPlugin.EnvId, (string?)config["env"]);
        Assert.Equal(Path.GetFullPath(TestPlugin.Path), (string?)config["env_assembly"]);
        Assert.Equal(Path.GetFullPath(TestPlugin.Path), Checkpoint.ReadHeader(Path.Combine(dir, "checkpoints", "final.ckpt")).Config.EnvAssembly);

        // `ppo --resume` of the finished run with more steps: no --env-assembly, the recorded path brings the env back.
        (exit, error, _) = CapturedCli.Run("ppo", "--resume", dir, "--total-steps", "128");
        Assert.True(exit == 0, error);
        Assert.Equal(128, (long)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!["total_steps"]!);

        (exit, error, var output) = CapturedCli.Run("eval", "--checkpoint", Path.Combine(dir, "checkpoints", "final.ckpt"), "--episodes", "3");
        Assert.True(exit == 0, error);
        Assert.Contains($"{TestPlugin.EnvId}: 3 episodes", output);
        Assert.True(File.Exists(Path.Combine(dir, "evals", TestPlugin.EnvId + ".json")));
    }

    [Fact]
    public void AnExceptionFromAPluginEnvsStepIsBlamedOnThePluginInTrainingAndInEvaluation()
    {
        // Training: one line naming the env, the plugin and the call, exit 1 (a bad input file, not Rims' internal error),
        // and run.log keeps the same line.
        var dir = Path.Combine(root, "run");
        var (exit, error, _) = CapturedCli.Run("ppo", "--env-assembly", TestPlugin.Path, "--env", TestPlugin.EnvId, "--env-option", "fail-in-step=1",
            "--core", "ff", "--run-dir", dir, "--total-steps", "64", "--num-envs", "2", "--num-steps", "16", "--num-minibatches", "1", "--features", "8", "--threads", "1");
        string blame = $"env CorridorEnv from plugin {Path.GetFullPath(TestPlugin.Path)} failed in Step: the corridor broke in its third step";
        Assert.Equal(1, exit);
        Assert.StartsWith("error: " + blame, error.Trim());
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(blame, File.ReadAllText(Path.Combine(dir, "run.log")));

        // Evaluation drives the env through the same calls.
        var registry = new EnvRegistry();
        EnvPlugins.Load(TestPlugin.Path, registry);
        using var env = registry.Make(TestPlugin.EnvId, new EnvSettings { Options = new Dictionary<string, string> { ["fail-in-step"] = "1" } });
        var thrown = Assert.Throws<IOException>(() => Rims.Agents.Evaluation.Evaluator.Run(env, new Rims.Agents.Evaluation.RandomPolicy(env.ActionCount, seed: 0),
            new Rims.Agents.Evaluation.EvalSettings(TestPlugin.EnvId, Episodes: 1, Seed: 0, Deterministic: false, CheckpointLabel: "random")));
        Assert.StartsWith(blame, thrown.Message);
        Assert.IsType<InvalidOperationException>(thrown.InnerException);

        // Rims' own envs are not wrapped: their exceptions stay what they are (a bug of Rims is an internal error).
        using var gridPickup = EnvRegistry.Default.Make("GridPickup");
        Assert.Null(EnvCall.PluginOf(gridPickup));
    }

    [Fact]
    public void TheEnvsVerbListsAPluginsEnvsWithTheirAssembly()
    {
        var (exit, error, output) = CapturedCli.Run("envs", "--env-assembly", TestPlugin.Path);
        Assert.True(exit == 0, error);
        Assert.Contains($"{TestPlugin.EnvId,-28} test plugin: walk right to the end of a 4-cell corridor [{Path.GetFullPath(TestPlugin.Path)}]", output);
        Assert.Contains("GridPickup ", output);
    }

    [Fact]
    public void CompareRunsAPluginEnvInChildProcessesThatLoadItFromTheRunConfig()
    {
        var (exit, error, output) = CapturedCli.Run("compare", "--env-assembly", TestPlugin.Path, "--env", TestPlugin.EnvId, "--cores", "ff,lstm",
            "--seeds", "1", "--parallel", "2", "--runs-root", root, "--name", "corridor", "--total-steps", "32", "--num-envs", "2",
            "--num-steps", "16", "--num-minibatches", "1", "--features", "8", "--hidden", "8", "--threads", "1", "--eval-episodes", "2");
        Assert.True(exit == 0, error + output);
        foreach (var core in new[] { "ff", "lstm" })
        {
            var run = Path.Combine(root, "corridor", $"{TestPlugin.EnvId}__{core}__1");
            Assert.True(File.Exists(Path.Combine(run, "evals", TestPlugin.EnvId + ".json")), run);
            Assert.Equal(Path.GetFullPath(TestPlugin.Path), (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!["env_assembly"]);
        }
        Assert.True(File.Exists(Path.Combine(root, "reports", "corridor", "report.md")));
    }
}
