namespace Rims.Envs.Tests;

/// <summary>A path the user named is either there, missing, or the wrong kind (a folder for a file and back): three messages.</summary>
public class InputPathsTests
{
    [Fact]
    public void AFileCheckSaysWhetherThePathIsMissingOrAFolder()
    {
        string folder = Directory.CreateTempSubdirectory("rims-paths-").FullName;
        try
        {
            string file = Path.Combine(folder, "final.ckpt");
            File.WriteAllText(file, "x");
            InputPaths.RequireFile(file, "checkpoint");

            var missing = Assert.Throws<FileNotFoundException>(() => InputPaths.RequireFile(Path.Combine(folder, "none.ckpt"), "checkpoint"));
            Assert.Equal($"checkpoint {Path.Combine(folder, "none.ckpt")} does not exist", missing.Message);
            var isFolder = Assert.Throws<FileNotFoundException>(() => InputPaths.RequireFile(folder, "checkpoint"));
            Assert.Equal($"checkpoint {folder} is a folder, not a file; give the file itself", isFolder.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AFolderCheckSaysWhetherThePathIsMissingOrAFile()
    {
        string folder = Directory.CreateTempSubdirectory("rims-paths-").FullName;
        try
        {
            InputPaths.RequireFolder(folder, "run folder");
            string file = Path.Combine(folder, "summary.json");
            File.WriteAllText(file, "{}");

            var isFile = Assert.Throws<DirectoryNotFoundException>(() => InputPaths.RequireFolder(file, "run folder", "; give the folder"));
            Assert.Equal($"run folder {file} is a file, not a folder; give the folder", isFile.Message);
            var missing = Assert.Throws<DirectoryNotFoundException>(() => InputPaths.RequireFolder(Path.Combine(folder, "none"), "run folder"));
            Assert.Equal($"run folder {Path.Combine(folder, "none")} does not exist", missing.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
