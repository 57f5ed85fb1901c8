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
}
