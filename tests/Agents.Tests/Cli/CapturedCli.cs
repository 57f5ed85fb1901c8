using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>
/// Runs the CLI in-process with stdout and stderr captured. Console is process-wide, so callers belong to the
/// "Console" test collection (which xUnit never runs in parallel with itself).
/// </summary>
internal static class CapturedCli
{
    public static (int Exit, string Error, string Output) Run(params string[] args)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var (oldError, oldOutput) = (Console.Error, Console.Out);
        Console.SetError(error);
        Console.SetOut(output);
        try
        {
            return (CliRunner.Run(CliApp.Create(), args), error.ToString(), output.ToString());
        }
        finally
        {
            Console.SetError(oldError);
            Console.SetOut(oldOutput);
        }
    }
}
