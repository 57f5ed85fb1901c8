namespace Rims.Agents.Paper;

/// <summary>
/// Sequential MNIST preprocessing as the authors' code does it (PAPER-NOTES §2.3): binarise at 0.5 first, then
/// nearest-neighbour resize to size x size; the pixels, row by row, are the tokens (0 or 1).
/// </summary>
public static class PixelSequences
{
    /// <summary>Binarises a rows x cols image and resizes it to <paramref name="size"/> x <paramref name="size"/> tokens.</summary>
    public static long[] Tokens(ReadOnlySpan<byte> image, int rows, int cols, int size)
    {
        var tokens = new long[size * size];
        for (int y = 0; y < size; y++)
        {
            // torch's nearest interpolation: source index = floor(destination * in / out).
            int sy = y * rows / size;
            for (int x = 0; x < size; x++)
            {
                int sx = x * cols / size;
                // round(p / 255): 1 from 128 up (127.5 is the 0.5 threshold on the 0..255 scale).
                tokens[y * size + x] = image[sy * cols + sx] >= 128 ? 1 : 0;
            }
        }
        return tokens;
    }
}
