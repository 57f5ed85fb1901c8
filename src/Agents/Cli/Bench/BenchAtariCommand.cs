using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Rims.Envs;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;
using Rims.Envs.Vector;

namespace Rims.Agents.Cli.Bench;

/// <summary>
/// `bench atari`: raw emulator frames/s on one thread (ALE act() with frame skip 1, as native ALE was measured in
/// ALE-NOTES "Speed of native ALE"), then agent steps/s of a VectorEnv of the preprocessed env for each env count.
/// </summary>
public static class BenchAtariCommand
{
    // Native ALE 0.12.1 on the project's 2-vCPU machine (ALE-NOTES, medians of act-only runs, frame skip 1).
    private static readonly Dictionary<string, double> NativeFramesPerSecond = new(StringComparer.OrdinalIgnoreCase)
    {
        ["demon_attack"] = 19_900,
        ["pong"] = 17_500,
    };

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("atari",
            "Raw emulator frames/s (one thread, random minimal actions, as native ALE was measured) and preprocessed env steps/s of N vectorised envs.");
        var game = new Option<string>("--game") { Description = "Game (CamelCase or ROM name)", DefaultValueFactory = _ => "DemonAttack" };
        var frames = new Option<int>("--frames") { Description = "Emulated frames to time for the raw figure (after 1,000 warm-up frames)", DefaultValueFactory = _ => 50_000 };
        var envs = new Option<string>("--envs") { Description = "Comma-separated env counts for the VectorEnv figures (empty: skip)", DefaultValueFactory = _ => "1,8,16" };
        var envSteps = new Option<int>("--env-steps") { Description = "Agent steps to time per env count, summed over the envs", DefaultValueFactory = _ => 20_000 };
        var envThreads = new Option<int>("--env-threads") { Description = "Threads stepping the VectorEnv", DefaultValueFactory = _ => 1 };
        var roms = new Option<string?>("--roms") { Description = $"ROM folder (default: ${RomLocator.EnvironmentVariable}, else ./roms)" };
        foreach (var option in new Option[] { game, frames, envs, envSteps, envThreads, roms }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(game)!;
            if (!GameCatalog.TryCreate(name, out var info))
                throw new CliUsageException($"--game: unknown Atari game '{name}'. Known games: {string.Join(", ", GameCatalog.Names)}.");
            int frameCount = parse.GetValue(frames);
            if (frameCount < 1) throw new CliUsageException($"--frames must be at least 1 (got {frameCount})");
            int steps = parse.GetValue(envSteps);
            if (steps < 1) throw new CliUsageException($"--env-steps must be at least 1 (got {steps})");
            int threads = parse.GetValue(envThreads);
            if (threads < 1) throw new CliUsageException($"--env-threads must be at least 1 (got {threads})");
            int[] counts = ParseCounts(parse.GetValue(envs)!);
            string? romDirectory = parse.GetValue(roms);

            RawSpeed(info, romDirectory, frameCount);
            foreach (int count in counts) VectorSpeed(info.Name, romDirectory, count, threads, steps);
            return 0;
        });
        return command;
    }

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

    /// <summary>act() frames per second with frame skip 1, no sticky actions, a random minimal action each frame.</summary>
    private static void RawSpeed(AtariGame info, string? romDirectory, int frameCount)
    {
        var settings = new AleSettings { RepeatActionProbability = 0f, FrameSkip = 1 };
        var ale = AtariRegistration.LoadGame(info.RomName, settings, romDirectory);
        var actions = ale.MinimalActions;
        uint state = 2463534242;
        var gray = new byte[ale.ScreenHeight * ale.ScreenWidth];

        int resets = 0;
        void Play(int n, bool grayscale)
        {
            for (int i = 0; i < n; i++)
            {
                // xorshift32: one new random action per frame, as the native measurement did.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                ale.Act(actions[(int)(state % (uint)actions.Count)]);
                if (grayscale) ale.GetScreenGrayscale(gray);
                if (ale.GameOver)
                {
                    ale.ResetGame();
                    resets++;
                }
            }
        }

        Play(1000, grayscale: false);
        foreach (bool grayscale in new[] { false, true })
        {
            resets = 0;
            var clock = Stopwatch.StartNew();
            Play(frameCount, grayscale);
            clock.Stop();
            double fps = frameCount / clock.Elapsed.TotalSeconds;
            string native = NativeFramesPerSecond.TryGetValue(info.RomName, out var n)
                ? grayscale
                    ? ""
                    : $"; native ALE on the reference machine: ~{n:N0} frames/s, this is {fps / n:P0} of it"
                : "";
            Console.WriteLine($"{info.Name} raw emulator, 1 thread, act(){(grayscale ? " + getScreenGrayscale" : "")}: " +
                              $"{fps:N0} frames/s over {frameCount:N0} frames ({resets} resets, not counted){native}");
        }
    }

    /// <summary>Agent steps per second of <paramref name="count"/> preprocessed envs (the id's default options) under random actions.</summary>
    private static void VectorSpeed(string game, string? romDirectory, int count, int threads, int totalSteps)
    {
        var settings = new EnvSettings { RomsDirectory = romDirectory };
        var list = new List<IEnv>(count);
        try
        {
            for (int i = 0; i < count; i++) list.Add(EnvRegistry.Default.Make(game, settings));
        }
        catch
        {
            foreach (var env in list) env.Dispose();
            throw;
        }
        using var vector = new VectorEnv(list, Math.Min(threads, count));
        vector.Reset(0);
        var random = new Random(0);
        var batch = new int[vector.Count];
        void Step()
        {
            for (int i = 0; i < batch.Length; i++) batch[i] = random.Next(vector.ActionCount);
            vector.Step(batch);
        }
        int vectorSteps = Math.Max(1, totalSteps / count);
        for (int i = 0; i < Math.Max(1, vectorSteps / 10); i++) Step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < vectorSteps; i++) Step();
        clock.Stop();
        double sps = (double)vectorSteps * count / clock.Elapsed.TotalSeconds;
        int framesPerStep = vector.Envs[0] is IFramedEnv framed ? framed.FramesPerStep : 1;
        Console.WriteLine($"{game} VectorEnv, {count} env(s) on {vector.ThreadCount} thread(s): {sps:N0} agent steps/s " +
                          $"({sps * framesPerStep:N0} frames/s) over {vectorSteps * count:N0} steps");
    }
}
