using System.CommandLine;
using Rims.Agents.Settings;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// --env-assembly PATH.dll (declared once, as <see cref="Ppo.PpoConfig.EnvAssembly"/>): loads a user's env plugin
/// (<see cref="EnvPlugins.Load"/>) before the verb reads its env ids, so its envs train, evaluate, compare and list like
/// Rims' own. ppo, compare and bench ppo get the option with the PPO settings; eval and envs add it here.
/// </summary>
public sealed class EnvAssemblyOption
{
    /// <summary>The option.</summary>
    public Option<string?> Option { get; }

    /// <summary>Adds the option to a verb without the PPO settings, with the setting's help line.</summary>
    public EnvAssemblyOption(Command command)
    {
        Option = new Option<string?>("--env-assembly") { Description = SettingTable.Named("--env-assembly").Help };
        command.Options.Add(Option);
    }

    /// <summary>The option <paramref name="options"/> generated from the setting.</summary>
    public EnvAssemblyOption(PpoOptions options) => Option = options.EnvAssembly;

    /// <summary>
    /// Loads the given assembly, if any, and returns its full path (what a run's config records), else null. Its envs
    /// are registered in <see cref="EnvRegistry.Default"/>.
    /// </summary>
    /// <exception cref="EnvIdClashException">An env id it declares is taken (exit 2).</exception>
    /// <exception cref="IOException">It is missing, not a .NET assembly, cannot be loaded, or declares no env (exit 1).</exception>
    public string? Load(ParseResult parse)
    {
        if (parse.GetValue(Option) is not { } path) return null;
        EnvPlugins.Load(path);
        return Path.GetFullPath(path);
    }
}
