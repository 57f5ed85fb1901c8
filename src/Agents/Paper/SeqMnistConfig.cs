namespace Rims.Agents.Paper;

/// <summary>
/// Sequential MNIST (PAPER-NOTES §2.3): pixels as tokens, trained at 14x14 and tested at 16, 19 and 24 (and 14).
/// Defaults follow the authors' script (the model of <see cref="SequenceModelConfig"/>, clip 1.0, Adam 7e-4,
/// batch 64, 100 epochs, 48k/12k train/validation split of the training set).
/// </summary>
public sealed record SeqMnistConfig
{
    /// <summary>The network (core, sizes, dropout).</summary>
    public SequenceModelConfig Model { get; init; } = new();

    /// <summary>Training resolution.</summary>
    public int TrainSize { get; init; } = 14;

    /// <summary>Test resolutions besides the training one.</summary>
    public int[] TestSizes { get; init; } = [16, 19, 24];

    /// <summary>Epochs.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Sequences per minibatch.</summary>
    public int Batch { get; init; } = 64;

    /// <summary>Training images used (null: all 48,000 after the validation split).</summary>
    public int? TrainSubset { get; init; }

    /// <summary>Validation images (taken from the training set).</summary>
    public int Validation { get; init; } = 12000;

    /// <summary>Test images used per resolution (null: all 10,000).</summary>
    public int? TestSubset { get; init; }

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 7e-4;

    /// <summary>Gradient-norm clip.</summary>
    public double Clip { get; init; } = 1.0;

    /// <summary>MNIST folder (null: RIMS_MNIST).</summary>
    public string? Data { get; init; }

    /// <summary>Seed of the split, the order and the weights.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Torch threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks values, naming the option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(TrainSize is >= 2 and <= 28, $"--train-size must be in 2..28 (got {TrainSize})");
        Require(TestSizes.All(s => s >= 2), "--test-sizes must all be at least 2");
        Require(Epochs >= 1 && Batch >= 1, "--epochs and --batch must be at least 1");
        Require(TrainSubset is null or >= 1 && TestSubset is null or >= 1, "--train-subset and --test-subset must be positive");
        Require(Validation >= 1, $"--validation must be at least 1 (got {Validation})");
        Model.Validate();
    }
}
