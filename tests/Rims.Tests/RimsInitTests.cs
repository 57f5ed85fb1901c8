using static TorchSharp.torch;

namespace Rims.Tests;

/// <summary>The two initialisations draw every parameter at the scale their documentation states.</summary>
public class RimsInitTests
{
    // Sizes large enough that sample statistics sit within a few percent of the distribution's.
    private static RimsCell Make(RimsInit init) => new(new RimsConfig
    {
        InputSize = 200, Hidden = 40, Units = 6, ActiveUnits = 4, InputKey = 64, CommHeads = 4, CommKey = 32, CommValue = 32, Init = init,
    });

    private static readonly string[] AttentionProjections =
        ["input_attention.key", "input_attention.value", "input_attention.query", "comm.query", "comm.key", "comm.value"];

    private static readonly string[] CellParameters = ["cell.weight_ih", "cell.weight_hh", "cell.bias_ih", "cell.bias_hh"];

    [Fact]
    public void AuthorsInitDrawsAttentionFromPointZeroOneNormalAndCellsFromTheFullWidthBound()
    {
        random.manual_seed(7);
        using var cell = Make(RimsInit.Authors);
        var parameters = cell.CanonicalParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach (var name in AttentionProjections) AssertNormal(parameters[name], 0.01, name);
        foreach (var name in CellParameters) AssertUniform(parameters[name], 1 / Math.Sqrt(6 * 40), name);
        // F and G stay torch.nn.Linear's default, U(±1/√fan_in) with fan_in = n_c·d_cv.
        AssertUniform(parameters["comm.out_fc.weight"], 1 / Math.Sqrt(4 * 32), "comm.out_fc.weight");
        AssertUniform(parameters["comm.gate_fc.weight"], 1 / Math.Sqrt(4 * 32), "comm.gate_fc.weight");
    }

    [Fact]
    public void FanInInitScalesEachProjectionToItsInputWidth()
    {
        random.manual_seed(8);
        using var cell = Make(RimsInit.FanIn);
        var parameters = cell.CanonicalParameters().ToDictionary(p => p.Name, p => p.Parameter);
        AssertNormal(parameters["input_attention.key"], 1 / Math.Sqrt(200), "input_attention.key");
        AssertNormal(parameters["input_attention.value"], 1 / Math.Sqrt(200), "input_attention.value");
        foreach (var name in new[] { "input_attention.query", "comm.query", "comm.key", "comm.value" })
            AssertNormal(parameters[name], 1 / Math.Sqrt(40), name);
        foreach (var name in CellParameters) AssertUniform(parameters[name], 1 / Math.Sqrt(40), name);
    }

    [Fact]
    public void TheAuthorsInitIsTheDefault() => Assert.Equal(RimsInit.Authors, new RimsConfig { InputSize = 1, Hidden = 1 }.Init);

    private static void AssertNormal(Tensor values, double std, string name)
    {
        double mean = values.mean().item<float>(), actual = values.std().item<float>();
        Assert.True(Math.Abs(actual / std - 1) < 0.1, $"{name}: std {actual:G4}, expected {std:G4}");
        Assert.True(Math.Abs(mean) < 0.1 * std, $"{name}: mean {mean:G4}, expected 0");
    }

    private static void AssertUniform(Tensor values, double bound, string name)
    {
        double max = values.abs().max().item<float>(), std = values.std().item<float>();
        Assert.True(max <= bound && max > 0.9 * bound, $"{name}: max |w| {max:G4}, expected just under {bound:G4}");
        // U(-b, b) has standard deviation b/√3.
        Assert.True(Math.Abs(std / (bound / Math.Sqrt(3)) - 1) < 0.1, $"{name}: std {std:G4}, expected {bound / Math.Sqrt(3):G4}");
    }
}
