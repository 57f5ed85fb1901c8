namespace Rims.Envs.Atari;

/// <summary>
/// Finds Atari ROM files: an explicit folder (--roms), else the RIMS_ROMS environment variable, else ./roms.
/// </summary>
public static class RomLocator
{
    /// <summary>Name of the environment variable that points at the ROM folder.</summary>
    public const string EnvironmentVariable = "RIMS_ROMS";

    /// <summary>The folder ROMs are read from, by the precedence above.</summary>
    public static string ResolveDirectory(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory)) return Path.GetFullPath(explicitDirectory);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        return Path.GetFullPath("roms");
    }

    /// <summary>Path of <paramref name="romName"/>.bin, with an error saying where it looked and how to point to ROMs.</summary>
    /// <exception cref="DirectoryNotFoundException">The ROM folder is a file.</exception>
    /// <exception cref="FileNotFoundException">The ROM is not in the folder.</exception>
    public static string Find(string romName, string? explicitDirectory)
    {
        var directory = ResolveDirectory(explicitDirectory);
        var source = string.IsNullOrWhiteSpace(explicitDirectory)
            ? string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable))
                ? "the default ./roms"
                : $"the {EnvironmentVariable} environment variable"
            : "--roms";
        // A file where the folder belongs would otherwise read as "ROM not found in <file>".
        if (File.Exists(directory))
            InputPaths.RequireFolder(directory, $"ROM folder (from {source})", "; give the folder that holds the ROMs (<game>.bin), not a file");
        var path = Path.Combine(directory, romName + ".bin");
        if (File.Exists(path)) return path;
        throw new FileNotFoundException(
            $"ROM '{romName}.bin' not found in {directory} (looked there because of {source}). " +
            $"Point to the ALE ROM set with --roms DIR or {EnvironmentVariable}=DIR; see README, section Atari ROMs.",
            path);
    }
}
