using Rims.Envs;
using Rims.Policies.Encoders;
using static TorchSharp.torch;

namespace Rims.Policies.Tests;

/// <summary>The MLP encoder reads byte parts as value / 255 and float32 parts (vector states) as the floats they encode.</summary>
public class MlpEncoderTests
{
    [Fact]
    public void FloatPartsReachTheMlpUnscaledAndBytePartsDividedBy255()
    {
        var spec = new ObservationSpec(new ObservationPart("flag", [1]), new ObservationPart("state", [2], ObservationDType.Float32));
        var batch = new byte[2 * spec.Size];
        float[][] states = [[1.5f, -2f], [0.25f, 1e6f]];
        for (int b = 0; b < 2; b++)
        {
            var observation = batch.AsSpan(b * spec.Size, spec.Size);
            observation[0] = (byte)(b == 0 ? 255 : 51);
            states[b].CopyTo(spec.Floats(observation, "state"));
        }
        using var encoder = EncoderFactory.Create(spec, 8);
        var mlp = Assert.IsType<MlpEncoder>(encoder);
        using var scope = NewDisposeScope();
        var inputs = mlp.Inputs(tensor(batch, [2, spec.Size]));
        Assert.Equal([2L, 3], inputs.shape);
        Assert.Equal(new[] { 1f, 1.5f, -2f, 0.2f, 0.25f, 1e6f }, inputs.data<float>().ToArray());
        Assert.Equal([2L, 8], encoder.forward(tensor(batch, [2, spec.Size])).shape);
    }

    [Fact]
    public void TheFirstLayerTakesOneInputPerElementNotPerByte()
    {
        using var bytes = new MlpEncoder(new ObservationSpec(new ObservationPart("signal", [3])), 8);
        Assert.Equal([256L, 3], bytes.parameters().First().shape);
        using var floats = new MlpEncoder(new ObservationSpec(new ObservationPart("state", [4], ObservationDType.Float32)), 8);
        Assert.Equal([256L, 4], floats.parameters().First().shape);
    }
}
