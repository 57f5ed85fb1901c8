using Rims.Envs;

namespace Rims.Policies.Encoders;

/// <summary>Picks the encoder an observation calls for.</summary>
public static class EncoderFactory
{
    /// <summary>
    /// A [C, 84, 84] part means stacked Atari frames (Nature CNN); a [7, 7, 3] "image" part means a MiniGrid
    /// view (grid CNN, with the mission vector); anything else, and every observation with a float32 part, gets the MLP.
    /// </summary>
    public static ObservationEncoder Create(ObservationSpec spec, int featureSize)
    {
        if (!spec.IsBytesOnly) return new MlpEncoder(spec, featureSize);
        foreach (var part in spec.Parts)
            if (part.Shape is [_, 84, 84] && spec.Parts.Count == 1) return new NatureCnn(spec, part.Name, featureSize);
        int image = spec.IndexOf("image");
        if (image >= 0 && spec.Parts[image].Shape is [7, 7, 3]) return new GridCnn(spec, featureSize);
        return new MlpEncoder(spec, featureSize);
    }

    /// <summary>The feature width used when the user does not choose one: 512 for frames, 128 otherwise.</summary>
    public static int DefaultFeatureSize(ObservationSpec spec) =>
        spec.Parts.Any(p => p.Shape is [_, 84, 84]) ? 512 : 128;
}
