using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// A core built around one cell of <see cref="HiddenSize"/> units whose output is its hidden vector (LSTM, GRU, or
/// the feed-forward layer), as opposed to RIMs' modular units. Holds what the three share: the size checks, the
/// sizes, and the initialisation.
/// </summary>
public abstract class MonolithicCore : SequenceCore
{
    /// <summary>Checks and stores the sizes; the subclass then creates its cell and calls <see cref="Initialise"/>.</summary>
    /// <param name="name">The module name (checkpoint parameter names start with it).</param>
    /// <param name="inputSize">Width of the input features; positive.</param>
    /// <param name="hiddenSize">Width of the cell's hidden vector, which is also the output; positive.</param>
    /// <param name="cellLabel">The cell's name for error messages ("LSTM "), or empty.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    protected MonolithicCore(string name, int inputSize, int hiddenSize, string cellLabel) : base(name)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"the {cellLabel}input size must be positive");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, $"the {cellLabel}hidden size must be positive");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
    }

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <summary>Width of the cell's hidden vector.</summary>
    public int HiddenSize { get; }

    /// <inheritdoc />
    public override int OutputSize => HiddenSize;

    /// <summary>
    /// Registers the subclass's cell and initialises it: orthogonal (gain 1) for every weight matrix, zeros for every
    /// bias. CleanRL's ppo_atari_lstm and Kostrikov's GRU both do this; it keeps early hidden states from saturating.
    /// </summary>
    protected void Initialise()
    {
        RegisterComponents();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.Contains("bias")) nn.init.zeros_(parameter);
            else nn.init.orthogonal_(parameter, 1.0);
        }
    }
}
