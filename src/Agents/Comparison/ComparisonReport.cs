namespace Rims.Agents.Comparison;

/// <summary>Turns the run folders of a comparison into its report.</summary>
public static class ComparisonReport
{
    /// <summary>Writes the report for <paramref name="runFolders"/> into <paramref name="outDirectory"/>; returns report.md's path.</summary>
    public static string Write(IReadOnlyList<string> runFolders, string outDirectory, string name) =>
        throw new NotImplementedException("waiting for the report builder");
}
