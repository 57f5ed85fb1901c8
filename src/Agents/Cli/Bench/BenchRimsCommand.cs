using System.CommandLine;
using System.Diagnostics;
using Rims.Policies.Cores;
using static TorchSharp.torch;

namespace Rims.Agents.Cli.Bench;

/// <summary>
/// `bench rims`: steps/s of the RIMs cell next to an LSTM core of the same total width, for the PPO update
/// (sequence forward + backward) and for acting (one step, no gradient).
/// </summary>
public static class BenchRimsCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("rims", "Forward+backward and acting steps/s of the RIMs core vs an LSTM core of the same size.");
        var units = new Option<int>("--units") { Description = "RIMs units K", DefaultValueFactory = _ => 6 };
        var active = new Option<int>("--active") { Description = "Active units k_A", DefaultValueFactory = _ => 4 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden size per unit h", DefaultValueFactory = _ => 85 };
        var input = new Option<int>("--input") { Description = "Input width", DefaultValueFactory = _ => 512 };
        var batch = new Option<int>("--batch") { Description = "Batch (envs)", DefaultValueFactory = _ => 8 };
        var steps = new Option<int>("--steps") { Description = "Sequence length", DefaultValueFactory = _ => 128 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions (median reported)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Torch threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        foreach (var option in new Option[] { units, active, hidden, input, batch, steps, repeats, threads }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            int k = parse.GetValue(units), h = parse.GetValue(hidden), inputSize = parse.GetValue(input);
            int b = parse.GetValue(batch), t = parse.GetValue(steps), r = parse.GetValue(repeats);
            foreach (var option in new[] { units, hidden, input, batch, steps, repeats, threads })
                if (parse.GetValue(option) < 1) throw new CliUsageException($"{option.Name} must be at least 1 (got {parse.GetValue(option)})");
            set_num_threads(parse.GetValue(threads));
            manual_seed(0);
            var config = new RimsConfig { InputSize = inputSize, Hidden = h, Units = k, ActiveUnits = parse.GetValue(active) };
            CliRunner.Validate(() => config = config.Validated());
            using var rims = new RimsCore(inputSize, config);
            using var lstm = new LstmCore(inputSize, k * h);
            Console.WriteLine($"input {inputSize}, batch {b}, sequence {t}, {get_num_threads()} torch threads; RIMs K={k} h={h} k_A={config.ActiveUnits} vs LSTM {k * h}");
            Console.WriteLine($"{"core",-6} {"params",10} {"train steps/s",14} {"act steps/s",12}");
            foreach (var (name, core) in new (string, SequenceCore)[] { ("rims", rims), ("lstm", lstm) })
            {
                long parameters = core.parameters().Sum(p => p.numel());
                double train = Median(r, () => TrainSequence(core, b, t)) is var seconds ? t / seconds : 0;
                double act = Median(r, () => Act(core, b, t)) is var actSeconds ? t / actSeconds : 0;
                Console.WriteLine($"{name,-6} {parameters,10:N0} {train,14:N0} {act,12:N0}");
            }
            Console.WriteLine("steps/s = time steps of the whole batch per second (multiply by the batch for env steps)");
            return 0;
        });
        return command;
    }

    private static double Median(int repeats, Action run)
    {
        run();   // warm-up
        var times = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    private static void TrainSequence(SequenceCore core, int batch, int steps)
    {
        using var scope = NewDisposeScope();
        var x = randn(steps, batch, core.InputSize);
        var sequence = core.Sequence(x, core.InitialState(batch), zeros(steps, batch));
        sequence.Outputs.sum().backward();
        core.zero_grad();
    }

    private static void Act(SequenceCore core, int batch, int steps)
    {
        using var noGrad = no_grad();
        var state = core.InitialState(batch);
        var start = zeros(batch);
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var x = randn(batch, core.InputSize);
            var next = core.Step(x, state, start).State.DetachFromDisposeScope();
            state.Dispose();
            state = next;
        }
        state.Dispose();
    }
}
