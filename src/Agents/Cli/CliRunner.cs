using System.CommandLine;

namespace Rims.Agents.Cli;

/// <summary>Parses and invokes the command line with the project's error conventions.</summary>
public static class CliRunner
{
    /// <summary>Exit code for bad usage or bad option values.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for missing or unreadable input files.</summary>
    public const int InputError = 1;

    /// <summary>
    /// The command line as the user typed it, for run provenance: the parse tokens already hold the verb path
    /// ("paper copying --core rims ..."), so nothing is prefixed.
    /// </summary>
    public static string CommandLine(ParseResult parse) => string.Join(' ', parse.Tokens.Select(t => t.Value));

    /// <summary>
    /// Runs <paramref name="root"/>. Parse errors and <see cref="CliUsageException"/> print one line naming the
    /// problem and exit with <see cref="UsageError"/>; file problems exit with <see cref="InputError"/>; other
    /// exceptions (bugs) propagate with their stack trace.
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
        catch (Exception e) when (e is CliUsageException or Envs.UnknownEnvException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Missing or broken input files (ROMs, checkpoints, run folders): the message names the file and the fix.
            Console.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }
    }
}

/// <summary>Bad input from the user: printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
