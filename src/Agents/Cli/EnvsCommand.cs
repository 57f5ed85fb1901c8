using System.CommandLine;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>`envs`: lists every registered env id with one line each.</summary>
public static class EnvsCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("envs", "List the registered environment ids (with --env-assembly, also the envs it declares).");
        var envAssembly = new EnvAssemblyOption(command);
        command.SetAction(parse =>
        {
            envAssembly.Load(parse);
            foreach (var r in EnvRegistry.Default.All)
                Console.WriteLine($"{r.Id,-28} {r.Description}" + (r.AssemblyPath is { } path ? $" [{path}]" : ""));
            return 0;
        });
        return command;
    }
}
