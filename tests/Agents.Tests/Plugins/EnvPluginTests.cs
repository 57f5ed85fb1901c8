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
