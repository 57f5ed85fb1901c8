namespace Rims.Envs.GridWorld;

/// <summary>
/// A MiniGrid-style grid with the agent's egocentric, occluded 7x7 view. The view encoding follows MiniGrid's
/// gen_obs_grid + process_vis + encode exactly: the view is cut so the agent sits at (3, 6) facing up, cells
/// outside the grid read as walls, and visibility spreads from the agent row by row, stopped by walls and
/// closed doors. The encoded image is indexed [x, y, channel] as MiniGrid's numpy array.
/// </summary>
public sealed class Grid
{
    /// <summary>Side of the agent's view.</summary>
    public const int ViewSize = 7;

    private readonly Cell[] cells;
    // Scratch for the view (no allocation per step).
    private readonly Cell[] view = new Cell[ViewSize * ViewSize];
    private readonly bool[] visible = new bool[ViewSize * ViewSize];

    /// <summary>Creates an empty grid.</summary>
    public Grid(int width, int height)
    {
        Width = width;
        Height = height;
        cells = new Cell[width * height];
        Array.Fill(cells, Cell.Empty);
    }

    /// <summary>Width in cells.</summary>
    public int Width { get; }

    /// <summary>Height in cells.</summary>
    public int Height { get; }

    /// <summary>The cell at (x, y); outside the grid reads as a wall.</summary>
    public Cell this[int x, int y]
    {
        get => x < 0 || y < 0 || x >= Width || y >= Height ? Cell.Wall : cells[y * Width + x];
        set => cells[y * Width + x] = value;
    }

    /// <summary>Writes every cell (type, colour, state), row-major.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Width);
        writer.Write(Height);
        foreach (var cell in cells) cell.Save(writer);
    }

    /// <summary>Reads the cells written by <see cref="Save"/> of a grid of the same size.</summary>
    /// <exception cref="InvalidDataException">The saved grid has another size.</exception>
    public void Load(BinaryReader reader)
    {
        int width = reader.ReadInt32(), height = reader.ReadInt32();
        if (width != Width || height != Height)
            throw new InvalidDataException($"the saved grid is {width}x{height}, this one {Width}x{Height}");
        for (int i = 0; i < cells.Length; i++)
            cells[i] = Cell.Load(reader);
    }

    /// <summary>Fills every cell with Empty, then walls the border.</summary>
    public void ResetToWalledRoom()
    {
        Array.Fill(cells, Cell.Empty);
        for (int x = 0; x < Width; x++)
        {
            this[x, 0] = Cell.Wall;
            this[x, Height - 1] = Cell.Wall;
        }
        for (int y = 0; y < Height; y++)
        {
            this[0, y] = Cell.Wall;
            this[Width - 1, y] = Cell.Wall;
        }
    }

    /// <summary>
    /// Writes the agent's 7x7x3 view into <paramref name="image"/> ([x, y, channel], 147 bytes).
    /// <paramref name="carrying"/> is shown at the agent's own cell, as MiniGrid does. With
    /// <paramref name="seeThroughWalls"/> (MiniGrid's see_through_walls) every view cell is visible; otherwise
    /// visibility spreads from the agent as in process_vis.
    /// </summary>
    public void EncodeView(int agentX, int agentY, int direction, Cell? carrying, Span<byte> image, bool seeThroughWalls = false)
    {
        // MiniGrid cuts the view square in front of the agent (get_view_exts) and rotates it left direction + 1
        // times; the net effect is one mapping: view cell (x, y) shows the world cell
        // agent + forward * (6 - y) + right * (x - 3), with right = (-forward.y, forward.x) (MiniGrid's right_vec).
        int forwardX = Directions.Dx[direction], forwardY = Directions.Dy[direction];
        int rightX = -forwardY, rightY = forwardX;
        for (int vy = 0; vy < ViewSize; vy++)
        {
            int depth = ViewSize - 1 - vy;
            for (int vx = 0; vx < ViewSize; vx++)
            {
                int side = vx - ViewSize / 2;
                view[vy * ViewSize + vx] = this[agentX + forwardX * depth + rightX * side, agentY + forwardY * depth + rightY * side];
            }
        }
        const int ax = ViewSize / 2, ay = ViewSize - 1;
        view[ay * ViewSize + ax] = carrying ?? Cell.Empty;
        if (!seeThroughWalls) ComputeVisibility(ax, ay);
        image = image[..(ViewSize * ViewSize * 3)];
        for (int x = 0; x < ViewSize; x++)
            for (int y = 0; y < ViewSize; y++)
            {
                int o = (x * ViewSize + y) * 3;
                int v = y * ViewSize + x;
                if (!seeThroughWalls && !visible[v])
                {
                    image[o] = image[o + 1] = image[o + 2] = 0;
                    continue;
                }
                var cell = view[v];
                image[o] = (byte)cell.Type;
                image[o + 1] = cell.IsEmpty ? (byte)0 : (byte)cell.Color;
                image[o + 2] = cell.State;
            }
    }

    /// <summary>MiniGrid's process_vis: spread visibility from the agent, row by row towards the far edge.</summary>
    private void ComputeVisibility(int agentX, int agentY)
    {
        Array.Clear(visible);
        visible[agentY * ViewSize + agentX] = true;
        for (int j = ViewSize - 1; j >= 0; j--)
        {
            for (int i = 0; i < ViewSize - 1; i++)
            {
                if (!visible[j * ViewSize + i] || !view[j * ViewSize + i].SeeBehind) continue;
                visible[j * ViewSize + i + 1] = true;
                if (j > 0)
                {
                    visible[(j - 1) * ViewSize + i + 1] = true;
                    visible[(j - 1) * ViewSize + i] = true;
                }
            }
            for (int i = ViewSize - 1; i > 0; i--)
            {
                if (!visible[j * ViewSize + i] || !view[j * ViewSize + i].SeeBehind) continue;
                visible[j * ViewSize + i - 1] = true;
                if (j > 0)
                {
                    visible[(j - 1) * ViewSize + i - 1] = true;
                    visible[(j - 1) * ViewSize + i] = true;
                }
            }
        }
    }
}
