using System.CommandLine;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// --env-assembly PATH.dll: loads a user's env plugin (<see cref="EnvPlugins.Load"/>) before the verb reads its env ids,
/// so its envs train, evaluate, compare and list like Rims' own. Shared by ppo, eval, compare and envs.
/// </summary>
public sealed class EnvAssemblyOption
{
    /// <summary>The option.</summary>
    public Option<string?> Option { get; } = new("--env-assembly")
    {
        Description = "A .NET assembly declaring envs (a public IEnvPlugin class); its envs become --env ids, and runs record it so a resume or compare's child runs load it again",
    };

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public EnvAssemblyOption(Command command) => command.Options.Add(Option);

    /// <summary>
    /// Loads the given assembly, if any, and returns its full path (what a run's config records), else null. Its envs
    /// are registered in <see cref="EnvRegistry.Default"/>.
    /// </summary>
    /// <exception cref="CliUsageException">An env id it declares is taken (exit 2).</exception>
    /// <exception cref="IOException">It is missing, not a .NET assembly, cannot be loaded, or declares no env (exit 1).</exception>
    public string? Load(ParseResult parse)
    {
        if (parse.GetValue(Option) is not { } path) return null;
        EnvPlugins.Load(path);
        return Path.GetFullPath(path);
    }
}
