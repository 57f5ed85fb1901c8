using static TorchSharp.torch;

namespace Rims.Agents.Paper;

/// <summary>
/// The copying task as the authors generate it (PAPER-NOTES §2.2): ten digits drawn from 1..8, then T-1 blanks
/// (0), the marker 9, and ten more blanks; the target is blank everywhere except the last ten positions,
/// which repeat the digits. Sequences are T + 20 long; tokens 0..9.
/// </summary>
public static class CopyingTask
{
    /// <summary>Digits to copy.</summary>
    public const int Digits = 10;

    /// <summary>Token vocabulary: blank 0, digits 1..8, marker 9.</summary>
    public const int Vocabulary = 10;

    /// <summary>The marker token that asks for the copy.</summary>
    public const int Marker = 9;

    /// <summary>Inputs and targets [T + 20, batch] (int64) for delay <paramref name="delay"/> (T).</summary>
    public static (Tensor Inputs, Tensor Targets) Batch(int delay, int batch, Random random)
    {
        if (delay < 1) throw new ArgumentOutOfRangeException(nameof(delay), delay, "the copying delay T must be at least 1");
        int length = delay + 2 * Digits;
        var inputs = new long[length * batch];
        var targets = new long[length * batch];
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < Digits; i++)
            {
                long digit = random.Next(1, 9);
                inputs[i * batch + b] = digit;
                targets[(delay + Digits + i) * batch + b] = digit;
            }
            inputs[(Digits + delay - 1) * batch + b] = Marker;
        }
        return (tensor(inputs, [length, batch]), tensor(targets, [length, batch]));
    }

    /// <summary>Mean cross-entropy over the last ten positions (the paper's metric); logits [L, B, V], targets [L, B].</summary>
    public static Tensor CrossEntropyLastTen(Tensor logits, Tensor targets)
    {
        long length = logits.shape[0];
        return CrossEntropy(logits.narrow(0, length - Digits, Digits), targets.narrow(0, length - Digits, Digits));
    }

    /// <summary>Mean cross-entropy over every position (what the official code trains on).</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));

    /// <summary>Fraction of the ten copied digits predicted exactly (argmax).</summary>
    public static double DigitAccuracy(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        long length = logits.shape[0];
        var predicted = logits.narrow(0, length - Digits, Digits).argmax(-1);
        return predicted.eq(targets.narrow(0, length - Digits, Digits)).to_type(ScalarType.Float32).mean().item<float>();
    }
}
