namespace Rims.Envs;

/// <summary>A registered environment id.</summary>
/// <param name="Id">The id users type (matched case-insensitively).</param>
/// <param name="Description">One line for the `envs` verb.</param>
/// <param name="Factory">Builds a fresh env.</param>
public sealed record EnvRegistration(string Id, string Description, Func<EnvSettings, IEnv> Factory);

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

    /// <summary>Looks an id up, with an error that lists what exists.</summary>
    public EnvRegistration Get(string id) =>
        _byId.TryGetValue(id, out var r)
            ? r
            : throw new UnknownEnvException(id, _ordered.Select(x => x.Id));

    /// <summary>Builds a fresh env for <paramref name="id"/>.</summary>
    public IEnv Make(string id, EnvSettings? settings = null) => Get(id).Factory(settings ?? new EnvSettings());
}

/// <summary>Thrown for an env id nobody registered.</summary>
public sealed class UnknownEnvException(string id, IEnumerable<string> known)
    : ArgumentException($"unknown env id '{id}'. Known ids: {string.Join(", ", known)} (the `envs` verb lists them with descriptions)")
{
    /// <summary>The id that was asked for.</summary>
    public string Id { get; } = id;
}
