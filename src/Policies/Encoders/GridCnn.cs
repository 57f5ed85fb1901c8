using Rims.Envs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies.Encoders;

/// <summary>
/// A small CNN for MiniGrid's symbolic 7x7x3 view plus an optional mission vector and an optional direction
/// (MiniGrid's obs["direction"], one byte 0..3). The three index channels (object, colour, state) are one-hot
/// encoded first: the indices are categories, and feeding them as magnitudes would make "box" (7) look like a
/// bigger "key" (5); the direction is one-hot encoded for the same reason. The mission vector (and the direction)
/// is tiled over the 7x7 cells as extra channels, so the first convolution can compare each cell's object with
/// the mission directly (a cheap form of BabyAI's FiLM conditioning). Conv 3x3 32, Conv 3x3 64 (7x7 -> 3x3), then
/// Linear -> features, ReLU.
/// </summary>
public sealed class GridCnn : ObservationEncoder
{
    /// <summary>MiniGrid index ranges: 11 object types, 6 colours, 3 states, 4 directions.</summary>
    private const int Objects = 11, Colours = 6, States = 3, Directions = 4;

    private readonly Sequential conv;
    private readonly Linear head;
    private readonly bool hasMission;
    private readonly bool hasDirection;

    /// <summary>Encodes the "image" part (and the "mission" part when present) of <paramref name="spec"/>.</summary>
    public GridCnn(ObservationSpec spec, int featureSize = 128) : base("grid_cnn", spec)
    {
        int image = spec.IndexOf("image");
        if (image < 0 || spec.Parts[image].Shape is not [7, 7, 3])
            throw new ArgumentException($"the grid CNN reads an 'image' part of shape [7, 7, 3]; the observation is {spec}");
        int mission = spec.IndexOf("mission");
        hasMission = mission >= 0;
        int missionSize = hasMission ? spec.Parts[mission].Size : 0;
        int direction = spec.IndexOf("direction");
        hasDirection = direction >= 0;
        if (hasDirection && spec.Parts[direction].Shape is not [1])
            throw new ArgumentException($"the grid CNN reads a 'direction' part of shape [1]; the observation is {spec}");
        FeatureSize = featureSize;
        conv = nn.Sequential(
            nn.Conv2d(Objects + Colours + States + missionSize + (hasDirection ? Directions : 0), 32, 3), nn.ReLU(),
            nn.Conv2d(32, 64, 3), nn.ReLU(),
            nn.Flatten());
        head = nn.Linear(64 * 3 * 3, featureSize);
        RegisterComponents();
        InitTrunk();
    }

    /// <inheritdoc />
    public override int FeatureSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor observations)
    {
        using var scope = NewDisposeScope();
        var image = Part(observations, "image").to_type(ScalarType.Int64);
        var oneHot = cat([
            nn.functional.one_hot(image[.., .., .., 0].clamp(0, Objects - 1), Objects),
            nn.functional.one_hot(image[.., .., .., 1].clamp(0, Colours - 1), Colours),
            nn.functional.one_hot(image[.., .., .., 2].clamp(0, States - 1), States)], -1);
        var planes = oneHot.to_type(ScalarType.Float32);
        if (hasMission)
        {
            var mission = Part(observations, "mission").to_type(ScalarType.Float32);
            planes = cat([planes, mission.view(mission.shape[0], 1, 1, mission.shape[1]).expand(-1, 7, 7, -1)], -1);
        }
        if (hasDirection)
        {
            var direction = nn.functional.one_hot(Part(observations, "direction").to_type(ScalarType.Int64).clamp(0, Directions - 1), Directions);
            planes = cat([planes, direction.to_type(ScalarType.Float32).view(-1, 1, 1, Directions).expand(-1, 7, 7, -1)], -1);
        }
        var features = conv.forward(planes.permute(0, 3, 1, 2));
        return scope.MoveToOuter(nn.functional.relu(head.forward(features)));
    }
}
