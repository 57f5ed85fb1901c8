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

    /// <summary>
    /// The assembly file a plugin env was loaded from (the CLI's --env-assembly), recorded in a run's config so a resume
    /// or a comparison's child process loads it again; null for Rims' own envs and envs a program registers in code.
    /// </summary>
    public string? AssemblyPath { get; init; }
}

/// <summary>
/// Maps env ids to factories. Env families register themselves in <see cref="EnvRegistry.Default"/>;
/// a new environment plugs in by registering an id here and nothing else changes.
/// </summary>
public sealed class EnvRegistry
{
    private readonly Dictionary<string, EnvRegistration> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EnvRegistration> ordered = [];
    // Ids by NearestNames.Fold, so a new id cannot be a second spelling of a taken one.
    private readonly Dictionary<string, EnvRegistration> byFolded = [];

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
    public IReadOnlyList<EnvRegistration> All
    {
        get
        {
            lock (ordered) return [.. ordered];
        }
    }

    /// <summary>
    /// Adds an env id: how a program (or a plugin, see the CLI's --env-assembly) plugs its own <see cref="IEnv"/> into
    /// training, evaluation and comparisons. Register before training starts; the registry is safe to register into
    /// from several threads. Ids are unique regardless of case, '_' and '-' (so "Grid_Pickup" is refused next to
    /// GridPickup: it would be a second name for a different env that near-miss suggestions could not tell apart).
    /// </summary>
    /// <exception cref="EnvIdClashException">The id is taken (by a built-in env or an earlier registration).</exception>
    /// <exception cref="ArgumentException">The id is empty or holds white space or a backslash.</exception>
    public void Register(EnvRegistration registration) => RegisterAll([registration]);

    /// <summary>Registers several envs (a plugin's) at once: all of them, or none when one id is refused.</summary>
    /// <exception cref="EnvIdClashException">An id is taken, or given twice among <paramref name="registrations"/>.</exception>
    /// <exception cref="ArgumentException">An id is empty or holds white space or a backslash.</exception>
    public void RegisterAll(IReadOnlyCollection<EnvRegistration> registrations)
    {
        lock (ordered)
        {
            var batch = new Dictionary<string, EnvRegistration>();
            foreach (var registration in registrations)
            {
                var id = registration.Id;
                if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsWhiteSpace) || id.Contains('\\'))
                    throw new ArgumentException($"env id '{id}' must be non-empty without white space or '\\' (it names run folders)");
                var folded = NearestNames.Fold(id);
                if (byFolded.TryGetValue(folded, out var taken) || batch.TryGetValue(folded, out taken)) throw new EnvIdClashException(id, taken);
                batch.Add(folded, registration);
            }
            foreach (var registration in registrations)
            {
                byFolded.Add(NearestNames.Fold(registration.Id), registration);
                byId.Add(registration.Id, registration);
                ordered.Add(registration);
            }
        }
    }

    /// <summary>
    /// Registers an env a program implements: <paramref name="factory"/> builds a fresh instance for each of a run's
    /// envs (and for evaluation), from the settings of the run (its env options, in <see cref="EnvSettings.Options"/>).
    /// </summary>
    /// <param name="id">The id runs, run folders and `--env` use.</param>
    /// <param name="description">One line for the `envs` verb.</param>
    /// <param name="factory">Builds a fresh env; called once per env of a run.</param>
    /// <param name="optionKeys">The env option keys the env reads (--env-option KEY=VALUE), in <see cref="EnvSettings.NormaliseKey"/>'s form; none: it takes no options.</param>
    /// <returns>The registration added.</returns>
    /// <exception cref="EnvIdClashException">The id is taken (by a built-in env or an earlier registration).</exception>
    public EnvRegistration Register(string id, string description, Func<EnvSettings, IEnv> factory, IReadOnlyList<string>? optionKeys = null)
    {
        var registration = new EnvRegistration(id, description, factory) { OptionKeys = optionKeys ?? [] };
        Register(registration);
        return registration;
    }

    /// <summary>True when <paramref name="id"/> is known.</summary>
    public bool Contains(string id)
    {
        lock (ordered) return byId.ContainsKey(id);
    }

    /// <summary>
    /// The registered spelling of <paramref name="id"/> (ids match case-insensitively, so `gridpickup` is GridPickup),
    /// or <paramref name="id"/> itself when nobody registered it. Run folders, configs and evaluation files use this
    /// spelling, so one env never appears under two names.
    /// </summary>
    public string Canonical(string id)
    {
        lock (ordered) return byId.TryGetValue(id, out var registration) ? registration.Id : id;
    }

    /// <summary>Looks an id up, with an error that suggests the nearest ids.</summary>
    /// <exception cref="UnknownEnvException">No env has that id.</exception>
    public EnvRegistration Get(string id)
    {
        lock (ordered)
        {
            return byId.TryGetValue(id, out var r)
                ? r
                : throw new UnknownEnvException(id, NearestNames.For(id, ordered.Select(x => x.Id)),
                    ordered.Where(x => !x.IsVariant).Select(x => x.Id).ToList(), ordered.Count);
        }
    }

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

/// <summary>
/// Thrown when an env id is registered that is already taken, regardless of case, '_' and '-' (<see cref="EnvRegistry.Register(EnvRegistration)"/>):
/// a user's env may not shadow a built-in one or another plugin's. The message names both and the fix.
/// </summary>
public sealed class EnvIdClashException(string id, EnvRegistration taken)
    : ArgumentException($"env id '{id}' clashes with the registered env '{taken.Id}' ({taken.Description})" +
                        (taken.AssemblyPath is { } path ? $" from {path}" : "") + "; register it under another id")
{
    /// <summary>The id that was refused.</summary>
    public string Id { get; } = id;

    /// <summary>The registration that holds the id.</summary>
    public EnvRegistration Taken { get; } = taken;
}
