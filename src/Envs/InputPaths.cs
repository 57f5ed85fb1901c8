namespace Rims.Envs;

/// <summary>
/// The one check every verb makes before reading a file or folder the user named, so the message says what is
/// actually wrong: missing, or a folder where a file belongs (and the reverse). Both are unusable inputs (exit 1).
/// </summary>
public static class InputPaths
{
    /// <summary>Throws unless <paramref name="path"/> is an existing file.</summary>
    /// <param name="path">The path as the user gave it (the message shows it).</param>
    /// <param name="what">What the file is, e.g. "checkpoint" or "trace file".</param>
    /// <param name="folderHint">
    /// When a folder is at <paramref name="path"/>: the file in it the user most likely meant (e.g. a run folder's final
    /// checkpoint), or null.
    /// </param>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>, or a folder is.</exception>
    public static void RequireFile(string path, string what, Func<string, string?>? folderHint = null)
    {
        if (File.Exists(path)) return;
        if (Directory.Exists(path))
            throw new FileNotFoundException($"{what} {path} is a folder, not a file; " + (folderHint?.Invoke(path) ?? "give the file itself"), path);
        throw new FileNotFoundException($"{what} {path} does not exist", path);
    }

    /// <summary>Throws unless <paramref name="path"/> is an existing folder.</summary>
    /// <param name="path">The path as the user gave it (the message shows it).</param>
    /// <param name="what">What the folder is, e.g. "run folder".</param>
    /// <param name="hint">Appended to the message (how to fix it), or empty.</param>
    /// <exception cref="DirectoryNotFoundException">Nothing is at <paramref name="path"/>, or a file is.</exception>
    public static void RequireFolder(string path, string what, string hint = "")
    {
        if (Directory.Exists(path)) return;
        string problem = File.Exists(path) ? "is a file, not a folder" : "does not exist";
        throw new DirectoryNotFoundException($"{what} {path} {problem}{hint}");
    }

    /// <summary>
    /// Throws when <paramref name="path"/>, a folder the command creates (or writes into), cannot be one because a
    /// file is in the way: at the path itself or at one of its parents. A missing path, or an existing folder, passes.
    /// </summary>
    /// <param name="path">The path as the user gave it (the message shows it).</param>
    /// <param name="option">The option that named it, e.g. "--out".</param>
    /// <exception cref="IOException">A file is at <paramref name="path"/> or at a parent of it.</exception>
    public static void RequireFolderOrNothing(string path, string option)
    {
        for (var existing = Path.GetFullPath(path); existing is not null; existing = Path.GetDirectoryName(existing))
        {
            if (Directory.Exists(existing)) return;
            if (!File.Exists(existing)) continue;
            throw new IOException(existing == Path.GetFullPath(path)
                ? $"{option} {path} is a file; {option} names a folder (created if missing): give a folder path"
                : $"{option} {path} cannot be created: {existing} is a file; give a folder path");
        }
    }
}
