using System.Runtime.InteropServices;
using Rims.Agents.Ppo;

namespace Rims.Agents.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (timeout, kill, a cluster's preemption) as a <see cref="StopRequest"/>: the first
/// signal lets the run finish its current iteration, checkpoint and write its summary, after which the process
/// exits with 128 + the signal number (130, 143), as shells report a death by that signal; a second signal exits
/// at once with the same code.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] registrations;

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public StopSignals()
    {
        registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM)];
    }

    /// <summary>The request the training loop watches.</summary>
    public StopRequest Request { get; } = new();

    /// <summary>The exit code for a run stopped for <paramref name="reason"/>: 130 for SIGINT, 143 for SIGTERM.</summary>
    public static int ExitCode(string reason) => reason == nameof(PosixSignal.SIGINT) ? 128 + 2 : 128 + 15;

    /// <summary>
    /// What a second signal says as it exits: whether the first one's checkpoint was already written
    /// (<paramref name="written"/>, from <see cref="StopRequest.Checkpoints"/>) or not.
    /// </summary>
    public static string SecondSignalMessage(string signal, IReadOnlyList<string> written) =>
        written.Count > 0
            ? $"{signal} again: stopping at once; {string.Join(", ", written)} was written, so ppo --resume continues from it"
            : $"{signal} again: stopping at once without writing a checkpoint; ppo --resume continues from the newest one saved before (--save-every), if any";

    private PosixSignalRegistration Register(PosixSignal signal) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            string name = signal.ToString();
            if (!Request.Request(name))
            {
                Console.Error.WriteLine(SecondSignalMessage(name, Request.Checkpoints));
                Request.Abort(name);
                Console.Out.Flush();
                Console.Error.Flush();
                // Not Environment.Exit: it runs finalizers and native static destructors while the training thread
                // may still be inside libtorch, which then crashes with SIGSEGV (exit 139) instead of 130. _exit
                // ends the process without any teardown; the run's log was closed by Abort just above.
                _exit(ExitCode(name));
            }
            context.Cancel = true;
            Console.Error.WriteLine($"{name}: finishing the current iteration, then writing a checkpoint and summary.json (send it again to stop at once)");
        });

    /// <summary>POSIX _exit(2): ends the process with <paramref name="status"/>, running no atexit handlers or destructors.</summary>
    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void _exit(int status);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
    }
}
