using System.Diagnostics;
using System.Globalization;
using Rims.Agents.Comparison;
using Rims.Agents.Tests.Cli;
using Xunit.Abstractions;

namespace Rims.Agents.Tests.Ppo;

/// <summary>
/// The slow learning test (SB3 style): LSTM-PPO on GridPickup-Memory, where the mission is shown on the first
/// step only. A memoryless policy can do no better than choosing among the room's 2-3 objects at random (about
/// 42%); `ppo --core ff` with these settings measured 42% at 250k steps and 36% over its last 500 episodes at 457k.
/// When the LSTM discovers that remembering the mission pays varies a lot between seeds, and between CPUs for one
/// seed (libtorch's kernels differ by instruction set, and a million steps amplify the last bit): seed 2 measured 37%
/// -> 66% in 1M steps on one machine and 34% -> 48% on another (AMD EPYC, 2026-12-01), where seed 3 passed 0.6 by 350k
/// steps and seed 1 was at 45% at 650k. So the test trains three seeds side by side (README's grid settings, 1M steps
/// each) and passes as soon as one of them remembers: its last 500 episodes above 55% and 15 points above its first
/// 100k steps. A memoryless policy cannot get there however often it is looked at (55% is ~6 standard errors above
/// 42% for 500 episodes), so a broken memory path (state not carried, not reset, not replayed) still fails.
/// Tagged Category=Slow so the fast test command (README, Tests) leaves it out; CI runs it.
/// The runs train in child processes (`ppo`), as `compare --parallel` runs do and for the same reason
/// (<see cref="ChildProcessRun"/>): in the test runner process other threads allocate (the runner's and the test host's
/// own; this assembly runs one test at a time, see AssemblyInfo.cs), and a collection they trigger can finalise one of
/// TorchSharp 0.107's temporary Scalars while a native call still reads it ("Expected false to be true" from
/// c10::Scalar::toFloat; it failed this test once in CI).
/// </summary>
[Trait("Category", "Slow")]
public class GridPickupLearningTests(ITestOutputHelper output) : IDisposable
{
    private const long EarlySteps = 100_000;
    private const int LateEpisodes = 500;

    private readonly string root = Directory.CreateTempSubdirectory("rims-learn-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void LstmPpoRemembersTheMissionWellAboveAMemorylessPolicy()
    {
        var runs = new[] { 1, 2, 3 }.Select(seed => new SeedRun(seed, Path.Combine(root, $"seed{seed}"))).ToList();
        var clock = Stopwatch.StartNew();
        SeedRun? learned = null;
        try
        {
            foreach (var run in runs) run.Start();
            // Until one seed remembers (the others are then not needed), every run has ended, or 75 minutes have passed.
            while ((learned = runs.FirstOrDefault(r => r.Score() is { Remembers: true })) is null &&
                   !runs.All(r => r.Process!.HasExited) && clock.Elapsed < TimeSpan.FromMinutes(75))
            {
                // A crash is a defect whatever the other seeds do.
                if (runs.FirstOrDefault(r => r.Failed) is { } failed)
                    Assert.Fail($"ppo seed {failed.Seed} exited with {failed.Process!.ExitCode}: {failed.ErrorTail}");
                Thread.Sleep(TimeSpan.FromSeconds(15));
            }
            // A run may have written its last episodes between the look and its exit.
            learned ??= runs.FirstOrDefault(r => r.Score() is { Remembers: true });
            foreach (var run in runs)
                output.WriteLine($"seed {run.Seed}: {run.Score()?.ToString() ?? "fewer than 100k steps"}{(run == learned ? " (remembers)" : "")}");
            output.WriteLine($"after {clock.Elapsed.TotalMinutes:F1} minutes");
            Assert.True(learned is not null,
                "no seed learned to remember the mission within 1M steps (a memoryless policy reaches about 42%): " +
                string.Join("; ", runs.Select(r => $"seed {r.Seed}: {r.Score()?.ToString() ?? "fewer than 100k steps"}{(r.Failed ? $", exit {r.Process!.ExitCode}: {r.ErrorTail}" : "")}")) +
                (clock.Elapsed >= TimeSpan.FromMinutes(75) ? " (stopped after 75 minutes)" : ""));
        }
        finally
        {
            foreach (var run in runs) run.Stop();
        }
    }

    /// <summary>The success rates a run has logged so far: over its first 100k steps and over its last 500 episodes.</summary>
    private readonly record struct Score(double Early, double Late, long Steps)
    {
        public bool Remembers => Late > 0.55 && Late > Early + 0.15;

        public override string ToString() => $"first 100k steps {Early:P1}, last {LateEpisodes} episodes {Late:P1} at {Steps:N0} steps";
    }

    private sealed class SeedRun(int seed, string directory)
    {
        private readonly Queue<string> errors = new();

        public int Seed => seed;

        public Process? Process { get; private set; }

        public bool Failed => Process is { HasExited: true, ExitCode: not 0 };

        public string ErrorTail
        {
            get
            {
                lock (errors) return string.Join(" | ", errors);
            }
        }

        public void Start()
        {
            Process = ChildCli.Start(
            [
                "ppo", "--env", "GridPickup-Memory", "--core", "lstm", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--total-steps", "1000000",
                "--num-envs", "16", "--num-steps", "128", "--num-minibatches", "8", "--learning-rate", "1e-3", "--clip-coef", "0.2", "--threads", "1",
                "--run-dir", directory,
            ]);
            // Drained, or a full pipe would stop the run; the last error lines are kept for a failure message.
            Process.OutputDataReceived += (_, _) => { };
            Process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not { Length: > 0 } line) return;
                lock (errors)
                {
                    errors.Enqueue(line);
                    if (errors.Count > 10) errors.Dequeue();
                }
            };
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        /// <summary>The score from episodes.csv's complete lines; null before the run has passed 100k steps.</summary>
        public Score? Score()
        {
            var file = Path.Combine(directory, "episodes.csv");
            if (!File.Exists(file)) return null;
            string text;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream))
                text = reader.ReadToEnd();
            // The run appends as it goes: a line without its newline yet is left for the next look.
            var lines = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(line => line.Split(','))
                .Select(f => (Step: long.Parse(f[0], CultureInfo.InvariantCulture), Success: f[^1] == "1" ? 1.0 : 0.0)).ToList();
            if (lines.Count < LateEpisodes || lines[^1].Step <= EarlySteps) return null;
            return new Score(lines.Where(e => e.Step <= EarlySteps).Average(e => e.Success), lines.TakeLast(LateEpisodes).Average(e => e.Success), lines[^1].Step);
        }

        public void Stop()
        {
            if (Process is null) return;
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }
}
