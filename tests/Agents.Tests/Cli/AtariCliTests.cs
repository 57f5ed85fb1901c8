using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>`atari verify`, `atari roms` and `bench atari` run in-process on the shared ROMs and ALE traces.</summary>
[Collection("Console")]
public class AtariCliTests
{
    private static (int Exit, string Error, string Output) Run(params string[] args) => CapturedCli.Run(args);

    [Fact]
    public void VerifyOfAGoodTraceMatchesEveryFrameAndExitsZero()
    {
        var (exit, error, output) = Run("atari", "verify", Shared.Trace("pong"), "--roms", Shared.Roms);
        Assert.True(exit == 0, error + output);
        Assert.Contains("pong: 5000/5000 frames match", output);
        Assert.Contains("FRAME-EXACT", output);
    }

    [Fact]
    public void VerifyOfACorruptedTraceNamesTheFrameTheFieldAndBothValues()
    {
        string directory = Directory.CreateTempSubdirectory("rims-trace-").FullName;
        try
        {
            // One RAM byte ($85 at t = 100) changed in a copy of the Pong trace.
            string[] lines = ReadLines(Shared.Trace("pong"));
            var frame = JsonNode.Parse(lines[101])!.AsObject();
            Assert.Equal(100, (int)frame["t"]!);
            byte[] ram = Convert.FromHexString((string)frame["ram"]!);
            byte original = ram[5];
            byte changed = (byte)(original + 1);
            ram[5] = changed;
            frame["ram"] = Convert.ToHexStringLower(ram);
            lines[101] = frame.ToJsonString();
            string corrupted = Path.Combine(directory, "pong.jsonl.gz");
            WriteLines(corrupted, lines);

            var (exit, error, output) = Run("atari", "verify", corrupted, "--roms", Shared.Roms, "--frames", "300");
            Assert.True(exit == 1, error + output);
            Assert.Contains("pong: 299/300 frames match", output);
            Assert.Contains($"frame 100 (t=100), field ram $85: expected ${changed:X2}, got ${original:X2}", output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void VerifyWithoutTracesSaysWhatToPass()
    {
        var (exit, error, _) = Run("atari", "verify");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("jsonl.gz", error);
    }

    [Fact]
    public void RomsListsTheFortyFourSupportedGames()
    {
        var (exit, error, output) = Run("atari", "roms", "--roms", Shared.Roms);
        Assert.True(exit == 0, error);
        Assert.Contains("44 of 44 supported games present", output);
        Assert.Equal(44, output.Split('\n').Count(l => l.TrimEnd().EndsWith(" supported", StringComparison.Ordinal)));
    }

    [Fact]
    public void BenchAtariPrintsFramesPerSecond()
    {
        var (exit, error, output) = Run("bench", "atari", "--frames", "2000", "--roms", Shared.Roms);
        Assert.True(exit == 0, error);
        Assert.Matches(@"DemonAttack \(demon_attack\), act\(\), 1 thread: [0-9,]+ emulated frames/s", output);
        // Native ALE's figure was measured on another machine: shown as a reference, never as a ratio to this run.
        Assert.Contains("reference, measured on another machine: native ALE 0.12.1", output);
        Assert.DoesNotContain("%", output);
    }

    private static string[] ReadLines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void WriteLines(string path, string[] lines)
    {
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false));
        foreach (var line in lines) writer.Write(line + "\n");
    }

    /// <summary>The shared ROM and trace folders beside the repository (or where RIMS_ROMS / RIMS_ALE_TRACES point).</summary>
    private static class Shared
    {
        public static string Roms => Folder("RIMS_ROMS", "roms");

        public static string Trace(string game)
        {
            string path = Path.Combine(Folder("RIMS_ALE_TRACES", "ale-traces", "RIMS_TRACES"), game + ".jsonl.gz");
            Assert.True(File.Exists(path), $"ALE trace {path} is missing (set RIMS_ALE_TRACES to the trace folder).");
            return path;
        }

        private static string Folder(string variable, string name, string? fallbackVariable = null)
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(fromEnvironment) && fallbackVariable is not null)
                fromEnvironment = Environment.GetEnvironmentVariable(fallbackVariable);
            string path = string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", name))
                : Path.GetFullPath(fromEnvironment);
            Assert.True(Directory.Exists(path), $"Shared folder {path} is missing (set {variable} to point at it).");
            return path;
        }

        // The build stamps the repository root into every test assembly (build/Tests.props), so this works with any
        // --artifacts-path.
        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Rims.sln"))) return dir.FullName;
            string? stamped = typeof(AtariCliTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
            Assert.True(stamped is not null, "cannot find the repository root (Rims.sln)");
            return stamped!;
        }
    }
}
