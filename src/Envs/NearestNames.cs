namespace Rims.Envs;

/// <summary>
/// "Did you mean" for names users type (env ids, option keys): the known names nearest to a misspelt one, after
/// folding case and dropping separators ('_', '-', '/', '.', spaces), by Levenshtein edit distance.
/// </summary>
public static class NearestNames
{
    /// <summary>Most suggestions returned.</summary>
    public const int MaxSuggestions = 3;

    /// <summary>
    /// The names in <paramref name="known"/> nearest to <paramref name="typed"/>: those equal to it once folded,
    /// else those within an edit distance of a quarter of its folded length (at least 1, at most 3), closest first;
    /// empty when nothing is that near.
    /// </summary>
    public static IReadOnlyList<string> For(string typed, IEnumerable<string> known)
    {
        string folded = Fold(typed);
        int limit = Math.Clamp(folded.Length / 4, 1, 3);
        return known
            .Select(name => (Name: name, Distance: Levenshtein(folded, Fold(name))))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .Take(MaxSuggestions)
            .ToList();
    }

    /// <summary>Lower case without separators: "Demon_Attack", "demon-attack" and "DemonAttack" fold alike.</summary>
    public static string Fold(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or '/' or '.' or ' ')).Select(char.ToLowerInvariant));

    /// <summary>Edits (insertions, deletions, substitutions) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
