using Rims.Policies.Cores;

namespace Rims.Agents.Paper;

/// <summary>
/// The network both supervised benchmarks train: embedding -> recurrent core -> linear decoder. Defaults are the
/// paper's (PAPER-NOTES §2.2-2.3): RIMs 6 units x 100 with k_A 4, LSTM baseline 600, embedding 600, dropout 0.5 on
/// the embedding and the decoder input, 0.1 inside the RIMs attentions (the official code).
/// </summary>
public sealed record SequenceModelConfig
{
    /// <summary>rims or lstm.</summary>
    public string Core { get; init; } = "rims";

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

    /// <summary>Dropout on the embedding and on the decoder input.</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>Dropout inside the RIMs attentions (the official code's 0.1).</summary>
    public double RimsDropout { get; init; } = 0.1;

    /// <summary>Checks the values, naming the option that is wrong.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(Core is "rims" or "lstm", $"--core must be rims or lstm (got '{Core}')");
        Require(Dropout is >= 0 and < 1, $"--dropout must be in [0, 1) (got {Dropout})");
        Require(RimsDropout is >= 0 and < 1, $"--rims-dropout must be in [0, 1) (got {RimsDropout})");
        Require(Units >= 1 && Active >= 1 && Active <= Units, $"--rims-active must be in 1..--rims-units (got {Active} of {Units})");
        Require(Hidden >= 1 && UnitHidden >= 1 && EmbeddingSize >= 1, "--hidden, --rims-hidden and --embedding must be positive");
    }

    /// <summary>The recurrent core this config names, reading the embedding.</summary>
    public SequenceCore CreateCore() => Core == "lstm"
        ? new LstmCore(EmbeddingSize, Hidden)
        : new RimsCore(EmbeddingSize, new RimsConfig
        {
            InputSize = EmbeddingSize, Hidden = UnitHidden, Units = Units, ActiveUnits = Active,
            // The official event_based sizes: input key 64, value 4h, comm 4 heads x 16.
            InputKey = 64, CommHeads = 4, CommKey = 16, CommValue = 16, Dropout = RimsDropout,
        });

    /// <summary>The whole model for <paramref name="vocabulary"/> input tokens and <paramref name="outputs"/> classes.</summary>
    public SequenceModel CreateModel(int vocabulary, int outputs) => new(vocabulary, EmbeddingSize, CreateCore(), outputs, Dropout);
}
