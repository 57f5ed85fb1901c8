namespace Rims.Agents.Paper;

/// <summary>One row of the paper's Table 1: a model, its RIMs shape (null for baselines) and its numbers.</summary>
/// <param name="Model">RIMs, LSTM, or a baseline the paper quotes (NTM, RMC, ...).</param>
/// <param name="Units">k_T (RIMs only).</param>
/// <param name="Active">k_A (RIMs only).</param>
/// <param name="HiddenSize">Total hidden size h_size (null where the paper gives none).</param>
/// <param name="Values">Copying: train CE, test CE. Sequential MNIST: accuracy (%) at 16, 19, 24.</param>
public sealed record PublishedRow(string Model, int? Units, int? Active, int? HiddenSize, double[] Values);

/// <summary>The published numbers of Table 1 (Goyal et al., ICLR 2021; PAPER-NOTES §3.1-3.2).</summary>
public static class PublishedTable1
{
    /// <summary>Copying, cross-entropy over the last 10 steps: train T = 50, test T = 200.</summary>
    public static readonly IReadOnlyList<PublishedRow> Copying =
    [
        new("RIMs", 6, 4, 600, [0.00, 0.00]),
        new("RIMs", 6, 3, 600, [0.00, 0.00]),
        new("RIMs", 6, 2, 600, [0.00, 0.00]),
        new("RIMs", 5, 2, 500, [0.00, 0.00]),
        new("LSTM", null, null, 300, [0.00, 4.32]),
        new("LSTM", null, null, 600, [0.00, 3.56]),
        new("NTM", null, null, null, [0.00, 2.54]),
        new("RMC", null, null, null, [0.00, 0.13]),
        new("Transformers", null, null, null, [0.00, 0.54]),
    ];

    /// <summary>Sequential MNIST trained at 14x14: test accuracy (%) at 16x16, 19x19, 24x24, mean of 3 trials.</summary>
    public static readonly IReadOnlyList<PublishedRow> SeqMnist =
    [
        new("RIMs", 6, 6, 600, [85.5, 56.2, 30.9]),
        new("RIMs", 6, 5, 600, [88.3, 43.1, 22.1]),
        new("RIMs", 6, 4, 600, [90.0, 73.4, 38.1]),
        new("LSTM", null, null, 300, [86.8, 42.3, 25.2]),
        new("LSTM", null, null, 600, [84.5, 52.2, 21.9]),
        new("EntNet", null, null, null, [89.2, 52.4, 23.5]),
        new("RMC", null, null, null, [89.58, 54.23, 27.75]),
        new("DNC", null, null, null, [87.2, 44.1, 19.8]),
        new("Transformers", null, null, null, [91.2, 51.6, 22.9]),
    ];

    /// <summary>The resolutions of <see cref="SeqMnist"/>'s columns.</summary>
    public static readonly int[] SeqMnistSizes = [16, 19, 24];
}
