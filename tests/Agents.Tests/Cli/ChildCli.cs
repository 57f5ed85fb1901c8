using System.Diagnostics;
using Rims.Agents.Comparison;

namespace Rims.Agents.Tests.Cli;

/// <summary>
/// Runs the real `rims` executable in a child process, started as `compare --parallel` starts its children
/// (<see cref="ChildProcessRun.SelfCommand"/>): for what the in-process <see cref="CapturedCli"/> cannot show (exit
/// through the real host, signals, a process of its own).
/// </summary>
internal static class ChildCli
{
    /// <summary>Starts the tool with <paramref name="args"/> in <paramref name="directory"/> (default: this process's), stdout and stderr redirected.</summary>
    public static Process Start(IEnumerable<string> args, string? directory = null)
    {
        var self = ChildProcessRun.SelfCommand();
        var start = new ProcessStartInfo(self[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (directory is not null) start.WorkingDirectory = directory;
        foreach (var part in self.Skip(1).Concat(args)) start.ArgumentList.Add(part);
        return Process.Start(start)!;
    }

    /// <summary>Runs the tool to its end and returns its exit code, stderr and stdout.</summary>
    /// <exception cref="TimeoutException">It did not end within <paramref name="timeout"/> (it is killed).</exception>
    public static (int Exit, string Error, string Output) Run(string[] args, string directory, TimeSpan timeout)
    {
        using var process = Start(args, directory);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', args)} did not end within {timeout.TotalMinutes:F0} minutes");
        }
        return (process.ExitCode, error.Result, output.Result);
    }
}
