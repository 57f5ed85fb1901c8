using System.Text.Json.Nodes;
using Rims.Agents.Paper;
using static TorchSharp.torch;

namespace Rims.Agents.Tests.Paper;

public class CopyingTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-copy-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void BatchesHaveTheAuthorsLayout()
    {
        using var scope = NewDisposeScope();
        var (inputs, targets) = CopyingTask.Batch(delay: 5, batch: 3, new Random(1));
        Assert.Equal(new long[] { 25, 3 }, inputs.shape);
        for (int b = 0; b < 3; b++)
        {
            var x = inputs[.., b].data<long>().ToArray();
            var y = targets[.., b].data<long>().ToArray();
            // x = [d1..d10, 0 x (T-1), 9, 0 x 10]; y = [0 x (T+10), d1..d10].
            Assert.All(x[..10], d => Assert.InRange(d, 1, 8));
            Assert.All(x[10..14], d => Assert.Equal(0, d));
            Assert.Equal(9, x[14]);
            Assert.All(x[15..], d => Assert.Equal(0, d));
            Assert.All(y[..15], d => Assert.Equal(0, d));
            Assert.Equal(x[..10], y[15..]);
        }
    }

    [Fact]
    public void CrossEntropyOverTheLastTenIgnoresEarlierPositions()
    {
        using var scope = NewDisposeScope();
        var targets = ones(new long[] { 12, 1 }, dtype: ScalarType.Int64);
        var logits = zeros(12, 1, 10);
        // Perfectly wrong early positions do not count; the last ten are uniform: CE = ln 10.
        logits[0, 0, 5] = tensor(100f);
        logits[1, 0, 5] = tensor(100f);
        Assert.Equal(Math.Log(10), CopyingTask.CrossEntropyLastTen(logits, targets).item<float>(), 4);
        Assert.True(CopyingTask.CrossEntropy(logits, targets).item<float>() > 10);
        // Uniform logits argmax to token 0, which is never the target here; one confident right answer = 1/10.
        logits[11, 0, 1] = tensor(100f);
        Assert.Equal(0.1, CopyingTask.DigitAccuracy(logits, targets), 6);
    }

    // run.log stays open in Serilog's file sink until the folder is disposed; read it as another reader would.
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("rims")]
    public void ATinyRunWritesARunFolderAndLearns(string core)
    {
        var config = new CopyingConfig
        {
            Model = new() { Core = core, EmbeddingSize = 16, Hidden = 24, UnitHidden = 8, Units = 3, Active = 2, Dropout = 0, RimsDropout = 0 },
            TrainLen = 3, TestLen = 6, Epochs = 3, BatchesPerEpoch = 30, Batch = 16, EvalBatches = 2, Threads = 1, LearningRate = 3e-3,
        };
        var folder = Path.Combine(root, core);
        var result = CopyingExperiment.Run(config, "paper copying (test)", folder, _ => { });
        var progress = File.ReadAllLines(Path.Combine(folder, "progress.csv"));
        Assert.Equal(4, progress.Length);
        double firstLoss = double.Parse(progress[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
        double lastLoss = double.Parse(progress[3].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lastLoss < firstLoss, $"training loss did not fall: {firstLoss} -> {lastLoss}");
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!;
        Assert.Equal(result.CeLastTen, summary["test_len_ce_last10"]!.GetValue<double>(), 9);
        Assert.True(File.Exists(Path.Combine(folder, "config.json")));
        // No episodes, no checkpoints: no empty episodes.csv or checkpoints/ that would read as a PPO run that never finished a game.
        Assert.False(File.Exists(Path.Combine(folder, "episodes.csv")));
        Assert.False(Directory.Exists(Path.Combine(folder, "checkpoints")));
        // Its run.log tells how the run went (it was empty).
        Assert.Contains("run ended: 3 epochs", ReadShared(Path.Combine(folder, "run.log")));
        // `report` on it points to `paper report` (its config.json has an "env", "paper-copying", and a "model").
        Assert.Contains("build its table with `paper report", Assert.Throws<InvalidDataException>(() => Rims.Agents.Reports.RunRecord.Read(folder)).Message);
    }
}
