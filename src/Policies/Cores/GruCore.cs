using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// A single GRU cell as the recurrent core (the baseline Kostrikov's PPO, and so the RIMs paper's Atari code,
/// actually used). State = h; orthogonal weights (gain 1), zero biases.
/// </summary>
public sealed class GruCore : RecurrentCore
{
    private readonly GRUCell cell;
    private readonly int hidden;

    /// <summary>A GRU core reading <paramref name="inputSize"/> features into <paramref name="hiddenSize"/> units.</summary>
    public GruCore(int inputSize, int hiddenSize) : base("gru_core")
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "the GRU input size must be positive");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "the GRU hidden size must be positive");
        InputSize = inputSize;
        hidden = hiddenSize;
        cell = nn.GRUCell(inputSize, hiddenSize);
        RegisterComponents();
        RecurrentInit.OrthogonalWeightsZeroBiases(this);
    }

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <inheritdoc />
    public override int OutputSize => hidden;

    /// <inheritdoc />
    public override int StateSize => hidden;

    /// <inheritdoc />
    protected override CoreStep Cell(Tensor x, Tensor state)
    {
        var hNext = cell.forward(x, state);
        return new CoreStep(hNext, hNext.alias(), null);
    }
}
