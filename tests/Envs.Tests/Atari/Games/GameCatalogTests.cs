using System.Text.RegularExpressions;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari.Games;

/// <summary>The registry: every ROM of roms/README.md resolves, names are unique, lookups are case-insensitive.</summary>
public partial class GameCatalogTests
{
    [GeneratedRegex(@"^\|\s*(\w+)\.bin\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*`([0-9a-f]{32})`\s*\|\s*(\w+)\s*\|")]
    private static partial Regex RomRow();

    private static List<(string File, string Id, string Md5, string Cart)> ReadmeRows()
    {
        var rows = new List<(string, string, string, string)>();
        foreach (var line in File.ReadLines(TestData.File(TestData.RomsDirectory, "README.md")))
        {
            var m = RomRow().Match(line);
            if (m.Success) rows.Add((m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value, m.Groups[5].Value));
        }
        return rows;
    }

    [Fact]
    public void EveryMd5OfTheRomReadmeResolvesToItsGame()
    {
        var rows = ReadmeRows();
        Assert.Equal(44, rows.Count);
        foreach (var (file, id, md5, cart) in rows)
        {
            var game = GameCatalog.CreateByMd5(md5);
            Assert.Equal(id, game.RomName);
            Assert.Equal(file, game.RomName);
            Assert.Equal(cart, game.CartridgeType);
            Assert.Equal([md5], game.Md5s);
        }
    }

    [Fact]
    public void EveryRomFileIsRecognisedByItsContent()
    {
        foreach (var (file, _, _, _) in ReadmeRows())
        {
            var rom = File.ReadAllBytes(TestData.File(TestData.RomsDirectory, file + ".bin"));
            Assert.Equal(file, GameCatalog.CreateForRom(rom).RomName);
        }
    }

    [Fact]
    public void CatalogHoldsFortyFourDistinctGames()
    {
        Assert.Equal(44, GameCatalog.Count);
        Assert.Equal(44, GameCatalog.RomNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(44, GameCatalog.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(44, GameCatalog.CreateAll().Select(g => g.GetType()).Distinct().Count());
    }

    [Theory]
    [InlineData("demon_attack", "DemonAttack")]
    [InlineData("DemonAttack", "DemonAttack")]
    [InlineData("demonattack", "DemonAttack")]
    [InlineData("PONG", "Pong")]
    [InlineData("up_n_down", "UpNDown")]
    [InlineData("riverraid", "Riverraid")]
    [InlineData("Jamesbond", "Jamesbond")]
    [InlineData("ms_pacman", "MsPacman")]
    public void LookupByRomNameOrNameIsCaseInsensitive(string key, string expectedName)
    {
        Assert.Equal(expectedName, GameCatalog.Create(key).Name);
    }

    [Fact]
    public void CreateReturnsFreshInstances()
    {
        Assert.NotSame(GameCatalog.Create("pong"), GameCatalog.Create("pong"));
        Assert.NotSame(GameCatalog.CreateByMd5("60e0ea3cbe0913d39803477945e9e5ec"), GameCatalog.CreateByMd5("60e0ea3cbe0913d39803477945e9e5ec"));
    }

    [Fact]
    public void UnknownNamesFail()
    {
        Assert.False(GameCatalog.TryCreate("tetris", out _));
        Assert.False(GameCatalog.TryCreateByMd5("00000000000000000000000000000000", out _));
        var error = Assert.Throws<KeyNotFoundException>(() => GameCatalog.Create("tetris"));
        Assert.Contains("DemonAttack", error.Message);
    }

    [Fact]
    public void GameDefinitionsAreConsistent()
    {
        foreach (var game in GameCatalog.CreateAll())
        {
            Assert.NotEmpty(game.MinimalActions);
            // ALE lists minimal actions in ascending id order.
            Assert.Equal(game.MinimalActions.OrderBy(a => a), game.MinimalActions);
            Assert.Equal(game.MinimalActions.Count, game.MinimalActions.Distinct().Count());
            Assert.NotEmpty(game.Modes);
            Assert.Contains(0, game.Difficulties);
            Assert.Matches("^[0-9a-f]{32}$", game.Md5s[0]);
            Assert.Contains(game.CartridgeType, new[] { "2K", "4K", "F8", "F6", "E0", "FE" });
            game.Reset();
            Assert.False(game.Terminal);
            Assert.Equal(0, game.Reward);
        }
    }

    [Fact]
    public void ControllerAndDisplayPropertiesFollowStellasTable()
    {
        var paddles = GameCatalog.CreateAll().Where(g => g.UsesPaddles).Select(g => g.RomName).Order();
        Assert.Equal(["breakout", "pong"], paddles);
        Assert.Equal(["pong"], GameCatalog.CreateAll().Where(g => g.SwapPaddles).Select(g => g.RomName));
        Assert.Equal(["asteroids", "battle_zone", "ms_pacman"],
            GameCatalog.CreateAll().Where(g => !g.HmoveBlanks).Select(g => g.RomName).Order());
        Assert.Equal(["amidar"], GameCatalog.CreateAll().Where(g => g.PowerOnDifficultyA).Select(g => g.RomName));
    }

    [Fact]
    public void ModesAndStartingActionsOfSpecialGames()
    {
        Assert.Equal([1, 3, 5, 7], GameCatalog.Create("demon_attack").Modes);
        Assert.Equal([1, 2, 3], GameCatalog.Create("battle_zone").Modes);
        Assert.Equal([22, 86], GameCatalog.Create("centipede").Modes);
        Assert.Equal([8, 24, 40], GameCatalog.Create("name_this_game").Modes);
        Assert.Equal(33, GameCatalog.Create("asteroids").Modes.Count);
        Assert.Equal(128, GameCatalog.Create("asteroids").Modes[^1]);
        Assert.Equal([AleAction.Right], GameCatalog.Create("beam_rider").StartingActions);
        Assert.Equal([AleAction.Up], GameCatalog.Create("private_eye").StartingActions);
        Assert.Equal([AleAction.UpFire], GameCatalog.Create("double_dunk").StartingActions);
        Assert.Equal(Enumerable.Repeat(AleAction.Fire, 16), GameCatalog.Create("gravitar").StartingActions);
        Assert.Equal(18, GameCatalog.Create("seaquest").MinimalActions.Count);
    }
}
