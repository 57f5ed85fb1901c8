using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Rims.Envs.Atari.Games;

/// <summary>
/// The registry of the 44 supported games: lookup by ROM md5 (lower-case hex), by ROM name ("demon_attack") and by
/// CamelCase name ("DemonAttack"), both case-insensitive. Every lookup returns a fresh instance, because games carry
/// per-episode state.
/// </summary>
public static class GameCatalog
{
    // One factory per game; the order is alphabetical by ROM name.
    private static readonly Func<AtariGame>[] Factories =
    [
        () => new Alien(), () => new Amidar(), () => new Assault(), () => new Asterix(), () => new Asteroids(),
        () => new Atlantis(), () => new BankHeist(), () => new BattleZone(), () => new BeamRider(),
        () => new Bowling(), () => new Boxing(), () => new Breakout(), () => new Centipede(),
        () => new ChopperCommand(), () => new CrazyClimber(), () => new DemonAttack(), () => new DoubleDunk(),
        () => new Enduro(), () => new FishingDerby(), () => new Freeway(), () => new Frostbite(), () => new Gopher(),
        () => new Gravitar(), () => new IceHockey(), () => new JamesBond(), () => new Kangaroo(), () => new Krull(),
        () => new KungFuMaster(), () => new MsPacman(), () => new NameThisGame(), () => new Pong(),
        () => new PrivateEye(), () => new Qbert(), () => new RiverRaid(), () => new RoadRunner(),
        () => new Robotank(), () => new Seaquest(), () => new SpaceInvaders(), () => new StarGunner(),
        () => new TimePilot(), () => new UpNDown(), () => new VideoPinball(), () => new WizardOfWor(),
        () => new Zaxxon(),
    ];

    private static readonly Dictionary<string, Func<AtariGame>> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, Func<AtariGame>> ByMd5 = new(StringComparer.OrdinalIgnoreCase);
    private static readonly string[] RomNameList;
    private static readonly string[] NameList;

    static GameCatalog()
    {
        RomNameList = new string[Factories.Length];
        NameList = new string[Factories.Length];
        for (int i = 0; i < Factories.Length; i++)
        {
            var factory = Factories[i];
            var game = factory();
            RomNameList[i] = game.RomName;
            NameList[i] = game.Name;
            // A collision would make a lookup ambiguous; fail at start-up rather than return the wrong game.
            ByName.Add(game.RomName, factory);
            if (!string.Equals(game.RomName, game.Name, StringComparison.OrdinalIgnoreCase)) ByName.Add(game.Name, factory);
            foreach (var md5 in game.Md5s) ByMd5.Add(md5, factory);
        }
    }

    /// <summary>ROM names of all games (alphabetical).</summary>
    public static IReadOnlyList<string> RomNames => RomNameList;

    /// <summary>CamelCase names of all games, in the order of <see cref="RomNames"/>.</summary>
    public static IReadOnlyList<string> Names => NameList;

    /// <summary>Number of games.</summary>
    public static int Count => Factories.Length;

    /// <summary>A fresh instance of every game, in the order of <see cref="RomNames"/>.</summary>
    public static IEnumerable<AtariGame> CreateAll()
    {
        foreach (var factory in Factories) yield return factory();
    }

    /// <summary>A fresh instance of the game with ROM name or CamelCase name <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No such game; the message lists the known names.</exception>
    public static AtariGame Create(string name) =>
        TryCreate(name, out var game)
            ? game
            : throw new KeyNotFoundException(
                $"Unknown Atari game '{name}'. Known games: {string.Join(", ", NameList)} (or their ROM names).");

    /// <summary>Like <see cref="Create"/>, returning false for an unknown name.</summary>
    public static bool TryCreate(string name, [NotNullWhen(true)] out AtariGame? game)
    {
        ArgumentNullException.ThrowIfNull(name);
        game = ByName.TryGetValue(name.Trim(), out var factory) ? factory() : null;
        return game is not null;
    }

    /// <summary>A fresh instance of the game whose ROM has md5 <paramref name="md5"/> (hex, any case), or false.</summary>
    public static bool TryCreateByMd5(string md5, [NotNullWhen(true)] out AtariGame? game)
    {
        ArgumentNullException.ThrowIfNull(md5);
        game = ByMd5.TryGetValue(md5.Trim(), out var factory) ? factory() : null;
        return game is not null;
    }

    /// <summary>A fresh instance of the game whose ROM has md5 <paramref name="md5"/>.</summary>
    /// <exception cref="KeyNotFoundException">No supported game has that md5.</exception>
    public static AtariGame CreateByMd5(string md5) =>
        TryCreateByMd5(md5, out var game) ? game : throw new KeyNotFoundException($"No supported Atari game has ROM md5 {md5}.");

    /// <summary>Lower-case hex md5 of a ROM image, the key of <see cref="CreateByMd5"/>.</summary>
    public static string Md5Of(ReadOnlySpan<byte> rom) => Convert.ToHexStringLower(MD5.HashData(rom));

    /// <summary>A fresh instance of the game that <paramref name="rom"/> is, identified by its md5.</summary>
    public static AtariGame CreateForRom(ReadOnlySpan<byte> rom) => CreateByMd5(Md5Of(rom));
}
