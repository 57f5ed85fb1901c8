namespace Rims.Envs;

/// <summary>An environment that can draw itself as an RGB image (for videos and debugging).</summary>
public interface IRenderableEnv
{
    /// <summary>Height of the RGB frame in pixels.</summary>
    int RenderHeight { get; }

    /// <summary>Width of the RGB frame in pixels.</summary>
    int RenderWidth { get; }

    /// <summary>Writes the current frame as RenderHeight x RenderWidth x 3 bytes (RGB, row-major).</summary>
    void RenderRgb(Span<byte> rgb);
}
