using System.Diagnostics;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Comparison;

/// <summary>
/// Trains and evaluates one run of a comparison in a child process of this program (the hidden `compare-run`
/// verb). Parallel runs get a process each because libtorch work on two threads of one .NET process is not
/// safe: TorchSharp's implicit Scalars can be finalised by a collection another thread triggers while a native
/// call still reads them ("Unknown scalar type"), which killed a whole comparison. Processes also keep one
/// run's crash from taking the others down.
/// </summary>
public static class ChildProcessRun
{
    /// <summary>The hidden verb the child runs.</summary>
    public const string Verb = "compare-run";

    /// <summary>
    /// Runs <paramref name="config"/> into <paramref name="folder"/> in a child process; throws if it fails. The child
    /// handles SIGINT/SIGTERM itself (checkpoint, then exit 130/143); signals sent to the process group (Ctrl+C, Slurm)
    /// reach it directly, and such an exit after <paramref name="stop"/> was requested is a stop, not a failure.
    /// </summary>
    /// <exception cref="IOException">The child failed on a file (its exit code 1); the message holds its error lines.</exception>
    /// <exception cref="InvalidOperationException">The child failed otherwise.</exception>
    public static void Execute(PpoConfig config, string folder, ComparisonPlan plan, string command, Action<string> log, StopRequest? stop = null)
    {
        string configFile = Path.Combine(Path.GetTempPath(), $"rims-run-{Guid.NewGuid():N}.json");
        RunJson.Write(configFile, config);
        try
        {
            var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            var self = SelfCommand();
            start.FileName = self[0];
            foreach (var part in self.Skip(1)) start.ArgumentList.Add(part);
            // --eval-envs only when there are some: an empty value is refused as a missing one.
            string[] evalEnvs = plan.EvalEnvs.Count > 0 ? ["--eval-envs", string.Join(',', plan.EvalEnvs)] : [];
            string[] arguments =
            [
                Verb, "--config", configFile, "--run-dir", folder, .. evalEnvs,
                "--eval-episodes", plan.EvalEpisodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--command", command,
            ];
            foreach (var part in arguments) start.ArgumentList.Add(part);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
            var errors = new Queue<string>();
            // The child stamps its lines for its own log (Slurm); here they get the parent's stamp instead of a second one.
            process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) log(ProgressLine.Unstamped(line)); };
            process.ErrorDataReceived += (_, e) =>
            {
                // libtorch warns about NNPACK on every CPU without it; keep the rest for the error message.
                if (e.Data is not { Length: > 0 } line || line.Contains("NNPACK", StringComparison.Ordinal)) return;
                lock (errors)
                {
                    errors.Enqueue(line);
                    if (errors.Count > 40) errors.Dequeue();
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            if (stop?.IsRequested == true && process.ExitCode is 130 or 143) return;
            if (process.ExitCode != 0)
            {
                // The child keeps the error contract (Cli/CliRunner): exit 1 is a file problem, which stays one here.
                string message = $"run {config.Core} seed {config.Seed} failed with exit code {process.ExitCode} (run folder {folder}): " +
                                 string.Join(" | ", errors);
                throw process.ExitCode == 1 ? new IOException(message) : new InvalidOperationException(message);
            }
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    /// <summary>The assembly (and app host) name of the `rims` command-line tool (src/Agents/Cli), which runs the child verb.</summary>
    public const string CliAssemblyName = "Rims.Cli";

    /// <summary>
    /// How to start the `rims` command-line tool for a child run: this process again when it is the tool (its app host,
    /// the installed tool's shim, or `dotnet Rims.Cli.dll` under the dotnet host); otherwise (the test runner, a user's
    /// program on the training API) the tool built beside this library (app host, else its dll through dotnet), and last
    /// `rims` from PATH (the tool installed with `dotnet tool install --global Rims.Cli`).
    /// </summary>
    /// <exception cref="InvalidOperationException">The path of this process is unknown.</exception>
    public static IReadOnlyList<string> SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this process is unknown");
        var entry = System.Reflection.Assembly.GetEntryAssembly();
        if (entry?.GetName().Name == CliAssemblyName)
            return Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? [processPath, entry.Location] : [processPath];
        var folder = Path.GetDirectoryName(typeof(ChildProcessRun).Assembly.Location)!;
        var appHost = Path.Combine(folder, OperatingSystem.IsWindows() ? CliAssemblyName + ".exe" : CliAssemblyName);
        if (File.Exists(appHost)) return [appHost];
        var dll = Path.Combine(folder, CliAssemblyName + ".dll");
        return File.Exists(dll) ? ["dotnet", dll] : ["rims"];
    }
}
