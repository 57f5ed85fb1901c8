using Rims.Envs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Encoders;

/// <summary>
/// Fallback for observations that are neither frames nor grids: every element of the observation through two ReLU
/// layers, bytes as value / 255 and float32 parts (vector states) as they are. Lets any new IEnv train without writing
/// an encoder first.
/// </summary>
public sealed class MlpEncoder : ObservationEncoder
{
    private readonly Sequential trunk;

    /// <summary>An MLP over all <see cref="ObservationPart.Elements"/> of <paramref name="spec"/>'s parts, in part order.</summary>
    public MlpEncoder(ObservationSpec spec, int featureSize = 128) : base("mlp_encoder", spec)
    {
        FeatureSize = featureSize;
        int inputs = spec.Parts.Sum(p => p.Elements);
        trunk = nn.Sequential(nn.Linear(inputs, 256), nn.ReLU(), nn.Linear(256, featureSize), nn.ReLU());
        RegisterComponents();
        InitTrunk();
    }

    /// <inheritdoc />
    public override int FeatureSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor observations)
    {
        using var inputs = Inputs(observations);
        return trunk.forward(inputs);
    }

    /// <summary>
    /// The MLP's input [B, sum of elements] (float32) from a flat uint8 batch [B, <see cref="ObservationSpec.Size"/>]:
    /// uint8 parts / 255, float32 parts decoded from their bytes.
    /// </summary>
    public Tensor Inputs(Tensor observations)
    {
        if (Spec.IsBytesOnly) return observations.to_type(ScalarType.Float32).div_(255f);
        using var scope = NewDisposeScope();
        var parts = new Tensor[Spec.Parts.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            var part = Spec.Parts[i];
            using var bytes = observations.narrow(1, Spec.Offsets[i], part.Size);
            parts[i] = part.DType == ObservationDType.Float32 ? DecodeFloats(bytes, part.Elements) : bytes.to_type(ScalarType.Float32).div_(255f);
        }
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Float32 values [B, n] from their little-endian bytes [B, 4n]. libtorch has no dtype-reinterpreting view in
    /// TorchSharp, so the bytes are copied through managed memory: cheap for the vector states float parts are for.
    /// </summary>
    private static Tensor DecodeFloats(Tensor bytes, int n)
    {
        using var host = bytes.cpu().contiguous();
        var raw = host.data<byte>().ToArray();
        var values = new float[raw.Length / sizeof(float)];
        Buffer.BlockCopy(raw, 0, values, 0, raw.Length);
        return tensor(values, [bytes.shape[0], n]).to(bytes.device);
    }
}
