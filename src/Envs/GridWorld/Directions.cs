namespace Rims.Envs.GridWorld;

/// <summary>Direction conventions: 0 = right (+x), 1 = down (+y), 2 = left, 3 = up, as MiniGrid's DIR_TO_VEC.</summary>
public static class Directions
{
    private static readonly int[] StepX = [1, 0, -1, 0];
    private static readonly int[] StepY = [0, 1, 0, -1];

    /// <summary>Unit step in x for each direction.</summary>
    public static ReadOnlySpan<int> Dx => StepX;

    /// <summary>Unit step in y for each direction.</summary>
    public static ReadOnlySpan<int> Dy => StepY;

    /// <summary>The cell in front of <paramref name="position"/> facing <paramref name="direction"/> (MiniGrid's front_pos).</summary>
    public static (int X, int Y) Front((int X, int Y) position, int direction) =>
        (position.X + StepX[direction], position.Y + StepY[direction]);

    /// <summary>
    /// The direction after a <see cref="GridAction.Left"/> or <see cref="GridAction.Right"/> turn (MiniGrid: left is
    /// (dir - 1) mod 4, right is (dir + 1) mod 4).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="turn"/> is not a turn.</exception>
    public static int Turn(int direction, GridAction turn) => turn switch
    {
        GridAction.Left => (direction + 3) % 4,
        GridAction.Right => (direction + 1) % 4,
        _ => throw new ArgumentOutOfRangeException(nameof(turn), turn, "only left and right turn the agent"),
    };
}
