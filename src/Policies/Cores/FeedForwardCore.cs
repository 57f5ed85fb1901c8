using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// The memoryless baseline (CleanRL's ppo_atari without the LSTM): one ReLU layer of the same width in place of
/// the recurrent cell, and an empty state, so the policy sees only the current observation. Comparing it with
/// the recurrent cores measures how much a task needs memory.
/// </summary>
public sealed class FeedForwardCore : RecurrentCore
{
    private readonly Linear layer;
    private readonly int hidden;

    /// <summary>A feed-forward core mapping <paramref name="inputSize"/> features to <paramref name="hiddenSize"/>.</summary>
    public FeedForwardCore(int inputSize, int hiddenSize) : base("ff_core")
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "the input size must be positive");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "the hidden size must be positive");
        InputSize = inputSize;
        hidden = hiddenSize;
        layer = nn.Linear(inputSize, hiddenSize);
        RegisterComponents();
        RecurrentInit.OrthogonalWeightsZeroBiases(this);
    }

    /// <inheritdoc />
    public override int InputSize { get; }

    /// <inheritdoc />
    public override int OutputSize => hidden;

    /// <summary>No state: a zero-width tensor keeps rollout storage and masking uniform across cores.</summary>
    public override int StateSize => 0;

    /// <inheritdoc />
    protected override CoreStep Cell(Tensor x, Tensor state) => new(nn.functional.relu(layer.forward(x)), state.alias(), null);
}
