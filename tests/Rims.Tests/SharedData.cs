namespace Rims.Tests;

/// <summary>Locates data kept outside the repository (../shared by default, overridable by environment variables).</summary>
internal static class SharedData
{
    /// <summary>The folder holding Rims.sln, stamped into the test assembly at build time (build/Tests.props).</summary>
    public static string RepositoryRoot =>
        typeof(SharedData).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The folder named by <paramref name="variable"/>, else <paramref name="defaultRelative"/> to the repository root.</summary>
    public static string Directory(string variable, string defaultRelative)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(fromEnvironment) ? Path.Combine(RepositoryRoot, defaultRelative) : fromEnvironment);
    }
}
