using System.Text;

namespace Rims.Envs.GridWorld;

/// <summary>MiniGrid's text rendering: two characters per cell (type letter, colour letter), one row per line.</summary>
public static class GridText
{
    /// <summary>Renders <paramref name="grid"/> with the agent at <paramref name="agent"/> facing <paramref name="direction"/>.</summary>
    public static string Render(Grid grid, (int X, int Y) agent, int direction)
    {
        var text = new StringBuilder();
        for (int y = 0; y < grid.Height; y++)
        {
            for (int x = 0; x < grid.Width; x++)
            {
                if ((x, y) == agent)
                {
                    char arrow = ">V<^"[direction];
                    text.Append(arrow).Append(arrow);
                    continue;
                }
                var cell = grid[x, y];
                if (cell.IsEmpty)
                {
                    text.Append("  ");
                    continue;
                }
                text.Append(cell.Type switch
                {
                    ObjectType.Wall => 'W',
                    ObjectType.Floor => 'F',
                    ObjectType.Door => 'D',
                    ObjectType.Key => 'K',
                    ObjectType.Ball => 'A',
                    ObjectType.Box => 'B',
                    ObjectType.Goal => 'G',
                    ObjectType.Lava => 'V',
                    _ => '?',
                });
                text.Append("RGBPYG"[(int)cell.Color]);
            }
            if (y < grid.Height - 1) text.Append('\n');
        }
        return text.ToString();
    }
}
