using System.IO.Compression;

namespace Rims.Envs;

/// <summary>
/// Opens a gzip-compressed file the user named, refusing one that is not gzip before decoding it: .NET's own error for
/// that ("The archive entry was compressed using an unsupported compression method") names neither the file nor
/// what it should be.
/// </summary>
public static class GzipFile
{
    /// <summary>
    /// The gzip member header's ID1 and ID2 bytes, which every gzip file starts with (RFC 1952, section 2.3.1).
    /// </summary>
    private static ReadOnlySpan<byte> Magic => [0x1f, 0x8b];

    /// <summary>Opens <paramref name="path"/> for reading its decompressed bytes.</summary>
    /// <param name="path">The file as the user gave it (the message shows it).</param>
    /// <param name="what">What the file should be, with its article, e.g. "a MiniGrid trace (gzip'd JSON lines)".</param>
    /// <exception cref="InvalidDataException">The file does not start with the gzip header.</exception>
    public static GZipStream OpenRead(string path, string what)
    {
        var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        if (file.ReadAtLeast(start, 2, throwOnEndOfStream: false) < 2 || !start.SequenceEqual(Magic))
        {
            file.Dispose();
            throw new InvalidDataException($"{path} is not gzip-compressed, so it is not {what}; give the .gz file itself");
        }
        file.Position = 0;
        return new GZipStream(file, CompressionMode.Decompress);
    }
}
