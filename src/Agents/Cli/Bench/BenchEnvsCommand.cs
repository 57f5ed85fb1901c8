using System.CommandLine;
using System.Diagnostics;
using Rims.Agents.Ppo;
using Rims.Envs.Vector;

namespace Rims.Agents.Cli.Bench;

/// <summary>`bench envs`: agent steps per second of a vectorised env with random actions (no policy).</summary>
public static class BenchEnvsCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("envs", "Steps/s of N vectorised envs (preprocessing included) under random actions.");
        var env = new Option<string>("--env") { Description = "Environment id", DefaultValueFactory = _ => "GridPickup" };
        var numEnvs = new Option<int>("--num-envs") { Description = "Envs in the vector", DefaultValueFactory = _ => 8 };
        var envThreads = new Option<int>("--env-threads") { Description = "Threads stepping them", DefaultValueFactory = _ => 1 };
        var steps = new Option<int>("--steps") { Description = "Vector steps to time (after 10% warm-up)", DefaultValueFactory = _ => 5000 };
        var roms = new Option<string?>("--roms") { Description = "Atari ROM folder (default: $RIMS_ROMS, else ./roms)" };
        foreach (var option in new Option[] { env, numEnvs, envThreads, steps, roms }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var config = new PpoConfig
            {
                Env = parse.GetValue(env)!, NumEnvs = parse.GetValue(numEnvs), EnvThreads = parse.GetValue(envThreads),
                Roms = parse.GetValue(roms), NumMinibatches = 1,
            };
            int count = parse.GetValue(steps);
            if (count < 1) throw new CliUsageException($"--steps must be at least 1 (got {count})");
            CliRunner.Validate(() => config.ValidateForRun());
            using var envs = PpoRun.MakeEnvs(config);
            double sps = StepsPerSecond(envs, count);
            int frames = envs.Envs[0] is Envs.IFramedEnv framed ? framed.FramesPerStep : 1;
            Console.WriteLine($"{config.Env}: {envs.Count} envs on {envs.ThreadCount} thread(s): {sps:N0} agent steps/s" +
                              (frames > 1 ? $" ({sps * frames:N0} frames/s)" : "") + $" over {count * envs.Count:N0} steps");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Agent steps per second (summed over the envs) of <paramref name="vectorSteps"/> random-action vector steps,
    /// after a 10% warm-up; the envs are reset with seed 0 first.
    /// </summary>
    public static double StepsPerSecond(VectorEnv envs, int vectorSteps)
    {
        envs.Reset(0);
        var random = new Random(0);
        var actions = new int[envs.Count];
        void Step()
        {
            for (int i = 0; i < actions.Length; i++) actions[i] = random.Next(envs.ActionCount);
            envs.Step(actions);
        }
        for (int i = 0; i < Math.Max(1, vectorSteps / 10); i++) Step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < vectorSteps; i++) Step();
        clock.Stop();
        return (double)vectorSteps * envs.Count / clock.Elapsed.TotalSeconds;
    }
}
