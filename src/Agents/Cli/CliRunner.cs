using System.CommandLine;
using System.Reflection;
using System.Text.Json;

namespace Rims.Agents.Cli;

/// <summary>
/// Parses and invokes the command line, and is the one place where exceptions become the error contract
/// (README, "Errors and exit codes"): every failure prints exactly one line on stderr, starting with "error: ",
/// and exits with <see cref="UsageError"/>, <see cref="InputError"/> or <see cref="InternalError"/>. No stack
/// trace ever reaches the terminal; an internal error's goes to a log file whose path the line names.
/// </summary>
public static class CliRunner
{
    /// <summary>Exit code for bad usage or bad option values (the POSIX/argparse convention).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for missing, unreadable, unwritable or malformed files (ROMs, checkpoints, run folders, traces).</summary>
    public const int InputError = 1;

    /// <summary>Exit code for anything else, i.e. a bug: EX_SOFTWARE (70) of BSD's sysexits.h.</summary>
    public const int InternalError = 70;

    /// <summary>
    /// Folder that receives the stack trace of an internal error (rims-error-*.log); unset: the system temp folder.
    /// </summary>
    public const string ErrorLogVariable = "RIMS_ERROR_LOG_DIR";

    /// <summary>
    /// The command line as the user typed it, for run provenance: the parse tokens already hold the verb path
    /// ("paper copying --core rims ..."), so nothing is prefixed. Each word is quoted for bash where it needs it
    /// (<see cref="ShellQuote"/>), so a recorded command with a path holding spaces can be pasted and run again.
    /// </summary>
    public static string CommandLine(ParseResult parse) => ShellQuote.Words(parse.Tokens.Select(t => t.Value));

    /// <summary>
    /// Runs a settings check whose <see cref="ArgumentException"/> names the option and the allowed values (the
    /// Validate methods of the configs) and turns that exception into a usage error. Every verb checks its settings
    /// through this, completely, before it creates a file or starts work.
    /// </summary>
    /// <exception cref="CliUsageException">The check failed; the message is the check's.</exception>
    public static void Validate(Action check) => Validate(() => { check(); return 0; });

    /// <summary>The same for a check or step that returns a value (e.g. options parsed from the command line).</summary>
    /// <exception cref="CliUsageException">The check failed; the message is the check's.</exception>
    public static T Validate<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    /// <summary>
    /// Runs <paramref name="root"/> and returns the exit code: 0, or the code <see cref="Report"/> gives the
    /// exception that ended the verb. A command line that does not parse is a usage error, in one line (<see cref="ParseErrorLine"/>).
    /// </summary>
    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (ParseErrorLine.For(parse) is { } problem)
        {
            Console.Error.WriteLine($"error: {problem}");
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>
    /// Prints the one-line message for <paramref name="exception"/> on stderr and returns its exit code. Wrappers
    /// from parallel or reflective work (<see cref="AggregateException"/>, <see cref="TargetInvocationException"/>)
    /// are unwrapped to the first real cause.
    /// </summary>
    public static int Report(Exception exception)
    {
        var e = Unwrap(exception);
        switch (e)
        {
            case CliUsageException or Envs.UnknownEnvException or Envs.EnvIdClashException:
                Console.Error.WriteLine($"error: {OneLine(e.Message)}");
                return UsageError;
            // File problems; the messages of the project's readers name the file and what is wrong with it, and the
            // runtime's name the path ("Access to the path '/x' is denied.").
            case IOException or UnauthorizedAccessException or InvalidDataException or JsonException:
                Console.Error.WriteLine($"error: {OneLine(e.Message)}");
                return InputError;
            default:
                Console.Error.WriteLine($"error: internal error: {OneLine(e.Message)} ({WriteErrorLog(exception)})");
                return InternalError;
        }
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException aggregate when aggregate.Flatten().InnerExceptions.Count > 0:
                    e = aggregate.Flatten().InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                default:
                    return e;
            }
        }
    }

    /// <summary>Writes the whole exception (type, message, stack trace, inner exceptions) to a log; returns where, for the error line.</summary>
    private static string WriteErrorLog(Exception exception)
    {
        try
        {
            var folder = Environment.GetEnvironmentVariable(ErrorLogVariable) is { Length: > 0 } configured ? configured : Path.GetTempPath();
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"rims-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
            File.WriteAllText(path, $"{DateTime.UtcNow:u} rims {Environment.CommandLine}{Environment.NewLine}{exception}{Environment.NewLine}");
            return $"stack trace in {path}; please report it";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the stack trace could not be written ({OneLine(e.Message)}); set {ErrorLogVariable} to a writable folder";
        }
    }

    /// <summary>Messages are printed as one line, whatever the thrower put in them.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>Bad input from the user: printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
