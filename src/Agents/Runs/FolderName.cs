namespace Rims.Agents.Runs;

/// <summary>
/// Names that become one folder under a fixed root (compare's and report's --name: runs/NAME, runs/reports/NAME):
/// a single path segment, so a name can never write outside its root ("../../x", "a/b", "..").
/// </summary>
public static class FolderName
{
    /// <summary>Throws unless <paramref name="name"/> is one plain folder name.</summary>
    /// <param name="option">The option that gave it, for the message (e.g. "--name").</param>
    /// <param name="name">The name as typed.</param>
    /// <exception cref="ArgumentException">Empty, a path separator or a character no file name may hold, or "." / "..".</exception>
    public static void Check(string option, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name is "." or ".." || name.IndexOfAny([.. Path.GetInvalidFileNameChars(), '/', '\\']) >= 0)
            throw new ArgumentException($"{option} '{name}' must be a plain folder name (no '/', '\\' or '..')");
    }
}
