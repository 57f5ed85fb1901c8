using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// A single LSTM cell as the recurrent core. State = [h, c] of width 2*hidden; the heads read h.
/// Init as CleanRL's ppo_atari_lstm: orthogonal weights (gain 1), zero biases.
/// </summary>
public sealed class LstmCore : RecurrentCore
{
    private readonly LSTMCell cell;
    private readonly int hidden;

    /// <summary>An LSTM core reading <paramref name="inputSize"/> features into <paramref name="hiddenSize"/> units.</summary>
    public LstmCore(int inputSize, int hiddenSize) : base("lstm_core")
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "the LSTM input size must be positive");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "the LSTM hidden size must be positive");
        InputSize = inputSize;
        hidden = hiddenSize;
        cell = nn.LSTMCell(inputSize, hiddenSize);
        RegisterComponents();
        RecurrentInit.OrthogonalWeightsZeroBiases(this);
    }

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <inheritdoc />
    public override int OutputSize => hidden;

    /// <inheritdoc />
    public override int StateSize => 2 * hidden;

    /// <inheritdoc />
    protected override CoreStep Cell(Tensor x, Tensor state)
    {
        using var h = state.narrow(1, 0, hidden);
        using var c = state.narrow(1, hidden, hidden);
        var (hNext, cNext) = cell.forward(x, (h, c));
        return new CoreStep(hNext, cat([hNext, cNext], 1), null);
    }
}
