using System.ComponentModel;
using System.Diagnostics;

namespace Rims.Agents.Comparison.Slurm;

/// <summary>Runs commands as real child processes.</summary>
public sealed class ProcessRunner : IProcessRunner
{
    /// <inheritdoc />
    public ProcessOutput Run(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmCommandException($"could not start {fileName}");
        }
        catch (Win32Exception)
        {
            throw new SlurmCommandException($"{fileName} is not on PATH: run this on a machine with the Slurm client commands (a login node), or use --backend local");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new ProcessOutput(process.ExitCode, output, error.Result);
        }
    }
}
