using static TorchSharp.torch;

namespace Rims;

/// <summary>How a RIMs layer's parameters are drawn at construction.</summary>
public enum RimsInit
{
    /// <summary>
    /// As the authors' code (anirudh9119/RIMs; fixtures README quirk 13, PAPER-NOTES §1.3): every attention projection
    /// (their GroupLinearLayer: input key, value and query, communication query, key and value) from 0.01·N(0, 1); the
    /// per-unit cell weights and biases from U(±1/√(K·h)), the default bound of the full-width nn.LSTMCell/GRUCell they
    /// blockify. The communication output layers F and G are torch.nn.Linear there and here, with its default init.
    /// </summary>
    Authors,

    /// <summary>
    /// Scaled to each projection's fan-in: attention projections from N(0, 1/fan_in), cell weights and biases from
    /// U(±1/√h) (a per-unit nn.LSTMCell's default). At RL sizes its attention projections start 9-22x larger than
    /// the authors'.
    /// </summary>
    FanIn,
}

/// <summary>Draws the parameters of a RIMs layer as its <see cref="RimsConfig.Init"/> says.</summary>
public static class RimsInitialization
{
    /// <summary>An attention projection of <paramref name="shape"/> whose inputs are <paramref name="fanIn"/> wide.</summary>
    public static Tensor AttentionProjection(RimsConfig config, long fanIn, params long[] shape) => config.Init == RimsInit.Authors
        ? randn(shape).mul_(0.01)
        : randn(shape).div_(Math.Sqrt(fanIn));

    /// <summary>The bound b of the cell's U(-b, b): 1/√(K·h) for the authors' init, 1/√h for fan-in.</summary>
    public static double CellBound(RimsConfig config) =>
        1 / Math.Sqrt(config.Init == RimsInit.Authors ? config.TotalHidden : config.Hidden);

    /// <summary>A tensor of <paramref name="shape"/> drawn from U(-bound, bound).</summary>
    public static Tensor Uniform(double bound, params long[] shape) => rand(shape).mul_(2 * bound).sub_(bound);
}
