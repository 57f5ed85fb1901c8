using System.CommandLine;
using Rims.Agents.Ppo;
using Rims.Envs.Vector;
using Rims.Policies;
using static TorchSharp.torch;

namespace Rims.Agents.Cli.Bench;

/// <summary>
/// `bench ppo`: agent steps/s of whole PPO iterations (rollout + update) for several cores in one process. One
/// trainer per core; after warm-up their iterations run interleaved (core A, core B, A, B, ...), so a load change on a
/// shared machine hits every core alike and the ratio to the first core stays trustworthy. Also prints where an
/// iteration's time goes (the trainer's <see cref="IterationProfile"/>).
/// </summary>
public static class BenchPpoCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("ppo",
            "Agent steps/s of PPO iterations per core, interleaved in one process, with the ratio to the first core and the split of an iteration.");
        var cores = new Option<string>("--cores") { Description = "Comma-separated cores; ratios are to the first", DefaultValueFactory = _ => "lstm,rims" };
        var iterations = new Option<int>("--iterations") { Description = "Timed iterations per core", DefaultValueFactory = _ => 4 };
        var warmUp = new Option<int>("--warm-up") { Description = "Untimed iterations per core first", DefaultValueFactory = _ => 1 };
        foreach (var option in new Option[] { cores, iterations, warmUp }) command.Options.Add(option);
        // The bench sets the run length itself and writes no run folder, so it does not offer the options it would ignore.
        var ppo = new PpoOptions(command, includeEnvAndCore: false, leftOut: ["--total-steps", "--save-every", "--keep-checkpoints"]);
        command.Options.Add(ppo.Env);
        command.Options.Add(ppo.Seed);
        var envAssembly = new EnvAssemblyOption(ppo);

        command.SetAction(parse =>
        {
            var coreList = (parse.GetValue(cores) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.ToLowerInvariant()).ToList();
            int timed = parse.GetValue(iterations), untimed = parse.GetValue(warmUp);
            if (coreList.Count == 0 || coreList.Any(c => !CoreFactory.Names.Contains(c)))
                throw new CliUsageException($"--cores must list cores among {CoreFactory.NamesText} (got '{parse.GetValue(cores)}')");
            if (timed < 1) throw new CliUsageException($"--iterations must be at least 1 (got {timed})");
            if (untimed < 0) throw new CliUsageException($"--warm-up must be 0 or more (got {untimed})");
            var assembly = envAssembly.Load(parse);
            var baseConfig = ppo.Read(parse, coreList) with { EnvAssembly = assembly };
            var configs = coreList.Select(core => baseConfig with { Core = core, TotalSteps = (long)baseConfig.BatchSize * (timed + untimed) }).ToList();
            foreach (var config in configs) CliRunner.Validate(config.Validate);
            Run(configs, timed, untimed);
            return 0;
        });
        return command;
    }

    private sealed record Contestant(PpoConfig Config, VectorEnv Envs, ActorCritic Policy, PpoTrainer Trainer) : IDisposable
    {
        public readonly List<IterationProfile> Profiles = [];

        public void Dispose()
        {
            Trainer.Dispose();
            Policy.Dispose();
            Envs.Dispose();
        }
    }

    private static void Run(List<PpoConfig> configs, int timed, int untimed)
    {
        var first = configs[0];
        var contestants = new List<Contestant>();
        try
        {
            foreach (var config in configs)
            {
                var envs = PpoRun.MakeEnvs(config);
                set_num_threads(config.Threads ?? PpoConfig.DefaultThreads(envs.Spec));
                var policy = PpoRun.CreateSeededPolicy(config, envs);
                contestants.Add(new Contestant(config, envs, policy, new PpoTrainer(config, envs, policy)));
            }
            Console.WriteLine($"{first.Env}: {first.NumEnvs} envs x {first.NumSteps} steps, {first.UpdateEpochs} epochs x {first.NumMinibatches} minibatches, " +
                              $"{get_num_threads()} torch thread(s), {first.EnvThreads} env thread(s); {untimed} warm-up + {timed} timed iteration(s) per core, interleaved");
            for (int i = 0; i < untimed; i++)
                foreach (var c in contestants) c.Trainer.RunIteration();
            for (int i = 0; i < timed; i++)
                foreach (var c in contestants) c.Profiles.Add(c.Trainer.RunIteration().Profile);

            Console.WriteLine($"{"core",-6} {"params",10} {"steps/s",9} {"ratio",6} | ms per iteration: {"env",7} {"acting",7} {"upd-fwd",7} {"backward",8} {"optim",7} {"other",7} {"total",7}");
            double firstRate = 0;
            foreach (var c in contestants)
            {
                double Mean(Func<IterationProfile, double> part) => c.Profiles.Average(part) * 1000;
                double rate = c.Config.BatchSize / c.Profiles.Average(p => p.Total);
                if (firstRate == 0) firstRate = rate;
                Console.WriteLine($"{c.Config.Core,-6} {c.Policy.ParameterCount,10:N0} {rate,9:N0} {rate / firstRate,6:F2} | {"",17} " +
                                  $"{Mean(p => p.Env),7:F0} {Mean(p => p.Acting),7:F0} {Mean(p => p.UpdateForward),7:F0} {Mean(p => p.Backward),8:F0} " +
                                  $"{Mean(p => p.Optimizer),7:F0} {Mean(p => p.Other),7:F0} {Mean(p => p.Total),7:F0}");
            }
            Console.WriteLine("steps/s = agent steps (all envs) per second of whole iterations; ratio = steps/s / the first core's");
        }
        finally
        {
            foreach (var c in contestants) c.Dispose();
        }
    }
}
