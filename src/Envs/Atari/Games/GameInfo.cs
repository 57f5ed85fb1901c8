namespace Rims.Envs.Atari.Games;

/// <summary>
/// The static identity of one game (what ALE's RomSettings and Stella's property table fix per ROM), kept in one
/// record so every game class states it in one place and <see cref="RamGame"/> serves the AtariGame properties.
/// </summary>
public sealed record GameInfo
{
    /// <summary>ROM file stem, e.g. "demon_attack".</summary>
    public required string RomName { get; init; }

    /// <summary>CamelCase name, e.g. "DemonAttack".</summary>
    public required string Name { get; init; }

    /// <summary>md5 (lower-case hex) of the supported ROM image.</summary>
    public required string Md5 { get; init; }

    /// <summary>Cartridge scheme ("2K", "4K", "F8", "F6", "E0", "FE").</summary>
    public required string CartridgeType { get; init; }

    /// <summary>ALE's minimal action set in ALE's (ascending id) order.</summary>
    public required AleAction[] MinimalActions { get; init; }

    /// <summary>Available modes; the first is the default.</summary>
    public int[] Modes { get; init; } = [0];

    /// <summary>Available difficulties.</summary>
    public int[] Difficulties { get; init; } = [0];

    /// <summary>Lives reported right after a reset, before any frame is read (ALE's reset value; 0: no lives).</summary>
    public int InitialLives { get; init; }

    /// <summary>How the game selects a mode with ALE's common SELECT routine (null: single-mode, or its own routine).</summary>
    public ModeSelection? ModeSelect { get; init; }

    /// <summary>Actions played once each at the end of every reset.</summary>
    public AleAction[] StartingActions { get; init; } = [];
}
