namespace Rims.Agents;

/// <summary>Counts in messages and reports: "1 episode", "30 episodes".</summary>
public static class Counted
{
    /// <summary><paramref name="count"/> and <paramref name="noun"/>, with a plural "s" unless the count is one (nouns with a regular plural only).</summary>
    public static string Of(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
