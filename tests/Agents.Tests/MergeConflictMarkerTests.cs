namespace Rims.Agents.Tests;

/// <summary>
/// No text file of the repository holds a merge's conflict markers: a conflicted merge once landed README's error table
/// with both versions of two rows between the markers, and nothing else would have noticed.
/// </summary>
public class MergeConflictMarkerTests
{
    private static readonly string[] TextExtensions = [".md", ".cs", ".csproj", ".props", ".targets", ".sh", ".json", ".yml", ".yaml", ".editorconfig", ".sln", ".xml", ".txt"];

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "artifacts", "node_modules"];

    [Fact]
    public void NoTextFileHoldsConflictMarkers()
    {
        // Built at run time so this file does not hold the markers it looks for.
        string ours = new('<', 7), theirs = new('>', 7);
        var root = Rims.Testing.TestData.RepositoryRoot;
        var conflicted = Files(root)
            .Where(file => File.ReadLines(file).Any(line => line.StartsWith(ours + " ", StringComparison.Ordinal) || line == ours ||
                                                           line.StartsWith(theirs + " ", StringComparison.Ordinal) || line == theirs))
            .Select(file => Path.GetRelativePath(root, file))
            .ToList();
        Assert.True(conflicted.Count == 0, "merge conflict markers in " + string.Join(", ", conflicted));
        Assert.Contains("README.md", Files(root).Select(f => Path.GetRelativePath(root, f)));
    }

    private static IEnumerable<string> Files(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
            if (TextExtensions.Contains(Path.GetExtension(file)) || Path.GetFileName(file) == ".editorconfig")
                yield return file;
        foreach (var sub in Directory.EnumerateDirectories(folder))
            if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                foreach (var file in Files(sub))
                    yield return file;
    }
}
