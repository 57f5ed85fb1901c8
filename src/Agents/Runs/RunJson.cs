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
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options));

    /// <summary>Reads <paramref name="path"/>, with an error naming the file when it is missing or malformed.</summary>
    public static T Read<T>(string path)
    {
        InputPaths.RequireFile(path, "file");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                   ?? throw new InvalidDataException($"{path} holds null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON for {typeof(T).Name}: {e.Message}", e);
        }
    }
}
