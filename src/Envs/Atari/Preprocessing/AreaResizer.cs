namespace Rims.Envs.Atari.Preprocessing;

/// <summary>
/// Downscales one-channel byte images by pixel-area averaging, the way OpenCV's <c>cv::resize</c> with
/// <c>INTER_AREA</c> does for a non-integer scale (the DeepMind wrappers' 210x160 -> 84x84): every destination
/// pixel is the mean of the source area it covers, source pixels cut by the area's edge weighted by the
/// covered fraction. The weight tables are built as OpenCV builds them (double arithmetic, weights stored as
/// float, an edge sliver under 0.001 of a pixel dropped) and the sums are accumulated in float in OpenCV's order,
/// then rounded half to even, so results agree with OpenCV's to the byte. Nothing is allocated per call.
/// </summary>
public sealed class AreaResizer
{
    private readonly int srcWidth;
    private readonly int[] xDst, xSrc, yDst, ySrc;
    private readonly float[] xWeight, yWeight;
    private readonly float[] rowBuffer;
    private readonly float[] sums;

    /// <summary>Builds the tables for <paramref name="srcHeight"/> x <paramref name="srcWidth"/> -> <paramref name="dstHeight"/> x <paramref name="dstWidth"/>.</summary>
    public AreaResizer(int srcHeight, int srcWidth, int dstHeight, int dstWidth)
    {
        if (srcHeight < 1 || srcWidth < 1 || dstHeight < 1 || dstWidth < 1)
            throw new ArgumentException($"resize {srcHeight}x{srcWidth} -> {dstHeight}x{dstWidth}: sizes must be positive");
        // OpenCV falls back to bilinear interpolation when INTER_AREA enlarges; only shrinking is area averaging.
        if (dstHeight > srcHeight || dstWidth > srcWidth)
            throw new ArgumentException($"area resize only shrinks: {srcHeight}x{srcWidth} -> {dstHeight}x{dstWidth}");
        SrcHeight = srcHeight;
        this.srcWidth = srcWidth;
        DstHeight = dstHeight;
        DstWidth = dstWidth;
        (xDst, xSrc, xWeight) = Table(srcWidth, dstWidth);
        (yDst, ySrc, yWeight) = Table(srcHeight, dstHeight);
        rowBuffer = new float[dstWidth];
        sums = new float[dstWidth];
    }

    /// <summary>Source rows.</summary>
    public int SrcHeight { get; }

    /// <summary>Source columns.</summary>
    public int SrcWidth => srcWidth;

    /// <summary>Destination rows.</summary>
    public int DstHeight { get; }

    /// <summary>Destination columns.</summary>
    public int DstWidth { get; }

    /// <summary>
    /// OpenCV's computeResizeAreaTab: for each destination cell [d*scale, (d+1)*scale) the source pixels it
    /// touches and the covered fraction of the cell each contributes.
    /// </summary>
    private static (int[] Dst, int[] Src, float[] Weight) Table(int srcSize, int dstSize)
    {
        // cv::resize stores the inverse scale dst/src and takes its reciprocal; 160/84 computed directly can differ in the last bit.
        double scale = 1.0 / ((double)dstSize / srcSize);
        var dst = new List<int>();
        var src = new List<int>();
        var weight = new List<float>();
        for (int d = 0; d < dstSize; d++)
        {
            double f1 = d * scale, f2 = f1 + scale;
            double cell = Math.Min(scale, srcSize - f1);
            int s1 = (int)Math.Ceiling(f1), s2 = (int)Math.Floor(f2);
            s2 = Math.Min(s2, srcSize - 1);
            s1 = Math.Min(s1, s2);
            if (s1 - f1 > 1e-3)
            {
                dst.Add(d); src.Add(s1 - 1); weight.Add((float)((s1 - f1) / cell));
            }
            for (int s = s1; s < s2; s++)
            {
                dst.Add(d); src.Add(s); weight.Add((float)(1.0 / cell));
            }
            if (f2 - s2 > 1e-3)
            {
                dst.Add(d); src.Add(s2); weight.Add((float)(Math.Min(Math.Min(f2 - s2, 1.0), cell) / cell));
            }
        }
        return (dst.ToArray(), src.ToArray(), weight.ToArray());
    }

    /// <summary>Resizes <paramref name="source"/> (SrcHeight x SrcWidth, row-major) into <paramref name="destination"/> (DstHeight x DstWidth).</summary>
    public void Resize(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length < SrcHeight * srcWidth) throw new ArgumentException($"source has {source.Length} bytes, needs {SrcHeight * srcWidth}");
        if (destination.Length < DstHeight * DstWidth) throw new ArgumentException($"destination has {destination.Length} bytes, needs {DstHeight * DstWidth}");
        int width = DstWidth;
        var buffer = rowBuffer.AsSpan();
        var sum = sums.AsSpan();
        sum.Clear();
        int previousRow = yDst[0];
        for (int j = 0; j < yDst.Length; j++)
        {
            float beta = yWeight[j];
            int row = yDst[j];
            var sourceRow = source.Slice(ySrc[j] * srcWidth, srcWidth);
            buffer.Clear();
            for (int k = 0; k < xDst.Length; k++)
                buffer[xDst[k]] += sourceRow[xSrc[k]] * xWeight[k];
            if (row != previousRow)
            {
                // A destination row is complete: write it and start the next one with this source row.
                var outRow = destination.Slice(previousRow * width, width);
                for (int x = 0; x < width; x++)
                {
                    outRow[x] = Saturate(sum[x]);
                    sum[x] = beta * buffer[x];
                }
                previousRow = row;
            }
            else
            {
                for (int x = 0; x < width; x++) sum[x] += beta * buffer[x];
            }
        }
        var last = destination.Slice(previousRow * width, width);
        for (int x = 0; x < width; x++) last[x] = Saturate(sum[x]);
    }

    /// <summary>OpenCV's saturate_cast&lt;uchar&gt;(float): round half to even, then clamp to 0..255.</summary>
    private static byte Saturate(float value)
    {
        int rounded = (int)MathF.Round(value, MidpointRounding.ToEven);
        return (byte)Math.Clamp(rounded, 0, 255);
    }
}
