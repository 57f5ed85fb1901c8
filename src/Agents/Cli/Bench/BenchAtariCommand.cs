using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Rims.Agents.Ppo;
using Rims.Envs;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Agents.Cli.Bench;

/// <summary>
/// `bench atari`: emulated frames/s on one thread (ALE act() with frame skip 1 and one random minimal action per frame,
/// optionally fetching the screen every frame), measured the way native ALE was in ALE-NOTES ("Speed of native ALE");
/// that figure, measured on another machine, is printed as a reference only. Optionally also agent steps/s of a
/// VectorEnv of the preprocessed env (--envs).
/// </summary>
public static partial class BenchAtariCommand
{
    /// <summary>What is fetched after every act(), as in the native measurement's variants.</summary>
    private enum ScreenVariant
    {
        /// <summary>act() only.</summary>
        None,

        /// <summary>getScreen(): the palette-index screen copied out.</summary>
        Indices,

        /// <summary>getScreenGrayscale().</summary>
        Gray,

        /// <summary>getScreenRGB().</summary>
        Rgb,
    }

    // Native ALE 0.12.1 as ALE-NOTES measured it on another 2-vCPU machine, one pinned core, frame skip 1 (medians), per
    // variant in ScreenVariant order. A reference only: never divided into this machine's figures.
    private static readonly Dictionary<string, int[]> NativeFramesPerSecond = new(StringComparer.Ordinal)
    {
        ["demon_attack"] = [19_900, 19_900, 15_500, 12_600],
        ["pong"] = [17_500, 17_300, 13_600, 11_600],
    };

    // Enough for the JIT to have replaced the emulator's hot loop with its optimised code before the clock starts.
    private const int WarmUpFrames = 5_000;

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("atari",
            "Emulated frames/s on one thread (ALE act(), frame skip 1, a random minimal action per frame), with native ALE's " +
            "figure from another machine as a reference; optionally preprocessed env steps/s of N vectorised envs (--envs).");
        var rom = new Option<string>("--rom", "--game") { Description = "Game: ROM name or CamelCase name (e.g. pong or Pong)", DefaultValueFactory = _ => "demon_attack" };
        var frames = new Option<int>("--frames") { Description = $"Emulated frames to time (after {WarmUpFrames:N0} warm-up frames)", DefaultValueFactory = _ => 100_000 };
        var screen = new Option<string>("--screen")
        {
            Description = "Screen fetched after every act(): none, indices (getScreen), gray (getScreenGrayscale) or rgb (getScreenRGB)",
            DefaultValueFactory = _ => "none",
        };
        var envs = new Option<string>("--envs") { Description = "Comma-separated env counts for VectorEnv figures, e.g. 1,8,16 (default: none)", DefaultValueFactory = _ => "" };
        var envSteps = new Option<int>("--env-steps") { Description = "Agent steps to time per env count, summed over the envs", DefaultValueFactory = _ => 20_000 };
        var envThreads = new Option<int>("--env-threads") { Description = "Threads stepping the VectorEnv", DefaultValueFactory = _ => 1 };
        var roms = new Option<string?>("--roms") { Description = $"ROM folder (default: ${RomLocator.EnvironmentVariable}, else ./roms)" };
        foreach (var option in new Option[] { rom, frames, screen, envs, envSteps, envThreads, roms }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(rom)!;
            if (!GameCatalog.TryCreate(name, out var info))
                throw new CliUsageException($"--rom: unknown Atari game '{name}'. Known games: {string.Join(", ", GameCatalog.RomNames)} (or CamelCase names).");
            int frameCount = parse.GetValue(frames);
            if (frameCount < 1) throw new CliUsageException($"--frames must be at least 1 (got {frameCount})");
            var variant = ParseScreen(parse.GetValue(screen)!);
            int steps = parse.GetValue(envSteps);
            if (steps < 1) throw new CliUsageException($"--env-steps must be at least 1 (got {steps})");
            int threads = parse.GetValue(envThreads);
            if (threads < 1) throw new CliUsageException($"--env-threads must be at least 1 (got {threads})");
            int[] counts = ParseCounts(parse.GetValue(envs)!);
            string? romDirectory = parse.GetValue(roms);

            RawSpeed(info, romDirectory, frameCount, variant);
            foreach (int count in counts) VectorSpeed(info.Name, romDirectory, count, threads, steps);
            return 0;
        });
        return command;
    }

    private static ScreenVariant ParseScreen(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => ScreenVariant.None,
        "indices" => ScreenVariant.Indices,
        "gray" or "grey" or "grayscale" => ScreenVariant.Gray,
        "rgb" => ScreenVariant.Rgb,
        _ => throw new CliUsageException($"--screen must be none, indices, gray or rgb (got '{text}')"),
    };

    private static int[] ParseCounts(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counts = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < 1)
                throw new CliUsageException($"--envs must be positive integers separated by commas, e.g. 1,8,16 (got '{text}')");
        }
        return counts;
    }

    /// <summary>
    /// act() frames per second with frame skip 1, no sticky actions, a new xorshift32-random minimal action every frame
    /// and reset_game() on game over (reset frames not counted), as native ALE was measured.
    /// </summary>
    private static void RawSpeed(AtariGame info, string? romDirectory, int frameCount, ScreenVariant variant)
    {
        var settings = new AleSettings { RepeatActionProbability = 0f, FrameSkip = 1 };
        var ale = AtariRegistration.LoadGame(info.RomName, settings, romDirectory);
        var actions = ale.MinimalActions;
        uint state = 2463534242;
        int pixels = ale.ScreenHeight * ale.ScreenWidth;
        var screen = new byte[variant == ScreenVariant.Rgb ? 3 * pixels : pixels];
        int resets = 0;

        void Play(int n)
        {
            for (int i = 0; i < n; i++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                ale.Act(actions[(int)(state % (uint)actions.Count)]);
                switch (variant)
                {
                    case ScreenVariant.Indices: ale.GetScreen(screen); break;
                    case ScreenVariant.Gray: ale.GetScreenGrayscale(screen); break;
                    case ScreenVariant.Rgb: ale.GetScreenRgb(screen); break;
                }
                if (ale.GameOver)
                {
                    ale.ResetGame();
                    resets++;
                }
            }
        }

        Play(WarmUpFrames);
        resets = 0;
        double cpuBefore = ThreadCpuSeconds();
        var clock = Stopwatch.StartNew();
        Play(frameCount);
        clock.Stop();
        double cpuSeconds = ThreadCpuSeconds() - cpuBefore;
        double fps = frameCount / clock.Elapsed.TotalSeconds;

        string what = variant switch
        {
            ScreenVariant.None => "act()",
            ScreenVariant.Indices => "act() + getScreen",
            ScreenVariant.Gray => "act() + getScreenGrayscale",
            _ => "act() + getScreenRGB",
        };
        // On a shared machine the wall-clock rate drops with the load; frames per CPU-second of this thread is what one
        // core to itself would give.
        string cpuRate = cpuSeconds > 0 ? $"{frameCount / cpuSeconds:N0} per CPU-second" : "CPU time not measurable";
        Console.WriteLine(
            $"{info.Name} ({info.RomName}), {what}, 1 thread: {fps:N0} emulated frames/s ({cpuRate}) over {frameCount:N0} frames, " +
            $"{clock.Elapsed.TotalSeconds:F1} s, {resets} reset(s) not counted");
        if (NativeFramesPerSecond.TryGetValue(info.RomName, out var native))
        {
            // Only a reference: it was measured on another machine, so a ratio to this run would mislead on a different CPU.
            Console.WriteLine($"  reference, measured on another machine: native ALE 0.12.1 ~{native[(int)variant]:N0} frames/s (ALE-NOTES)");
        }
        else
        {
            Console.WriteLine("  no native ALE figure for this game (ALE-NOTES measured demon_attack and pong)");
        }
    }

    /// <summary>CPU time of the calling thread (Linux: CLOCK_THREAD_CPUTIME_ID), or of the whole process elsewhere.</summary>
    private static double ThreadCpuSeconds()
    {
        const int ClockThreadCpuTime = 3;
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0) return time.Seconds + time.Nanoseconds * 1e-9;
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Agent steps per second of <paramref name="count"/> preprocessed envs (the id's default options) under random actions.</summary>
    private static void VectorSpeed(string game, string? romDirectory, int count, int threads, int totalSteps)
    {
        var config = new PpoConfig { Env = game, NumEnvs = count, EnvThreads = Math.Min(threads, count), Roms = romDirectory, NumMinibatches = 1 };
        using var vector = PpoRun.MakeEnvs(config);
        int vectorSteps = Math.Max(1, totalSteps / count);
        double sps = BenchEnvsCommand.StepsPerSecond(vector, vectorSteps);
        int framesPerStep = vector.Envs[0] is IFramedEnv framed ? framed.FramesPerStep : 1;
        Console.WriteLine($"{game} VectorEnv, {count} env(s) on {vector.ThreadCount} thread(s): {sps:N0} agent steps/s " +
                          $"({sps * framesPerStep:N0} frames/s) over {vectorSteps * count:N0} steps");
    }
}
