using Rims.Envs.GridWorld;

namespace Rims.Envs.MiniGrid;

/// <summary>
/// BabyAI's object description (<c>ObjDesc</c> without a location): a type, a colour, or both; a part left null
/// matches anything. The mission names the object through it, and the policy reads it as a
/// <see cref="MissionVector"/> (null parts are zeros).
/// </summary>
/// <param name="Color">The colour named, or null.</param>
/// <param name="Type">The type named (key, ball or box), or null.</param>
public readonly record struct ObjectDescription(GridColor? Color, ObjectType? Type)
{
    /// <summary>
    /// True when <paramref name="cell"/> holds an object of the described type and colour. Walls count (BabyAI's
    /// find_matching_objs scans every cell): a colour-only "grey" description matches the grey border walls.
    /// </summary>
    public bool Matches(Cell cell) =>
        !cell.IsEmpty && (Type is not { } type || cell.Type == type) && (Color is not { } color || cell.Color == color);

    /// <summary>Number of grid cells that match (BabyAI's obj_set size at reset).</summary>
    public int CountMatches(Grid grid)
    {
        int count = 0;
        for (int x = 0; x < grid.Width; x++)
            for (int y = 0; y < grid.Height; y++)
                if (Matches(grid[x, y])) count++;
        return count;
    }

    /// <summary>Writes the description as the policy's mission vector (<see cref="MissionVector.Size"/> bytes).</summary>
    public void WriteVector(Span<byte> mission) => MissionVector.Write(mission, Color, Type);

    /// <summary>Writes the description: per part, whether it is named, then its index (0 when not named).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Color.HasValue);
        writer.Write((byte)Color.GetValueOrDefault());
        writer.Write(Type.HasValue);
        writer.Write((byte)Type.GetValueOrDefault());
    }

    /// <summary>Reads a description written by <see cref="Save"/>.</summary>
    public static ObjectDescription Load(BinaryReader reader)
    {
        bool hasColor = reader.ReadBoolean();
        var color = (GridColor)reader.ReadByte();
        bool hasType = reader.ReadBoolean();
        var type = (ObjectType)reader.ReadByte();
        return new ObjectDescription(hasColor ? color : null, hasType ? type : null);
    }
}
