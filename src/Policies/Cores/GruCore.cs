using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// A single GRU cell as the recurrent core (the baseline Kostrikov's PPO, and so the RIMs paper's Atari code,
/// actually used). State = h; orthogonal weights (gain 1), zero biases.
/// </summary>
public sealed class GruCore : MonolithicCore
{
    private readonly GRUCell cell;

    /// <summary>A GRU core reading <paramref name="inputSize"/> features into <paramref name="hiddenSize"/> units.</summary>
    public GruCore(int inputSize, int hiddenSize) : base("gru_core", inputSize, hiddenSize, "GRU ")
    {
        cell = nn.GRUCell(inputSize, hiddenSize);
        Initialise();
    }

    /// <inheritdoc />
    public override int StateSize => HiddenSize;

    /// <inheritdoc />
    protected override CoreStep Cell(Tensor x, Tensor state)
    {
        var hNext = cell.forward(x, state);
        return new CoreStep(hNext, hNext.alias(), null);
    }
}
