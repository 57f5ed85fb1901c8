using System.IO.Compression;
using System.Text;

namespace Rims.Agents.Tests.Cli;

/// <summary>Reads and writes gzip-compressed JSONL trace files, for tests that corrupt a copy of one.</summary>
internal static class GzipLines
{
    public static string[] Read(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static void Write(string path, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), new UTF8Encoding(false));
        foreach (var line in lines) writer.Write(line + "\n");
    }
}
