using System.Text.RegularExpressions;

namespace Rims.Agents.Comparison;

/// <summary>
/// Lines of compare's progress log, "[HH:mm:ss] text": one timestamp per line, also for the lines a child process
/// (compare --parallel) prints with its own timestamp and the parent prints again with the parent's.
/// </summary>
public static partial class ProgressLine
{
    /// <summary><paramref name="text"/> with the local time in front.</summary>
    public static string Stamped(string text) => $"[{DateTime.Now:HH:mm:ss}] {text}";

    /// <summary>A line of <see cref="Stamped"/> without its timestamp (other lines unchanged).</summary>
    public static string Unstamped(string line) => Stamp().Replace(line, "", 1);

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d\] ")]
    private static partial Regex Stamp();
}
