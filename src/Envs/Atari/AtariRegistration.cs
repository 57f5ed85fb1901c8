using Rims.Envs.Atari.Games;

namespace Rims.Envs.Atari;

/// <summary>
/// Registers every supported Atari game (<see cref="GameCatalog"/>) under its three ids: <c>Game</c> (the RIMs paper's
/// preprocessing), <c>GameNoFrameskip-v4</c> and <c>ALE/Game-v5</c> (<see cref="AtariEnvIds"/>). Registering touches no
/// file: the ROM is looked up (<see cref="RomLocator"/>, from <see cref="EnvSettings.RomsDirectory"/>) when an env is made.
/// </summary>
public static class AtariRegistration
{
    /// <summary>Adds the three ids of each of the catalog's games to <paramref name="registry"/>.</summary>
    public static void Register(EnvRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var names = GameCatalog.Names;
        foreach (var variant in new[] { AtariIdVariant.Plain, AtariIdVariant.NoFrameskipV4, AtariIdVariant.V5 })
        {
            string description = AtariEnvIds.Describe(variant);
            foreach (var name in names)
            {
                string id = AtariEnvIds.Format(name, variant);
                var defaults = AtariEnvIds.OptionsFor(variant);
                registry.Register(new EnvRegistration(id, $"{name}: {description}",
                    settings => AtariEnv.Create(id, settings, (game, ale) => LoadGame(game, ale, settings.RomsDirectory), names))
                {
                    OptionKeys = AtariEnvOptions.OptionKeys,
                    CheckOptions = options => defaults.WithOverrides(options).ValidateFor(GameCatalog.Create(name)),
                    IsVariant = variant != AtariIdVariant.Plain,
                });
            }
        }
    }

    /// <summary>
    /// Loads <paramref name="gameName"/> (ROM or CamelCase name) from the ROM folder (<paramref name="romsDirectory"/>,
    /// else RIMS_ROMS, else ./roms) and checks the file really is that game.
    /// </summary>
    /// <exception cref="FileNotFoundException">The ROM file is missing (RomLocator's message says where it looked).</exception>
    /// <exception cref="InvalidDataException">The file is not the supported ROM of that game.</exception>
    public static AleInterface LoadGame(string gameName, AleSettings settings, string? romsDirectory)
    {
        var expected = GameCatalog.Create(gameName);
        string path = RomLocator.Find(expected.RomName, romsDirectory);
        var ale = AleInterface.Load(path, settings);
        if (ale.Game.RomName != expected.RomName)
            throw new InvalidDataException(
                $"ROM file {path} is {ale.Game.Name}'s ROM (md5 {ale.RomMd5}), not {expected.Name}'s; " +
                $"{expected.RomName}.bin must have md5 {string.Join(" or ", expected.Md5s)} (see README, section Atari ROMs).");
        return ale;
    }
}
