namespace Rims.Envs.GridWorld;

/// <summary>
/// MiniGrid-like RGB tiles: black floor with grey grid lines, grey walls, orange lava, keys, balls and boxes
/// in MiniGrid's colours, and the agent as a red triangle pointing where it faces.
/// </summary>
public static class GridRenderer
{
    /// <summary>Pixels per cell side.</summary>
    public const int TileSize = 16;

    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (255, 0, 0), (0, 255, 0), (0, 0, 255), (112, 39, 195), (255, 255, 0), (100, 100, 100),
    ];

    /// <summary>Draws the grid into <paramref name="rgb"/> (Height*Tile x Width*Tile x 3).</summary>
    public static void Render(Grid grid, (int X, int Y) agent, int direction, Span<byte> rgb)
    {
        int width = grid.Width * TileSize;
        if (rgb.Length != width * grid.Height * TileSize * 3)
            throw new ArgumentException($"RGB buffer must hold {width * grid.Height * TileSize * 3} bytes");
        for (int cy = 0; cy < grid.Height; cy++)
            for (int cx = 0; cx < grid.Width; cx++)
            {
                var cell = grid[cx, cy];
                for (int py = 0; py < TileSize; py++)
                    for (int px = 0; px < TileSize; px++)
                    {
                        var colour = (cx, cy) == agent ? AgentPixel(direction, px, py) ?? CellPixel(cell, px, py) : CellPixel(cell, px, py);
                        int o = ((cy * TileSize + py) * width + cx * TileSize + px) * 3;
                        rgb[o] = colour.R;
                        rgb[o + 1] = colour.G;
                        rgb[o + 2] = colour.B;
                    }
            }
    }

    private static (byte R, byte G, byte B) CellPixel(Cell cell, int px, int py)
    {
        var background = px == 0 || py == 0 ? ((byte)100, (byte)100, (byte)100) : ((byte)0, (byte)0, (byte)0);
        var colour = Palette[(int)cell.Color];
        double u = (px + 0.5) / TileSize, v = (py + 0.5) / TileSize;
        return cell.Type switch
        {
            ObjectType.Wall => colour,
            ObjectType.Lava => (255, 128, 0),
            ObjectType.Ball => (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) < 0.31 * 0.31 ? colour : background,
            ObjectType.Box => u is > 0.12 and < 0.88 && v is > 0.12 and < 0.88 && !(u is > 0.2 and < 0.8 && v is > 0.2 and < 0.8) ? colour : background,
            // A key: a ring on top, a shaft, and a tooth.
            ObjectType.Key => (u - 0.5) * (u - 0.5) + (v - 0.28) * (v - 0.28) < 0.18 * 0.18 && (u - 0.5) * (u - 0.5) + (v - 0.28) * (v - 0.28) > 0.08 * 0.08
                              || u is > 0.44 and < 0.56 && v is > 0.4 and < 0.88
                              || u is > 0.56 and < 0.7 && v is > 0.7 and < 0.8 ? colour : background,
            _ => background,
        };
    }

    /// <summary>The agent's triangle pixel, or null where the cell shows through.</summary>
    private static (byte R, byte G, byte B)? AgentPixel(int direction, int px, int py)
    {
        double u = (px + 0.5) / TileSize, v = (py + 0.5) / TileSize;
        // Rotate the pixel into the "facing right" frame, where the triangle is (0.12,0.19)-(0.87,0.5)-(0.12,0.81).
        (u, v) = direction switch { 0 => (u, v), 1 => (v, 1 - u), 2 => (1 - u, 1 - v), _ => (1 - v, u) };
        double halfHeight = 0.31 * (0.87 - u) / 0.75;
        return u is >= 0.12 and <= 0.87 && Math.Abs(v - 0.5) <= halfHeight ? ((byte)255, (byte)0, (byte)0) : null;
    }
}
