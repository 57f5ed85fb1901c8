using static TorchSharp.torch;

namespace Rims.Policies;

/// <summary>The categorical distribution over logits, in the three operations PPO needs.</summary>
public static class ActionDistribution
{
    /// <summary>Draws one action per row of <paramref name="logits"/> [.., A] with <paramref name="generator"/>.</summary>
    public static Tensor Sample(Tensor logits, Generator generator)
    {
        using var probabilities = nn.functional.softmax(logits, -1);
        using var flat = probabilities.reshape(-1, logits.shape[^1]);
        using var drawn = multinomial(flat, 1, generator: generator);
        return drawn.reshape(logits.shape[..^1]);
    }

    /// <summary>log p(action) for integer actions shaped like logits without the last dimension.</summary>
    public static Tensor LogProb(Tensor logits, Tensor actions)
    {
        using var logProbabilities = nn.functional.log_softmax(logits, -1);
        using var index = actions.to_type(ScalarType.Int64).unsqueeze(-1);
        using var gathered = logProbabilities.gather(-1, index);
        return gathered.squeeze(-1);
    }

    /// <summary>Entropy per row.</summary>
    public static Tensor Entropy(Tensor logits)
    {
        using var logProbabilities = nn.functional.log_softmax(logits, -1);
        using var probabilities = logProbabilities.exp();
        using var terms = probabilities * logProbabilities;
        using var sum = terms.sum(-1);
        return sum.neg();
    }
}
