namespace Rims.Envs.GridWorld;

/// <summary>MiniGrid's 7 actions, in MiniGrid's order.</summary>
public enum GridAction
{
    /// <summary>Turn left.</summary>
    Left = 0,
    /// <summary>Turn right.</summary>
    Right = 1,
    /// <summary>Move one cell forward.</summary>
    Forward = 2,
    /// <summary>Pick up the object in front.</summary>
    Pickup = 3,
    /// <summary>Drop the carried object onto the empty cell in front (GridPickup never carries: a pickup ends its episode).</summary>
    Drop = 4,
    /// <summary>Toggle the object in front: a door opens or closes, a box is replaced by its contents.</summary>
    Toggle = 5,
    /// <summary>Declare the task done (a no-op in the pickup task).</summary>
    Done = 6,
}

/// <summary>The action names of <see cref="GridAction"/>, as MiniGrid's Actions enum spells them, and the range check.</summary>
public static class GridActions
{
    private static readonly string[] AllNames = ["left", "right", "forward", "pickup", "drop", "toggle", "done"];

    /// <summary>The seven names, indexed by action.</summary>
    public static IReadOnlyList<string> Names => AllNames;

    /// <summary>Throws unless <paramref name="action"/> is one of the seven actions.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is outside 0..6 (MiniGrid raises ValueError).</exception>
    public static void Validate(int action)
    {
        if ((uint)action >= AllNames.Length)
            throw new ArgumentOutOfRangeException(nameof(action), action, $"actions are 0..{AllNames.Length - 1}");
    }
}
