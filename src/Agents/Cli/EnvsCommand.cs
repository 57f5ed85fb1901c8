using System.CommandLine;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>`envs`: lists every registered env id with one line each.</summary>
public static class EnvsCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("envs", "List the registered environment ids.");
        command.SetAction(_ =>
        {
            foreach (var r in EnvRegistry.Default.All) Console.WriteLine($"{r.Id,-28} {r.Description}");
            return 0;
        });
        return command;
    }
}
