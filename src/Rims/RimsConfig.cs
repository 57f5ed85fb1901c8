namespace Rims;

/// <summary>The per-unit recurrent cell of a RIMs layer.</summary>
public enum RimsCellType
{
    /// <summary>Per-unit LSTM (state h and c).</summary>
    Lstm,
    /// <summary>Per-unit GRU (state h).</summary>
    Gru,
}

/// <summary>How the active units are chosen.</summary>
public enum RimsSelection
{
    /// <summary>
    /// Variant A (the paper, official event_based code): each unit attends over [null row; input]; the k_A
    /// units that attend least to the null row update.
    /// </summary>
    NullInput,
    /// <summary>
    /// Variant B (official blocks_atari code): softmax of the input logits across units, sparse top-k
    /// renormalisation; the k_A units with the largest input weight update.
    /// </summary>
    SoftmaxOverUnits,
}

/// <summary>
/// Sizes and switches of a RIMs layer (notation of ../shared/fixtures/rims/README.md). Defaults follow the
/// paper's RL setting where it states one (6 units, k_A = 4, comm 4 heads x 32, dropout 0 for PPO) and the
/// official code otherwise (input key 64, input value 4h).
/// </summary>
public sealed record RimsConfig
{
    /// <summary>Input width d_in.</summary>
    public required int InputSize { get; init; }

    /// <summary>Hidden size h of each unit.</summary>
    public required int Hidden { get; init; }

    /// <summary>Number of units K.</summary>
    public int Units { get; init; } = 6;

    /// <summary>Units updated per step, k_A.</summary>
    public int ActiveUnits { get; init; } = 4;

    /// <summary>Per-unit cell.</summary>
    public RimsCellType Cell { get; init; } = RimsCellType.Lstm;

    /// <summary>Selection rule.</summary>
    public RimsSelection Selection { get; init; } = RimsSelection.NullInput;

    /// <summary>Input attention key width d_k.</summary>
    public int InputKey { get; init; } = 64;

    /// <summary>Input attention value width d_v (null: 4h, as the official code).</summary>
    public int? InputValue { get; init; }

    /// <summary>Communication heads n_c.</summary>
    public int CommHeads { get; init; } = 4;

    /// <summary>Communication key width per head d_ck.</summary>
    public int CommKey { get; init; } = 32;

    /// <summary>Communication value width per head d_cv.</summary>
    public int CommValue { get; init; } = 32;

    /// <summary>Dropout on the unit inputs and on the communication output (training only; 0 for PPO).</summary>
    public double Dropout { get; init; }

    /// <summary>How the parameters are drawn at construction (the authors' scales by default).</summary>
    public RimsInit Init { get; init; } = RimsInit.Authors;

    /// <summary>The effective d_v.</summary>
    public int InputValueSize => InputValue ?? 4 * Hidden;

    /// <summary>K * h, the width of the layer's state.</summary>
    public int TotalHidden => Units * Hidden;

    /// <summary>Checks every field and says which is wrong and what it must be.</summary>
    public RimsConfig Validated()
    {
        static void Positive(int value, string name)
        {
            if (value <= 0) throw new ArgumentException($"RIMs {name} must be positive (got {value})");
        }
        Positive(InputSize, "input size");
        Positive(Hidden, "hidden size per unit");
        Positive(Units, "number of units K");
        if (ActiveUnits < 1 || ActiveUnits > Units)
            throw new ArgumentException($"RIMs active units k_A must be in 1..K = 1..{Units} (got {ActiveUnits})");
        Positive(InputKey, "input key size");
        Positive(InputValueSize, "input value size");
        Positive(CommHeads, "communication heads");
        Positive(CommKey, "communication key size");
        Positive(CommValue, "communication value size");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"RIMs dropout must be in [0, 1) (got {Dropout})");
        return this;
    }
}
