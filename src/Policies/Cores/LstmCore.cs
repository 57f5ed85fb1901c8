using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// A single LSTM cell as the recurrent core. State = [h, c] of width 2*hidden; the heads read h.
/// Init as CleanRL's ppo_atari_lstm: orthogonal weights (gain 1), zero biases.
/// </summary>
public sealed class LstmCore : MonolithicCore
{
    private readonly LSTMCell cell;

    /// <summary>An LSTM core reading <paramref name="inputSize"/> features into <paramref name="hiddenSize"/> units.</summary>
    public LstmCore(int inputSize, int hiddenSize) : base("lstm_core", inputSize, hiddenSize, "LSTM ")
    {
        cell = nn.LSTMCell(inputSize, hiddenSize);
        Initialise();
    }

    /// <inheritdoc />
    public override int StateSize => 2 * HiddenSize;

    /// <inheritdoc />
    protected override CoreStep Cell(Tensor x, Tensor state)
    {
        using var h = state.narrow(1, 0, HiddenSize);
        using var c = state.narrow(1, HiddenSize, HiddenSize);
        var (hNext, cNext) = cell.forward(x, (h, c));
        return new CoreStep(hNext, cat([hNext, cNext], 1), null);
    }
}
