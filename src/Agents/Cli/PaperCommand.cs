using System.CommandLine;
using Rims.Agents.Paper;
using Rims.Agents.Runs;

namespace Rims.Agents.Cli;

/// <summary>`paper`: the RIMs paper's supervised benchmarks (Table 1). Only the copying task exists so far.</summary>
public static class PaperCommand
{
    /// <summary>Builds the verb and its subcommands.</summary>
    public static Command Create()
    {
        var paper = new Command("paper", "The paper's supervised benchmarks (Table 1), RIMs vs LSTM.");
        paper.Subcommands.Add(Copying());
        return paper;
    }

    private static Option<T> Make<T>(string name, string description, T value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static Command Copying()
    {
        var d = new CopyingConfig();
        var command = new Command("copying", "Copying task: train at --train-len, test at --test-len; CE over the last 10 positions (the paper's metric).");
        var core = Make("--core", "rims or lstm", d.Core);
        var trainLen = Make("--train-len", "Delay T in training", d.TrainLen);
        var testLen = Make("--test-len", "Delay T in the generalisation test", d.TestLen);
        var epochs = Make("--epochs", "Epochs", d.Epochs);
        var batches = Make("--batches-per-epoch", "Freshly generated minibatches per epoch", d.BatchesPerEpoch);
        var batch = Make("--batch", "Sequences per minibatch", d.Batch);
        var evalBatches = Make("--eval-batches", "Minibatches per evaluation", d.EvalBatches);
        var lr = Make("--learning-rate", "Adam learning rate", d.LearningRate);
        var clip = Make("--clip", "Gradient-norm clip", d.Clip);
        var dropout = Make("--dropout", "Dropout on embedding and decoder input", d.Dropout);
        var embedding = Make("--embedding", "Embedding width", d.EmbeddingSize);
        var hidden = Make("--hidden", "LSTM width", d.Hidden);
        var units = Make("--rims-units", "RIMs units K", d.Units);
        var active = Make("--rims-active", "RIMs active units k_A", d.Active);
        var unitHidden = Make("--rims-hidden", "RIMs hidden size per unit", d.UnitHidden);
        var rimsDropout = Make("--rims-dropout", "Dropout inside the RIMs attentions", d.RimsDropout);
        var seed = Make("--seed", "Seed of data and weights", d.Seed);
        var threads = Make("--threads", "Torch threads", d.Threads);
        var runDir = new Option<string?>("--run-dir") { Description = "Run folder (default: runs/paper-copying__{core}__{seed}__{utc time})" };
        foreach (var option in new Option[] { core, trainLen, testLen, epochs, batches, batch, evalBatches, lr, clip, dropout, embedding, hidden, units, active, unitHidden, rimsDropout, seed, threads, runDir })
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var config = new CopyingConfig
            {
                Core = parse.GetValue(core)!.ToLowerInvariant(), TrainLen = parse.GetValue(trainLen), TestLen = parse.GetValue(testLen),
                Epochs = parse.GetValue(epochs), BatchesPerEpoch = parse.GetValue(batches), Batch = parse.GetValue(batch),
                EvalBatches = parse.GetValue(evalBatches), LearningRate = parse.GetValue(lr), Clip = parse.GetValue(clip),
                Dropout = parse.GetValue(dropout), EmbeddingSize = parse.GetValue(embedding), Hidden = parse.GetValue(hidden),
                Units = parse.GetValue(units), Active = parse.GetValue(active), UnitHidden = parse.GetValue(unitHidden),
                RimsDropout = parse.GetValue(rimsDropout), Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
            };
            try
            {
                config.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message);
            }
            var folder = parse.GetValue(runDir) ?? Path.Combine("runs", RunFolder.DefaultName("paper-copying", config.Core, config.Seed, DateTime.UtcNow));
            var commandLine = "paper copying " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var result = CopyingExperiment.Run(config, commandLine, folder, line => Console.WriteLine(line));
            Console.WriteLine($"run folder: {folder}");
            Console.WriteLine($"T={config.TestLen}: CE last 10 {result.CeLastTen:F4}, CE all {result.CeAll:F4}, digit accuracy {result.DigitAccuracy:P1}");
            return 0;
        });
        return command;
    }
}
