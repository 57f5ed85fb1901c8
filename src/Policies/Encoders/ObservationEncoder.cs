using Rims.Envs;
using TorchSharp;
using static TorchSharp.torch;

namespace Rims.Policies.Encoders;

/// <summary>
/// Turns a flat uint8 observation batch [B, ObservationSpec.Size] into features [B, FeatureSize].
/// Encoders slice the parts they read out of the flat batch by the spec's offsets, so every env hands the
/// policy the same contiguous byte batch whatever its observation is made of.
/// </summary>
public abstract class ObservationEncoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates an encoder for <paramref name="spec"/>.</summary>
    protected ObservationEncoder(string name, ObservationSpec spec) : base(name) => Spec = spec;

    /// <summary>The observation layout this encoder reads.</summary>
    public ObservationSpec Spec { get; }

    /// <summary>Width of the feature vector.</summary>
    public abstract int FeatureSize { get; }

    /// <summary>The part called <paramref name="name"/> of a flat batch, reshaped to [B, shape...] (still uint8).</summary>
    protected Tensor Part(Tensor flatBatch, string name)
    {
        int index = Spec.IndexOf(name);
        if (index < 0) throw new ArgumentException($"observation has no part '{name}' ({Spec})");
        var part = Spec.Parts[index];
        long[] shape = [flatBatch.shape[0], .. part.Shape.Select(d => (long)d)];
        return flatBatch.narrow(1, Spec.Offsets[index], part.Size).reshape(shape);
    }

    /// <summary>Orthogonal init with gain sqrt(2) and zero biases for every weight of the trunk (CleanRL's layer_init).</summary>
    protected void InitTrunk()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("bias", StringComparison.Ordinal)) nn.init.zeros_(parameter);
            else nn.init.orthogonal_(parameter, Math.Sqrt(2));
        }
    }
}
