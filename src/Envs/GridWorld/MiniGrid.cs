namespace Rims.Envs.GridWorld;

/// <summary>MiniGrid's object indices (OBJECT_TO_IDX), as they appear in channel 0 of the view.</summary>
public enum ObjectType : byte
{
    /// <summary>Not visible.</summary>
    Unseen = 0,
    /// <summary>A visible empty cell.</summary>
    Empty = 1,
    /// <summary>A wall (also the obstacle kind of the training distribution).</summary>
    Wall = 2,
    /// <summary>Floor.</summary>
    Floor = 3,
    /// <summary>Door.</summary>
    Door = 4,
    /// <summary>Key.</summary>
    Key = 5,
    /// <summary>Ball.</summary>
    Ball = 6,
    /// <summary>Box.</summary>
    Box = 7,
    /// <summary>Goal square.</summary>
    Goal = 8,
    /// <summary>Lava: walking into it ends the episode with 0.</summary>
    Lava = 9,
    /// <summary>The agent.</summary>
    Agent = 10,
}

/// <summary>MiniGrid's colour indices (COLOR_TO_IDX), channel 1 of the view.</summary>
public enum GridColor : byte
{
    /// <summary>Red.</summary>
    Red = 0,
    /// <summary>Green.</summary>
    Green = 1,
    /// <summary>Blue.</summary>
    Blue = 2,
    /// <summary>Purple.</summary>
    Purple = 3,
    /// <summary>Yellow.</summary>
    Yellow = 4,
    /// <summary>Grey.</summary>
    Grey = 5,
}

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

/// <summary>One grid cell: MiniGrid's (object, colour, state) triple; Empty for nothing.</summary>
public readonly record struct Cell(ObjectType Type, GridColor Color, byte State = 0)
{
    /// <summary>An empty cell.</summary>
    public static readonly Cell Empty = new(ObjectType.Empty, GridColor.Red);

    /// <summary>A (grey) wall.</summary>
    public static readonly Cell Wall = new(ObjectType.Wall, GridColor.Grey);

    /// <summary>Nothing occupies the cell.</summary>
    public bool IsEmpty => Type == ObjectType.Empty;

    /// <summary>The agent may stand on it (MiniGrid's can_overlap: empty, floor, goal, lava, open doors).</summary>
    public bool CanOverlap => Type is ObjectType.Empty or ObjectType.Floor or ObjectType.Goal or ObjectType.Lava
                              || (Type == ObjectType.Door && State == 0);

    /// <summary>Light passes (MiniGrid's see_behind: everything but walls and closed doors).</summary>
    public bool SeeBehind => Type != ObjectType.Wall && !(Type == ObjectType.Door && State != 0);

    /// <summary>Can be picked up (keys, balls, boxes).</summary>
    public bool CanPickUp => Type is ObjectType.Key or ObjectType.Ball or ObjectType.Box;

    /// <summary>Writes the cell as three bytes: object, colour, state.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write((byte)Type);
        writer.Write((byte)Color);
        writer.Write(State);
    }

    /// <summary>Reads a cell written by <see cref="Save"/>.</summary>
    public static Cell Load(BinaryReader reader) => new((ObjectType)reader.ReadByte(), (GridColor)reader.ReadByte(), reader.ReadByte());
}

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
