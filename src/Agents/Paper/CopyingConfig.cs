namespace Rims.Agents.Paper;

/// <summary>
/// The copying experiment. Defaults are the paper's configuration (PAPER-NOTES §2.2): the model of
/// <see cref="SequenceModelConfig"/>, Adam 1e-3, batch 64, gradient clip 1.0, 150 epochs of 200 minibatches,
/// train T = 50, test T = 200.
/// </summary>
public sealed record CopyingConfig
{
    /// <summary>The network (core, sizes, dropout).</summary>
    public SequenceModelConfig Model { get; init; } = new();

    /// <summary>Delay T during training.</summary>
    public int TrainLen { get; init; } = 50;

    /// <summary>Delay T for the generalisation test.</summary>
    public int TestLen { get; init; } = 200;

    /// <summary>Epochs.</summary>
    public int Epochs { get; init; } = 150;

    /// <summary>Minibatches per epoch (freshly generated).</summary>
    public int BatchesPerEpoch { get; init; } = 200;

    /// <summary>Sequences per minibatch.</summary>
    public int Batch { get; init; } = 64;

    /// <summary>Minibatches per evaluation (at each length).</summary>
    public int EvalBatches { get; init; } = 10;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Global gradient-norm clip.</summary>
    public double Clip { get; init; } = 1.0;

    /// <summary>Seed of the data and the weights.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Torch threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the values, naming the option that is wrong.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(TrainLen >= 1, $"--train-len must be at least 1 (got {TrainLen})");
        Require(TestLen >= 1, $"--test-len must be at least 1 (got {TestLen})");
        Require(Epochs >= 1, $"--epochs must be at least 1 (got {Epochs})");
        Require(BatchesPerEpoch >= 1, $"--batches-per-epoch must be at least 1 (got {BatchesPerEpoch})");
        Require(Batch >= 1, $"--batch must be at least 1 (got {Batch})");
        Require(EvalBatches >= 1, $"--eval-batches must be at least 1 (got {EvalBatches})");
        Require(LearningRate > 0, $"--learning-rate must be positive (got {LearningRate})");
        Model.Validate();
    }
}
