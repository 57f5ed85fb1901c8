using Rims.Envs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Encoders;

/// <summary>
/// The Nature DQN encoder for stacked frames [C, 84, 84]: Conv 32x8/4, 64x4/2, 64x3/1 (64 channels in the
/// third conv, as Nature and CleanRL; Kostrikov uses 32), then Linear 3136 -> features, ReLU. Pixels / 255.
/// </summary>
public sealed class NatureCnn : ObservationEncoder
{
    private readonly string partName;
    private readonly Sequential trunk;

    /// <summary>Encodes the frame-stack part <paramref name="partName"/> of <paramref name="spec"/>.</summary>
    public NatureCnn(ObservationSpec spec, string partName, int featureSize = 512) : base("nature_cnn", spec)
    {
        var shape = spec.Parts[spec.IndexOf(partName)].Shape;
        if (shape.Length != 3 || shape[1] != 84 || shape[2] != 84)
            throw new ArgumentException($"the Nature CNN reads [C, 84, 84] frames; part '{partName}' is [{string.Join(", ", shape)}]");
        this.partName = partName;
        FeatureSize = featureSize;
        trunk = nn.Sequential(
            nn.Conv2d(shape[0], 32, 8, stride: 4), nn.ReLU(),
            nn.Conv2d(32, 64, 4, stride: 2), nn.ReLU(),
            nn.Conv2d(64, 64, 3, stride: 1), nn.ReLU(),
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, featureSize), nn.ReLU());
        RegisterComponents();
        InitTrunk();
    }

    /// <inheritdoc />
    public override int FeatureSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor observations)
    {
        using var frames = Part(observations, partName);
        using var scaled = frames.to_type(ScalarType.Float32).div_(255f);
        return trunk.forward(scaled);
    }
}
