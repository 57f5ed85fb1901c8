using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using Rims.Policies.Cores;
using static TorchSharp.torch;

namespace Rims.Agents.Paper;

/// <summary>Metrics of one evaluation of the copying model at one delay.</summary>
/// <param name="CeLastTen">Cross-entropy over the last ten positions (the paper's Table 1 metric).</param>
/// <param name="CeAll">Cross-entropy over all positions.</param>
/// <param name="DigitAccuracy">Fraction of copied digits predicted exactly.</param>
public sealed record CopyingMetrics(double CeLastTen, double CeAll, double DigitAccuracy);

/// <summary>Trains and evaluates the copying task, writing an ordinary run folder.</summary>
public static class CopyingExperiment
{
    /// <summary>Progress columns.</summary>
    private static readonly string[] Columns =
        ["epoch", "wall_seconds", "train_loss", "train_len_ce_last10", "train_len_ce_all", "train_len_accuracy",
         "test_len_ce_last10", "test_len_ce_all", "test_len_accuracy"];

    /// <summary>Builds the copying model for <paramref name="config"/>.</summary>
    public static SequenceModel CreateModel(CopyingConfig config) =>
        config.Model.CreateModel(CopyingTask.Vocabulary, CopyingTask.Vocabulary);

    /// <summary>Runs the experiment into <paramref name="runDirectory"/>; <paramref name="log"/> gets one line per epoch.</summary>
    public static CopyingMetrics Run(CopyingConfig config, string command, string runDirectory, Action<string> log)
    {
        config.Validate();
        set_num_threads(config.Threads);
        manual_seed(config.Seed);
        using var model = CreateModel(config);
        using var optimizer = optim.Adam(model.parameters(), config.LearningRate);
        var configJson = BuildInfo.RunConfig(config, command, model.parameters().Sum(p => p.numel()));
        configJson["task"] = "copying";
        configJson["env"] = "paper-copying";
        using var run = RunFolder.Create(runDirectory, configJson, Columns, episodic: false);
        // Each epoch's line goes to run.log as well as to the caller, so the folder shows how the run went.
        void Say(string line)
        {
            log(line);
            run.Log.Information("{Line}", line);
        }
        var random = new Random(config.Seed);
        var clock = Stopwatch.StartNew();
        CopyingMetrics train = new(double.NaN, double.NaN, double.NaN), test = train;
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            model.train();
            double loss = 0;
            for (int b = 0; b < config.BatchesPerEpoch; b++)
            {
                using var scope = NewDisposeScope();
                var (inputs, targets) = CopyingTask.Batch(config.TrainLen, config.Batch, random);
                // Trained on every position, as the official code; reported on the last ten, as the paper.
                var batchLoss = CopyingTask.CrossEntropy(model.forward(inputs), targets);
                optimizer.zero_grad();
                batchLoss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), config.Clip);
                optimizer.step();
                loss += batchLoss.item<float>();
            }
            train = Evaluate(model, config.TrainLen, config, random);
            test = Evaluate(model, config.TestLen, config, random);
            run.Progress.Append(epoch, clock.Elapsed.TotalSeconds, loss / config.BatchesPerEpoch, train.CeLastTen, train.CeAll,
                train.DigitAccuracy, test.CeLastTen, test.CeAll, test.DigitAccuracy);
            run.Board.add_scalar("copying/train_loss", (float)(loss / config.BatchesPerEpoch), epoch);
            run.Board.add_scalar($"copying/ce_last10_T{config.TrainLen}", (float)train.CeLastTen, epoch);
            run.Board.add_scalar($"copying/ce_last10_T{config.TestLen}", (float)test.CeLastTen, epoch);
            Say($"epoch {epoch}/{config.Epochs} ({clock.Elapsed.TotalSeconds / epoch:F1} s/epoch): train loss {loss / config.BatchesPerEpoch:F4}, " +
                $"CE last 10 at T={config.TrainLen} {train.CeLastTen:F4}, at T={config.TestLen} {test.CeLastTen:F4} (accuracy {test.DigitAccuracy:P1})");
        }
        run.Log.Information("run ended: {Epochs} epochs in {Seconds:F1} s", config.Epochs, clock.Elapsed.TotalSeconds);
        run.WriteSummary(new JsonObject
        {
            ["task"] = "copying", ["core"] = config.Model.Core, ["seed"] = config.Seed, ["epochs"] = config.Epochs,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds, ["seconds_per_epoch"] = clock.Elapsed.TotalSeconds / config.Epochs,
            ["parameters"] = configJson["parameters"]!.DeepClone(),
            ["train_len"] = config.TrainLen, ["test_len"] = config.TestLen,
            ["train_len_ce_last10"] = train.CeLastTen, ["train_len_ce_all"] = train.CeAll, ["train_len_accuracy"] = train.DigitAccuracy,
            ["test_len_ce_last10"] = test.CeLastTen, ["test_len_ce_all"] = test.CeAll, ["test_len_accuracy"] = test.DigitAccuracy,
        });
        return test;
    }

    /// <summary>Metrics at delay <paramref name="delay"/> over fresh batches, dropout off.</summary>
    public static CopyingMetrics Evaluate(SequenceModel model, int delay, CopyingConfig config, Random random)
    {
        model.eval();
        double last = 0, all = 0, accuracy = 0;
        for (int b = 0; b < config.EvalBatches; b++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (inputs, targets) = CopyingTask.Batch(delay, config.Batch, random);
            var logits = model.forward(inputs);
            last += CopyingTask.CrossEntropyLastTen(logits, targets).item<float>();
            all += CopyingTask.CrossEntropy(logits, targets).item<float>();
            accuracy += CopyingTask.DigitAccuracy(logits, targets);
        }
        model.train();
        return new CopyingMetrics(last / config.EvalBatches, all / config.EvalBatches, accuracy / config.EvalBatches);
    }
}
