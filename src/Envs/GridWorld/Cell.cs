namespace Rims.Envs.GridWorld;

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
