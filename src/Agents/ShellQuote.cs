namespace Rims.Agents;

/// <summary>Quotes words for bash, so paths and names with spaces or quotes reach the program unchanged.</summary>
public static class ShellQuote
{
    /// <summary>
    /// <paramref name="word"/> as one bash word: left bare when it holds only characters bash never interprets,
    /// otherwise inside single quotes, with each single quote written as '\'' (bash has no escape inside '...').
    /// </summary>
    public static string Word(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=@%+".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Every word quoted, joined by spaces.</summary>
    public static string Words(IEnumerable<string> words) => string.Join(' ', words.Select(Word));
}
