using System.CommandLine;

namespace Rims.Agents.Cli;

/// <summary>Parses and invokes the command line with the project's error conventions.</summary>
public static class CliRunner
{
    /// <summary>Exit code for bad usage or bad option values.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs <paramref name="root"/>. Parse errors and <see cref="CliUsageException"/> print one line naming the
    /// problem and exit with <see cref="UsageError"/>; other exceptions propagate (never swallowed).
    /// </summary>
    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }
}

/// <summary>Bad input from the user: printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
