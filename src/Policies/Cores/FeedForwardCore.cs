using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>
/// The memoryless baseline (CleanRL's ppo_atari without the LSTM): one ReLU layer of the same width in place of
/// the recurrent cell, and an empty state, so the policy sees only the current observation. Comparing it with
/// the recurrent cores measures how much a task needs memory.
/// </summary>
public sealed class FeedForwardCore : MonolithicCore
{
    private readonly Linear layer;

    /// <summary>A feed-forward core mapping <paramref name="inputSize"/> features to <paramref name="hiddenSize"/>.</summary>
    public FeedForwardCore(int inputSize, int hiddenSize) : base("ff_core", inputSize, hiddenSize, "")
    {
        layer = nn.Linear(inputSize, hiddenSize);
        Initialise();
    }

    /// <summary>No state: a zero-width tensor keeps rollout storage and masking uniform across cores.</summary>
    public override int StateSize => 0;

    /// <inheritdoc />
    protected override CoreStep Cell(Tensor x, Tensor state) => new(nn.functional.relu(layer.forward(x)), state.alias(), null);
}
