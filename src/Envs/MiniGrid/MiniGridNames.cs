using Rims.Envs.GridWorld;

namespace Rims.Envs.MiniGrid;

/// <summary>MiniGrid's names for colours and object types, and its COLOR_NAMES list (minigrid/core/constants.py).</summary>
public static class MiniGridNames
{
    /// <summary>
    /// MiniGrid's COLOR_NAMES: the colour names sorted alphabetically, which is the list <c>_rand_elem</c> draws from,
    /// not the index order of <see cref="GridColor"/>.
    /// </summary>
    public static readonly GridColor[] ColorNames =
        [GridColor.Blue, GridColor.Green, GridColor.Grey, GridColor.Purple, GridColor.Red, GridColor.Yellow];

    private static readonly string[] ColorText = ["red", "green", "blue", "purple", "yellow", "grey"];

    /// <summary>The colour's name ("red", ..., "grey").</summary>
    public static string Name(GridColor color) => ColorText[(int)color];

    /// <summary>The object type's name as MiniGrid's OBJECT_TO_IDX spells it ("key", "ball", "wall", ...).</summary>
    public static string Name(ObjectType type) => type.ToString().ToLowerInvariant();

    /// <summary>The colour called <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Not a MiniGrid colour name.</exception>
    public static GridColor ParseColor(string name)
    {
        int index = Array.IndexOf(ColorText, name);
        return index >= 0 ? (GridColor)index : throw new FormatException($"'{name}' is not a MiniGrid colour");
    }

    /// <summary>The object type called <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">Not a MiniGrid object type name.</exception>
    public static ObjectType ParseType(string name) =>
        Enum.TryParse<ObjectType>(name, ignoreCase: true, out var type) && Name(type) == name
            ? type
            : throw new FormatException($"'{name}' is not a MiniGrid object type");
}
