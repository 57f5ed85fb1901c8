namespace Rims.Agents.Comparison.Slurm;

/// <summary>What a finished command printed and returned.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
public sealed record ProcessOutput(int ExitCode, string Output, string Error)
{
    /// <summary>The last line the command printed on stderr (else stdout): Slurm's commands end with the line that says why they failed.</summary>
    public string LastLine =>
        (Error.Trim().Length > 0 ? Error : Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}

/// <summary>
/// Runs a command to completion (sbatch, squeue). The Slurm backend talks to Slurm only through this, so tests
/// give it a fake that records the calls and answers as Slurm would.
/// </summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and waits for it to end.</summary>
    /// <exception cref="SlurmCommandException">The program could not be started (e.g. it is not on PATH).</exception>
    ProcessOutput Run(string fileName, IReadOnlyList<string> arguments);
}

/// <summary>A Slurm command that is missing or failed; the message names the command and what it printed.</summary>
public sealed class SlurmCommandException(string message) : Exception(message);
