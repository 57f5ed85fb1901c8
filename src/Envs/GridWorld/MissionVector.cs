namespace Rims.Envs.GridWorld;

/// <summary>
/// The mission as the policy reads it: 9 bytes, a one-hot colour in MiniGrid's colour index order (red, green,
/// blue, purple, yellow, grey), then a one-hot type (key, ball, box). A part the mission does not name (BabyAI's
/// "pick up a red object", "pick up the ball") stays all zeros.
/// </summary>
public static class MissionVector
{
    /// <summary>Object types a mission can name, in the order of the type slots.</summary>
    public static readonly ObjectType[] Types = [ObjectType.Key, ObjectType.Ball, ObjectType.Box];

    /// <summary>Colour slots (one per MiniGrid colour).</summary>
    public const int ColorSlots = 6;

    /// <summary>Length of the vector.</summary>
    public const int Size = ColorSlots + 3;

    /// <summary>Writes the vector for a mission naming <paramref name="color"/> and/or <paramref name="type"/> into <paramref name="mission"/> (<see cref="Size"/> bytes).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of <see cref="Types"/>.</exception>
    public static void Write(Span<byte> mission, GridColor? color, ObjectType? type)
    {
        mission[..Size].Clear();
        if (color is { } c) mission[(int)c] = 1;
        if (type is { } t)
        {
            int slot = Array.IndexOf(Types, t);
            if (slot < 0) throw new ArgumentException($"a mission names a key, ball or box, not a {t}", nameof(type));
            mission[ColorSlots + slot] = 1;
        }
    }
}
