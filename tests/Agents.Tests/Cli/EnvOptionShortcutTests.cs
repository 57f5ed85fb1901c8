using System.CommandLine;
using Rims.Agents.Cli;
using Rims.Envs.Atari;

namespace Rims.Agents.Tests.Cli;

/// <summary>
/// An Atari shortcut (--sticky-actions, --frame-stack) takes the values its --env-option key takes, by the env
/// family's own parser, so README's "--sticky-actions true" (= 0.25) works as "--env-option sticky-actions=true" does.
/// </summary>
public class EnvOptionShortcutTests
{
    [Theory]
    [InlineData("--sticky-actions", "sticky-actions", "true", 0.25f)]
    [InlineData("--sticky-actions", "sticky-actions", "false", 0f)]
    [InlineData("--sticky-actions", "sticky-actions", "0.1", 0.1f)]
    public void AShortcutReadsItsValueAsItsEnvOptionKeyDoes(string shortcut, string key, string value, float probability)
    {
        var viaShortcut = Options("--env", "DemonAttack", shortcut, value);
        var viaKey = Options("--env", "DemonAttack", "--env-option", $"{key}={value}");
        Assert.Equal(viaKey.StickyActionProbability, viaShortcut.StickyActionProbability);
        Assert.Equal(probability, viaShortcut.StickyActionProbability);
    }

    [Fact]
    public void FrameStackShortcutReadsItsValueAsItsEnvOptionKeyDoes() =>
        Assert.Equal(Options("--env-option", "frame-stack=2").FrameStack, Options("--frame-stack", "2").FrameStack);

    private static AtariEnvOptions Options(params string[] args)
    {
        var command = new Command("ppo");
        var config = new PpoOptions(command).Read(command.Parse(args));
        return new AtariEnvOptions().WithOverrides(config.EnvOptions);
    }
}
