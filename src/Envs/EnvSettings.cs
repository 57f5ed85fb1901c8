namespace Rims.Envs;

/// <summary>
/// Settings an env factory may read. Each env family declares its option keys in its
/// <see cref="EnvRegistration"/>, and <see cref="EnvRegistry.Check"/> refuses any other key.
/// </summary>
public sealed record EnvSettings
{
    /// <summary>Folder holding Atari ROMs (null: the RIMS_ROMS variable, else ./roms).</summary>
    public string? RomsDirectory { get; init; }

    /// <summary>Free-form overrides by name (e.g. "sticky-actions" = "0.25"), for family-specific options.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The canonical form of an option key: trimmed, lower case, '_' read as '-' ("Frame_Stack" is "frame-stack"),
    /// so keys can be typed the way Python tools spell them.
    /// </summary>
    public static string NormaliseKey(string key) => key.Trim().Replace('_', '-').ToLowerInvariant();
}
