namespace Rims.Envs;

/// <summary>
/// Settings an env factory may read. Each env family reads the ones that concern it and ignores the rest,
/// so the CLI can pass one object whatever the env id.
/// </summary>
public sealed record EnvSettings
{
    /// <summary>Folder holding Atari ROMs (null: the RIMS_ROMS variable, else ./roms).</summary>
    public string? RomsDirectory { get; init; }

    /// <summary>Free-form overrides by name (e.g. "sticky-actions" = "0.25"), for family-specific options.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
