using Rims.Agents.Runs;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// The checks a verb makes on the run folders and the output folder it is given (`report`, `compare-report`), before it
/// reads or writes anything: each folder named once, each a folder holding config.json (with a hint when it holds run
/// folders instead), and the output a folder or nothing yet.
/// </summary>
public static class RunFolderArguments
{
    /// <summary>Checks <paramref name="folders"/> and <paramref name="outFolder"/>.</summary>
    /// <exception cref="CliUsageException">A folder is given twice (exit 2).</exception>
    /// <exception cref="IOException">A folder does not exist, is a file, or has no config.json; or <paramref name="outFolder"/> is a file (exit 1).</exception>
    public static void Check(IReadOnlyList<string> folders, string outFolder)
    {
        InputPaths.RequireFolderOrNothing(outFolder, "--out");
        // The same run twice would read as one (core, seed) given twice ("are all lstm seed 1").
        if (folders.GroupBy(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new CliUsageException($"run folder {twice.First()} is given twice; give each run once");
        foreach (var folder in folders)
        {
            InputPaths.RequireFolder(folder, "run folder");
            if (!File.Exists(Path.Combine(folder, "config.json")))
                throw new InvalidDataException($"{folder} is not a run folder (no config.json): give the folders ppo or compare wrote" + RunFolder.RunsInsideHint(folder));
        }
    }
}
