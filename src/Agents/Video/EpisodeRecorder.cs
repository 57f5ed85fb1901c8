using Rims.Agents.Runs;

namespace Rims.Agents.Video;

/// <summary>
/// Records an episode as a GIF: each frame (upscaled to at least 256 px wide) with a strip under it showing,
/// for every RIMs unit (one row each), which units were active over the recent steps, the current step at
/// the right edge — the paper's Figure 2 as a running tape.
/// </summary>
public sealed class EpisodeRecorder(string path, int units)
{
    private const int RowHeight = 8, ColumnWidth = 4, Gap = 2;
    private static readonly byte[] Active = [64, 200, 96], Inactive = [40, 40, 48], Background = [0, 0, 0];
    private readonly List<int[]> history = [];
    private GifWriter? gif;
    private byte[]? canvas;
    private int scale;

    /// <summary>Adds one frame and the units active at that step.</summary>
    public void Add(ReadOnlySpan<byte> rgb, int height, int width, ReadOnlySpan<int> activeUnits)
    {
        if (gif is null)
        {
            scale = Math.Max(1, (256 + width - 1) / width);
            int stripHeight = units > 0 ? Gap + units * RowHeight : 0;
            gif = new GifWriter(width * scale, height * scale + stripHeight);
            canvas = new byte[gif.Width * gif.Height * 3];
        }
        history.Add(activeUnits.ToArray());
        int canvasWidth = gif.Width;
        for (int y = 0; y < height * scale; y++)
            for (int x = 0; x < canvasWidth; x++)
            {
                int source = ((y / scale) * width + x / scale) * 3, target = (y * canvasWidth + x) * 3;
                canvas![target] = rgb[source];
                canvas[target + 1] = rgb[source + 1];
                canvas[target + 2] = rgb[source + 2];
            }
        if (units > 0) DrawStrip(height * scale, canvasWidth);
        gif.AddFrame(canvas);
    }

    private void DrawStrip(int top, int canvasWidth)
    {
        int columns = canvasWidth / ColumnWidth;
        for (int y = top; y < gif!.Height; y++)
            for (int x = 0; x < canvasWidth; x++) Paint(x, y, canvasWidth, Background);
        for (int column = 0; column < columns; column++)
        {
            // Column `columns - 1` is the current step; older steps scroll to the left.
            int step = history.Count - columns + column;
            if (step < 0) continue;
            for (int unit = 0; unit < units; unit++)
            {
                var colour = history[step][unit] != 0 ? Active : Inactive;
                for (int dy = 1; dy < RowHeight; dy++)
                    for (int dx = 0; dx < ColumnWidth - 1; dx++)
                        Paint(column * ColumnWidth + dx, top + Gap + unit * RowHeight + dy, canvasWidth, colour);
            }
        }
    }

    private void Paint(int x, int y, int canvasWidth, byte[] colour)
    {
        int offset = (y * canvasWidth + x) * 3;
        canvas![offset] = colour[0];
        canvas[offset + 1] = colour[1];
        canvas[offset + 2] = colour[2];
    }

    /// <summary>Writes the GIF (atomically).</summary>
    public void Save()
    {
        if (gif is null) throw new InvalidOperationException("no frame was recorded");
        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            gif.Save(stream);
        });
    }
}
