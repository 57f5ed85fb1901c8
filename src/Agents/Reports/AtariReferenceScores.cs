using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Agents.Reports;

/// <summary>
/// The random-agent and human reference scores of the Atari games Rims emulates, for human-normalised scores
/// (score - random) / (human - random): 0 = a uniformly random policy, 1 = the human tester. The values are the
/// 57-game table DeepMind's DQN Zoo publishes (dqn_zoo/atari_data.py, random then human per game), the table Atari-57
/// results are usually normalised with (its human column is not in every game the one of Mnih et al. 2015, Nature,
/// Extended Data Table 2). Raw game scores, whole games over all lives.
/// </summary>
public static class AtariReferenceScores
{
    /// <summary>Per ROM name (e.g. demon_attack): the random-agent score and the human score.</summary>
    public static IReadOnlyDictionary<string, (double Random, double Human)> ByRom { get; } = new Dictionary<string, (double Random, double Human)>
    {
        ["alien"] = new(227.8, 7127.7),
        ["amidar"] = new(5.8, 1719.5),
        ["assault"] = new(222.4, 742.0),
        ["asterix"] = new(210.0, 8503.3),
        ["asteroids"] = new(719.1, 47388.7),
        ["atlantis"] = new(12850.0, 29028.1),
        ["bank_heist"] = new(14.2, 753.1),
        ["battle_zone"] = new(2360.0, 37187.5),
        ["beam_rider"] = new(363.9, 16926.5),
        ["bowling"] = new(23.1, 160.7),
        ["boxing"] = new(0.1, 12.1),
        ["breakout"] = new(1.7, 30.5),
        ["centipede"] = new(2090.9, 12017.0),
        ["chopper_command"] = new(811.0, 7387.8),
        ["crazy_climber"] = new(10780.5, 35829.4),
        ["demon_attack"] = new(152.1, 1971.0),
        ["double_dunk"] = new(-18.6, -16.4),
        ["enduro"] = new(0.0, 860.5),
        ["fishing_derby"] = new(-91.7, -38.7),
        ["freeway"] = new(0.0, 29.6),
        ["frostbite"] = new(65.2, 4334.7),
        ["gopher"] = new(257.6, 2412.5),
        ["gravitar"] = new(173.0, 3351.4),
        ["ice_hockey"] = new(-11.2, 0.9),
        ["jamesbond"] = new(29.0, 302.8),
        ["kangaroo"] = new(52.0, 3035.0),
        ["krull"] = new(1598.0, 2665.5),
        ["kung_fu_master"] = new(258.5, 22736.3),
        ["ms_pacman"] = new(307.3, 6951.6),
        ["name_this_game"] = new(2292.3, 8049.0),
        ["pong"] = new(-20.7, 14.6),
        ["private_eye"] = new(24.9, 69571.3),
        ["qbert"] = new(163.9, 13455.0),
        ["riverraid"] = new(1338.5, 17118.0),
        ["road_runner"] = new(11.5, 7845.0),
        ["robotank"] = new(2.2, 11.9),
        ["seaquest"] = new(68.4, 42054.7),
        ["space_invaders"] = new(148.0, 1668.7),
        ["star_gunner"] = new(664.0, 10250.0),
        ["time_pilot"] = new(3568.0, 5229.2),
        ["up_n_down"] = new(533.4, 11693.2),
        ["video_pinball"] = new(16256.9, 17667.9),
        ["wizard_of_wor"] = new(563.5, 4756.5),
        ["zaxxon"] = new(32.5, 9173.3),
    };

    /// <summary>
    /// The human-normalised score of <paramref name="score"/> in the game of ROM <paramref name="romName"/>, or null for
    /// a game without reference scores.
    /// </summary>
    public static double? HumanNormalised(string romName, double score) =>
        ByRom.TryGetValue(romName, out var reference) ? (score - reference.Random) / (reference.Human - reference.Random) : null;

    /// <summary>
    /// The ROM name of the Atari game an env id plays (DemonAttack, DemonAttackNoFrameskip-v4 and ALE/DemonAttack-v5 all
    /// give demon_attack), or null for an env that is not one of Rims' Atari games.
    /// </summary>
    public static string? RomOf(string envId) =>
        AtariEnvIds.TryParse(envId, out var parsed) && GameCatalog.TryCreate(parsed.Game, out var game) ? game.RomName : null;
}
