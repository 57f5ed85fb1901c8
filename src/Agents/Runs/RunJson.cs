using System.Text.Json;
using System.Text.Json.Serialization;
using Rims.Envs;

namespace Rims.Agents.Runs;

/// <summary>JSON conventions of run folders: snake_case names, indented, nulls kept.</summary>
public static class RunJson
{
    /// <summary>The serializer options every run file uses.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A null where the type has no null ("returns": null in an evaluation) is a damaged file, refused as one when read,
        // rather than a null reference far from the file.
        RespectNullableAnnotations = true,
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options));

    /// <summary>The fix for a damaged file that a command wrote and can write again.</summary>
    public const string RestoreOrRewrite = "restore it from a copy, or delete it and run the command that wrote it again";

    /// <summary>Reads <paramref name="path"/>, with an error naming the file when it is missing or malformed.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON of <typeparamref name="T"/>'s shape, or holds null; the message names the file and where it breaks (<see cref="Malformed"/>).</exception>
    public static T Read<T>(string path)
    {
        InputPaths.RequireFile(path, "file");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                   ?? throw new InvalidDataException($"{path} holds null; {RestoreOrRewrite}");
        }
        catch (JsonException e)
        {
            throw Malformed(path, e, RestoreOrRewrite);
        }
    }

    /// <summary>
    /// The one-line error for <paramref name="path"/> when System.Text.Json refused it: the file, where the parser stopped
    /// (1-based line and column, and the JSON path of the value when it is inside one, e.g. a field of the wrong type),
    /// and <paramref name="fix"/>; the parser's own text (0-based "LineNumber: 0 | BytePositionInLine: 9") stays in the inner exception.
    /// </summary>
    public static InvalidDataException Malformed(string path, JsonException e, string fix)
    {
        string where = e.LineNumber is { } line ? $" at line {line + 1}" + (e.BytePositionInLine is { } column ? $", column {column + 1}" : "") : "";
        string value = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (in {e.Path})";
        return new InvalidDataException($"{path}: malformed JSON or a value of the wrong type{where}{value}; {fix}", e);
    }
}
