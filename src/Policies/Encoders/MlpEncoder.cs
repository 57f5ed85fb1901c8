using Rims.Envs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Encoders;

/// <summary>
/// Fallback for observations that are neither frames nor grids: the whole byte vector / 255 through two
/// ReLU layers. Lets any new IEnv train without writing an encoder first.
/// </summary>
public sealed class MlpEncoder : ObservationEncoder
{
    private readonly Sequential trunk;

    /// <summary>An MLP over all <see cref="ObservationSpec.Size"/> bytes.</summary>
    public MlpEncoder(ObservationSpec spec, int featureSize = 128) : base("mlp_encoder", spec)
    {
        FeatureSize = featureSize;
        trunk = nn.Sequential(nn.Linear(spec.Size, 256), nn.ReLU(), nn.Linear(256, featureSize), nn.ReLU());
        RegisterComponents();
        InitTrunk();
    }

    /// <inheritdoc />
    public override int FeatureSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor observations)
    {
        using var scaled = observations.to_type(ScalarType.Float32).div_(255f);
        return trunk.forward(scaled);
    }
}
