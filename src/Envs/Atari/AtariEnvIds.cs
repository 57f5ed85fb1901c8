namespace Rims.Envs.Atari;

/// <summary>Which family of id named an Atari env; each fixes the default <see cref="AtariEnvOptions"/>.</summary>
public enum AtariIdVariant
{
    /// <summary>"DemonAttack": the preprocessing of the RIMs paper's PPO (DeepMind wrappers, no sticky actions).</summary>
    Plain,

    /// <summary>
    /// "DemonAttackNoFrameskip-v4": gymnasium's ALE env with frame skip 1 and no sticky actions, wrapped the way
    /// SB3's AtariWrapper / baselines' wrap_deepmind wrap it (the wrappers do the skip). Same options as Plain.
    /// </summary>
    NoFrameskipV4,

    /// <summary>"ALE/DemonAttack-v5": as Plain but with sticky actions 0.25 (gymnasium's v5 default, Machado et al. 2018).</summary>
    V5,
}

/// <summary>An Atari env id split into its game name and variant.</summary>
/// <param name="Game">The game's CamelCase name as typed, or canonical when a game list was given to the parser.</param>
/// <param name="Variant">The id family.</param>
public readonly record struct AtariEnvId(string Game, AtariIdVariant Variant)
{
    /// <summary>The canonical id of this game and variant.</summary>
    public override string ToString() => AtariEnvIds.Format(Game, Variant);
}

/// <summary>
/// Parses Atari env ids: <c>Game</c>, <c>GameNoFrameskip-v4</c> and <c>ALE/Game-v5</c>, all case-insensitive,
/// and gives each variant its options.
/// </summary>
public static class AtariEnvIds
{
    private const string V4Suffix = "NoFrameskip-v4";
    private const string V5Prefix = "ALE/";
    private const string V5Suffix = "-v5";

    /// <summary>The id forms, for error messages and help.</summary>
    public const string KnownForms =
        "<Game> (the RIMs paper's preprocessing), <Game>NoFrameskip-v4 (the same: no sticky actions, the wrappers skip frames), " +
        "ALE/<Game>-v5 (the same with sticky actions 0.25); e.g. DemonAttack, DemonAttackNoFrameskip-v4, ALE/DemonAttack-v5; case-insensitive";

    /// <summary>The three ids of <paramref name="game"/>, in the order Plain, NoFrameskipV4, V5.</summary>
    public static IReadOnlyList<string> IdsFor(string game) =>
        [Format(game, AtariIdVariant.Plain), Format(game, AtariIdVariant.NoFrameskipV4), Format(game, AtariIdVariant.V5)];

    /// <summary>The id of <paramref name="game"/> in <paramref name="variant"/>'s form.</summary>
    public static string Format(string game, AtariIdVariant variant) => variant switch
    {
        AtariIdVariant.Plain => game,
        AtariIdVariant.NoFrameskipV4 => game + V4Suffix,
        AtariIdVariant.V5 => V5Prefix + game + V5Suffix,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    /// <summary>The default options of <paramref name="variant"/>.</summary>
    public static AtariEnvOptions OptionsFor(AtariIdVariant variant) => variant switch
    {
        AtariIdVariant.Plain or AtariIdVariant.NoFrameskipV4 => new AtariEnvOptions(),
        AtariIdVariant.V5 => new AtariEnvOptions { StickyActionProbability = 0.25f },
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    /// <summary>One line describing <paramref name="variant"/>, for registrations.</summary>
    public static string Describe(AtariIdVariant variant) => variant switch
    {
        AtariIdVariant.Plain => "Atari, RIMs-paper preprocessing: " + OptionsFor(variant).Describe(),
        AtariIdVariant.NoFrameskipV4 => "Atari, gymnasium NoFrameskip-v4 + DeepMind wrappers: " + OptionsFor(variant).Describe(),
        AtariIdVariant.V5 => "Atari, gymnasium v5 (sticky actions) + DeepMind wrappers: " + OptionsFor(variant).Describe(),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };

    /// <summary>
    /// Parses <paramref name="id"/>. With <paramref name="knownGames"/>, the game must be one of them
    /// (case-insensitive) and comes back in its canonical spelling.
    /// </summary>
    /// <exception cref="ArgumentException">The id has none of the known forms, or names an unknown game.</exception>
    public static AtariEnvId Parse(string id, IEnumerable<string>? knownGames = null)
    {
        if (!TryParseForm(id, out var parsed))
            throw new ArgumentException($"'{id}' is not an Atari env id. Known forms: {KnownForms}", nameof(id));
        if (knownGames is null) return parsed;
        var games = knownGames as IReadOnlyCollection<string> ?? [.. knownGames];
        foreach (var game in games)
            if (string.Equals(game, parsed.Game, StringComparison.OrdinalIgnoreCase))
                return parsed with { Game = game };
        throw new ArgumentException(
            $"'{id}' names the Atari game '{parsed.Game}', which is not known. Known games: {string.Join(", ", games)}. Known forms: {KnownForms}",
            nameof(id));
    }

    /// <summary>Parses the form only (any well-formed game name); false for anything else.</summary>
    public static bool TryParse(string? id, out AtariEnvId parsed) => TryParseForm(id, out parsed);

    private static bool TryParseForm(string? id, out AtariEnvId parsed)
    {
        parsed = default;
        if (string.IsNullOrWhiteSpace(id)) return false;
        string s = id.Trim();
        AtariIdVariant variant;
        string game;
        if (s.StartsWith(V5Prefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!s.EndsWith(V5Suffix, StringComparison.OrdinalIgnoreCase)) return false;
            game = s[V5Prefix.Length..^V5Suffix.Length];
            variant = AtariIdVariant.V5;
        }
        else if (s.EndsWith(V4Suffix, StringComparison.OrdinalIgnoreCase))
        {
            game = s[..^V4Suffix.Length];
            variant = AtariIdVariant.NoFrameskipV4;
        }
        else
        {
            game = s;
            variant = AtariIdVariant.Plain;
        }
        if (!IsGameName(game)) return false;
        // "DemonAttackNoFrameskip" without a version is a typo of the v4 id, not a game.
        if (game.EndsWith("NoFrameskip", StringComparison.OrdinalIgnoreCase)) return false;
        parsed = new AtariEnvId(game, variant);
        return true;
    }

    /// <summary>CamelCase game names are letters and digits, starting with a letter (so "-v0", "/" and spaces are rejected).</summary>
    private static bool IsGameName(string game)
    {
        if (game.Length == 0 || !char.IsAsciiLetter(game[0])) return false;
        foreach (char c in game)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }
}
