using Rims.Envs.GridWorld;

namespace Rims.Envs.MiniGrid;

/// <summary>
/// Every mission string these envs can produce, built once so that a reset allocates nothing. BabyAI
/// (<c>ObjDesc.surface</c>): "pick up " + "the" (exactly one cell matches) or "a" + the colour if named + the type, or
/// "object" when no type is named. Fetch: one of five phrasings + " {colour} {type}".
/// </summary>
public static class MissionTexts
{
    /// <summary>Fetch's phrasings, indexed by the mission draw (minigrid/envs/fetch.py).</summary>
    public static readonly string[] FetchPhrasings = ["get a", "go get a", "fetch a", "go fetch a", "you must fetch a"];

    private const int Colors = 6, Types = 3;

    // [unique][color or none][type or none]
    private static readonly string[,,] Pickup = BuildPickup();

    // [phrasing][color][type]
    private static readonly string[,,] Fetch = BuildFetch();

    /// <summary>BabyAI's "pick up ..." for <paramref name="description"/>; <paramref name="unique"/>: exactly one cell matches it.</summary>
    public static string PickUp(ObjectDescription description, bool unique) =>
        Pickup[unique ? 1 : 0, description.Color is { } c ? (int)c : Colors, description.Type is { } t ? TypeSlot(t) : Types];

    /// <summary>Fetch's mission: phrasing <paramref name="phrasing"/> (0..4) naming <paramref name="color"/> and <paramref name="type"/>.</summary>
    public static string FetchMission(int phrasing, GridColor color, ObjectType type) => Fetch[phrasing, (int)color, TypeSlot(type)];

    private static int TypeSlot(ObjectType type)
    {
        int slot = Array.IndexOf(MissionVector.Types, type);
        return slot >= 0 ? slot : throw new ArgumentException($"missions name a key, ball or box, not a {type}", nameof(type));
    }

    private static string[,,] BuildPickup()
    {
        var texts = new string[2, Colors + 1, Types + 1];
        for (int unique = 0; unique < 2; unique++)
            for (int c = 0; c <= Colors; c++)
                for (int t = 0; t <= Types; t++)
                {
                    string noun = t < Types ? MiniGridNames.Name(MissionVector.Types[t]) : "object";
                    string named = c < Colors ? MiniGridNames.Name((GridColor)c) + " " + noun : noun;
                    texts[unique, c, t] = "pick up " + (unique == 1 ? "the " : "a ") + named;
                }
        return texts;
    }

    private static string[,,] BuildFetch()
    {
        var texts = new string[FetchPhrasings.Length, Colors, Types];
        for (int p = 0; p < FetchPhrasings.Length; p++)
            for (int c = 0; c < Colors; c++)
                for (int t = 0; t < Types; t++)
                    texts[p, c, t] = $"{FetchPhrasings[p]} {MiniGridNames.Name((GridColor)c)} {MiniGridNames.Name(MissionVector.Types[t])}";
        return texts;
    }
}
