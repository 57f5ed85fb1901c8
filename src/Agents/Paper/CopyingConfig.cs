namespace Rims.Agents.Paper;

/// <summary>
/// The copying experiment. Defaults are the paper's configuration (PAPER-NOTES §2.2): RIMs 6 units x 100,
/// k_A 4 (LSTM baseline 600 units), embedding 600, Adam 1e-3, batch 64, gradient clip 1.0, dropout 0.5 on the
/// embedding and the decoder input, 150 epochs of 200 minibatches, train T = 50, test T = 200.
/// </summary>
public sealed record CopyingConfig
{
    /// <summary>rims or lstm.</summary>
    public string Core { get; init; } = "rims";

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

    /// <summary>Dropout on the embedding and on the decoder input.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Embedding width.</summary>
    public int EmbeddingSize { get; init; } = 600;

    /// <summary>LSTM width (the RIMs total is Units x UnitHidden).</summary>
    public int Hidden { get; init; } = 600;

    /// <summary>RIMs units K.</summary>
    public int Units { get; init; } = 6;

    /// <summary>RIMs active units k_A.</summary>
    public int Active { get; init; } = 4;

    /// <summary>RIMs hidden size per unit.</summary>
    public int UnitHidden { get; init; } = 100;

    /// <summary>Dropout inside the RIMs attentions (the official code's 0.1).</summary>
    public double RimsDropout { get; init; } = 0.1;

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
        Require(Core is "rims" or "lstm", $"--core must be rims or lstm (got '{Core}')");
        Require(TrainLen >= 1, $"--train-len must be at least 1 (got {TrainLen})");
        Require(TestLen >= 1, $"--test-len must be at least 1 (got {TestLen})");
        Require(Epochs >= 1, $"--epochs must be at least 1 (got {Epochs})");
        Require(BatchesPerEpoch >= 1, $"--batches-per-epoch must be at least 1 (got {BatchesPerEpoch})");
        Require(Batch >= 1, $"--batch must be at least 1 (got {Batch})");
        Require(EvalBatches >= 1, $"--eval-batches must be at least 1 (got {EvalBatches})");
        Require(LearningRate > 0, $"--learning-rate must be positive (got {LearningRate})");
        Require(Dropout is >= 0 and < 1, $"--dropout must be in [0, 1) (got {Dropout})");
        Require(Units >= 1 && Active >= 1 && Active <= Units, $"--rims-active must be in 1..--rims-units (got {Active} of {Units})");
        Require(Hidden >= 1 && UnitHidden >= 1 && EmbeddingSize >= 1, "--hidden, --rims-hidden and --embedding must be positive");
    }
}
