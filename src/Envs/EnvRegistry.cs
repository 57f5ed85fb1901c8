namespace Rims.Envs;

/// <summary>A registered environment id.</summary>
/// <param name="Id">The id users type (matched case-insensitively).</param>
/// <param name="Description">One line for the `envs` verb.</param>
/// <param name="Factory">Builds a fresh env.</param>
public sealed record EnvRegistration(string Id, string Description, Func<EnvSettings, IEnv> Factory)
{
    /// <summary>
    /// The <see cref="EnvSettings.Options"/> keys this env understands, in <see cref="EnvSettings.NormaliseKey"/>'s
    /// form; any other key is refused (empty: the env takes no options).
    /// </summary>
    public IReadOnlyList<string> OptionKeys { get; init; } = [];

    /// <summary>
    /// Checks the option values without building the env or touching a file, throwing an
    /// <see cref="ArgumentException"/> that names the key (null: nothing beyond the keys to check).
    /// </summary>
    public Action<IReadOnlyDictionary<string, string>>? CheckOptions { get; init; }

    /// <summary>
    /// True for an alternative form of another registration's env (Atari's NoFrameskip-v4 and v5 ids), left out of
    /// the short id list an unknown id's error shows.
    /// </summary>
    public bool IsVariant { get; init; }
}

/// <summary>
/// Maps env ids to factories. Env families register themselves in <see cref="EnvRegistry.Default"/>;
/// a new environment plugs in by registering an id here and nothing else changes.
/// </summary>
public sealed class EnvRegistry
{
    private readonly Dictionary<string, EnvRegistration> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EnvRegistration> _ordered = [];

    /// <summary>The registry with every built-in env family.</summary>
    public static EnvRegistry Default { get; } = CreateDefault();

    private static EnvRegistry CreateDefault()
    {
        var registry = new EnvRegistry();
        GridWorld.GridPickupRegistration.RegisterAll(registry);
        MiniGrid.MiniGridRegistration.RegisterAll(registry);
        Atari.AtariRegistration.Register(registry);
        return registry;
    }

    /// <summary>All registrations in registration order.</summary>
    public IReadOnlyList<EnvRegistration> All => _ordered;

    /// <summary>Adds an id; ids are unique regardless of case.</summary>
    public void Register(EnvRegistration registration)
    {
        if (!_byId.TryAdd(registration.Id, registration))
            throw new ArgumentException($"env id '{registration.Id}' is registered twice");
        _ordered.Add(registration);
    }

    /// <summary>True when <paramref name="id"/> is known.</summary>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>
    /// The registered spelling of <paramref name="id"/> (ids match case-insensitively, so `gridpickup` is GridPickup),
    /// or <paramref name="id"/> itself when nobody registered it. Run folders, configs and evaluation files use this
    /// spelling, so one env never appears under two names.
    /// </summary>
    public string Canonical(string id) => _byId.TryGetValue(id, out var registration) ? registration.Id : id;

    /// <summary>Looks an id up, with an error that suggests the nearest ids.</summary>
    /// <exception cref="UnknownEnvException">No env has that id.</exception>
    public EnvRegistration Get(string id) =>
        _byId.TryGetValue(id, out var r)
            ? r
            : throw new UnknownEnvException(id, NearestNames.For(id, _ordered.Select(x => x.Id)),
                _ordered.Where(x => !x.IsVariant).Select(x => x.Id).ToList(), _ordered.Count);

    /// <summary>
    /// Checks that <paramref name="id"/> is known and that <paramref name="settings"/> holds only option keys of its
    /// env, with values in range, without building anything (so a command can check its input before any side effect).
    /// </summary>
    /// <exception cref="UnknownEnvException">No env has that id.</exception>
    /// <exception cref="ArgumentException">An option key does not apply to the env, or a value is out of range; the message names the key and lists the valid keys.</exception>
    public EnvRegistration Check(string id, EnvSettings? settings = null)
    {
        var registration = Get(id);
        var options = settings?.Options ?? new Dictionary<string, string>();
        foreach (var key in options.Keys)
        {
            if (registration.OptionKeys.Contains(EnvSettings.NormaliseKey(key))) continue;
            if (registration.OptionKeys.Count == 0)
                throw new ArgumentException($"env option '{key}' does not apply to {registration.Id}: it takes no env options");
            var nearest = NearestNames.For(key, registration.OptionKeys);
            throw new ArgumentException(
                $"env option '{key}' is not an option of {registration.Id}" +
                (nearest.Count > 0 ? $" (did you mean {string.Join(" or ", nearest)}?)" : "") +
                $"; valid keys: {string.Join(", ", registration.OptionKeys)}");
        }
        registration.CheckOptions?.Invoke(options);
        return registration;
    }

    /// <summary>Builds a fresh env for <paramref name="id"/>, after <see cref="Check"/>.</summary>
    /// <exception cref="UnknownEnvException">No env has that id.</exception>
    /// <exception cref="ArgumentException">An option does not apply or is out of range.</exception>
    public IEnv Make(string id, EnvSettings? settings = null)
    {
        settings ??= new EnvSettings();
        return Check(id, settings).Factory(settings);
    }
}

/// <summary>
/// Thrown for an env id nobody registered. The message suggests the nearest ids (<see cref="NearestNames"/>)
/// when there are any, else lists the main ids (variants left out) and points to the `envs` verb.
/// </summary>
public sealed class UnknownEnvException(string id, IReadOnlyList<string> suggestions, IReadOnlyList<string> mainIds, int count)
    : ArgumentException(suggestions.Count > 0
        ? $"unknown env id '{id}'; did you mean {string.Join(" or ", suggestions)}?"
        : $"unknown env id '{id}'. Known ids: {string.Join(", ", mainIds)}" +
          (count > mainIds.Count ? $", and {count - mainIds.Count} variants of them" : "") +
          " (the `envs` verb lists them all with descriptions)")
{
    /// <summary>The id that was asked for.</summary>
    public string Id { get; } = id;

    /// <summary>The registered ids nearest to <see cref="Id"/> (empty when none is near).</summary>
    public IReadOnlyList<string> Suggestions { get; } = suggestions;
}
