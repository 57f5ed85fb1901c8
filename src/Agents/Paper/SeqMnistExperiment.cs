using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Runs;
using static TorchSharp.torch;

namespace Rims.Agents.Paper;

/// <summary>Trains on sequential MNIST at one resolution and reports accuracy at several (the paper's Table 1, right).</summary>
public static class SeqMnistExperiment
{
    /// <summary>Runs the experiment; returns the test accuracy per resolution at the epoch with the best validation accuracy.</summary>
    public static IReadOnlyDictionary<int, double> Run(SeqMnistConfig config, string command, string runDirectory, Action<string> log)
    {
        config.Validate();
        var directory = MnistIdx.ResolveDirectory(config.Data);
        var (trainImages, rows, cols) = MnistIdx.ReadImages(MnistIdx.FileIn(directory, "train-images-idx3-ubyte"));
        var trainLabels = MnistIdx.ReadLabels(MnistIdx.FileIn(directory, "train-labels-idx1-ubyte"));
        var (testImages, _, _) = MnistIdx.ReadImages(MnistIdx.FileIn(directory, "t10k-images-idx3-ubyte"));
        var testLabels = MnistIdx.ReadLabels(MnistIdx.FileIn(directory, "t10k-labels-idx1-ubyte"));
        if (config.Validation >= trainImages.Length) throw new ArgumentException($"--validation {config.Validation} leaves no training images");

        // The validation split is drawn once from the training set with the seed, as the authors' code does.
        var order = Enumerable.Range(0, trainImages.Length).ToArray();
        new Random(config.Seed).Shuffle(order);
        var validation = order[..config.Validation];
        var train = order[config.Validation..];
        if (config.TrainSubset is { } n) train = train[..Math.Min(n, train.Length)];
        var test = Enumerable.Range(0, Math.Min(config.TestSubset ?? testImages.Length, testImages.Length)).ToArray();
        int[] sizes = [config.TrainSize, .. config.TestSizes.Where(s => s != config.TrainSize)];

        set_num_threads(config.Threads);
        manual_seed(config.Seed);
        using var model = config.Model.CreateModel(vocabulary: 2, outputs: 10);
        using var optimizer = optim.Adam(model.parameters(), config.LearningRate);
        var configJson = BuildInfo.RunConfig(config, command, model.parameters().Sum(p => p.numel()));
        configJson["task"] = "seqmnist";
        configJson["env"] = "paper-seqmnist";
        using var run = RunFolder.Create(runDirectory, configJson,
            ["epoch", "wall_seconds", "train_loss", "val_accuracy", .. sizes.Select(s => $"test_accuracy_{s}")], episodic: false);
        // Each epoch's line goes to run.log as well as to the caller, so the folder shows how the run went.
        void Say(string line)
        {
            log(line);
            run.Log.Information("{Line}", line);
        }
        var random = new Random(config.Seed + 1);
        var clock = Stopwatch.StartNew();
        double bestValidation = -1;
        var best = new Dictionary<int, double>();
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            model.train();
            random.Shuffle(train);
            double loss = 0;
            int batches = 0;
            for (int start = 0; start < train.Length; start += config.Batch)
            {
                using var scope = NewDisposeScope();
                var indices = train.AsSpan(start, Math.Min(config.Batch, train.Length - start)).ToArray();
                var (tokens, labels) = Batch(trainImages, trainLabels, indices, rows, cols, config.TrainSize);
                var batchLoss = nn.functional.cross_entropy(model.forward(tokens)[-1], labels);
                optimizer.zero_grad();
                batchLoss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), config.Clip);
                optimizer.step();
                loss += batchLoss.item<float>();
                batches++;
            }
            double validationAccuracy = Accuracy(model, trainImages, trainLabels, validation, rows, cols, config.TrainSize, config.Batch);
            var accuracies = sizes.ToDictionary(s => s, s => Accuracy(model, testImages, testLabels, test, rows, cols, s, config.Batch));
            // Model selection on validation accuracy at the training resolution.
            if (validationAccuracy > bestValidation)
            {
                bestValidation = validationAccuracy;
                best = accuracies;
            }
            run.Progress.Append([epoch, clock.Elapsed.TotalSeconds, loss / batches, validationAccuracy, .. sizes.Select(s => (double?)accuracies[s])]);
            foreach (var (size, accuracy) in accuracies) run.Board.add_scalar($"seqmnist/test_accuracy_{size}", (float)accuracy, epoch);
            Say($"epoch {epoch}/{config.Epochs} ({clock.Elapsed.TotalSeconds / epoch:F1} s/epoch): loss {loss / batches:F4}, validation {validationAccuracy:P1}, " +
                string.Join(", ", sizes.Select(s => $"{s}x{s} {accuracies[s]:P1}")));
        }
        var summary = new JsonObject
        {
            ["task"] = "seqmnist", ["core"] = config.Model.Core, ["seed"] = config.Seed, ["epochs"] = config.Epochs,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds, ["seconds_per_epoch"] = clock.Elapsed.TotalSeconds / config.Epochs,
            ["train_images"] = train.Length, ["test_images"] = test.Length, ["best_val_accuracy"] = bestValidation,
        };
        foreach (var (size, accuracy) in best) summary[$"test_accuracy_{size}"] = accuracy;
        run.Log.Information("run ended: {Epochs} epochs in {Seconds:F1} s", config.Epochs, clock.Elapsed.TotalSeconds);
        run.WriteSummary(summary);
        return best;
    }

    /// <summary>Tokens [size*size, B] and labels [B] for the images at <paramref name="indices"/>.</summary>
    private static (Tensor Tokens, Tensor Labels) Batch(byte[][] images, byte[] labels, int[] indices, int rows, int cols, int size)
    {
        int length = size * size;
        var tokens = new long[length * indices.Length];
        for (int b = 0; b < indices.Length; b++)
        {
            var sequence = PixelSequences.Tokens(images[indices[b]], rows, cols, size);
            for (int t = 0; t < length; t++) tokens[t * indices.Length + b] = sequence[t];
        }
        return (tensor(tokens, [length, indices.Length]), tensor(indices.Select(i => (long)labels[i]).ToArray()));
    }

    private static double Accuracy(SequenceModel model, byte[][] images, byte[] labels, int[] indices, int rows, int cols, int size, int batch)
    {
        model.eval();
        long correct = 0;
        for (int start = 0; start < indices.Length; start += batch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var chunk = indices.AsSpan(start, Math.Min(batch, indices.Length - start)).ToArray();
            var (tokens, target) = Batch(images, labels, chunk, rows, cols, size);
            correct += model.forward(tokens)[-1].argmax(-1).eq(target).sum().item<long>();
        }
        model.train();
        return (double)correct / indices.Length;
    }
}
