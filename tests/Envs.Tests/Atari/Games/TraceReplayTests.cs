using System.IO.Compression;
using System.Text.Json;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari.Games;

/// <summary>
/// Replays the RAM of every frame of the real-ALE traces through the game's Step and checks reward, lives and
/// game_over frame by frame, including the in-trace resets.
/// </summary>
public class TraceReplayTests
{
    public static TheoryData<string> TracedGames => new() { "demon_attack", "pong", "breakout", "space_invaders", "seaquest" };

    [Theory]
    [MemberData(nameof(TracedGames))]
    public void StepMatchesAleOnEveryFrame(string rom)
    {
        var path = TestData.File(TestData.TracesDirectory, rom + ".jsonl.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        using var header = JsonDocument.Parse(reader.ReadLine()!);
        var h = header.RootElement;

        var game = GameCatalog.Create(rom);
        Assert.Equal(rom, h.GetProperty("game").GetString());
        Assert.Contains(h.GetProperty("rom_md5").GetString()!, game.Md5s);
        Assert.Equal(Ints(h.GetProperty("minimal_action_set")), game.MinimalActions.Select(a => (int)a));
        Assert.Equal(Ints(h.GetProperty("available_modes")), game.Modes);
        Assert.Equal(Ints(h.GetProperty("available_difficulties")), game.Difficulties);
        Assert.Equal(h.GetProperty("settings").GetProperty("mode").GetInt32(), game.Modes[0]);

        // The game's state is rebuilt from the last reset frame's RAM: Reset, then the Step of that frame.
        var initial = h.GetProperty("initial_state");
        StartEpisode(game, initial.GetProperty("ram").GetString()!);

        var ram = new byte[128];
        int frames = 0, resets = 0, rewardSum = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            using var doc = JsonDocument.Parse(line);
            var f = doc.RootElement;
            int t = f.GetProperty("t").GetInt32();
            Convert.FromHexString(f.GetProperty("ram").GetString()!).CopyTo(ram, 0);
            game.Step(ram);
            rewardSum += game.Reward;

            Assert.True(f.GetProperty("reward").GetInt32() == game.Reward, $"{rom} t={t}: reward {game.Reward}, ALE {f.GetProperty("reward").GetInt32()}");
            Assert.True(f.GetProperty("lives").GetInt32() == game.Lives, $"{rom} t={t}: lives {game.Lives}, ALE {f.GetProperty("lives").GetInt32()}");
            Assert.True(f.GetProperty("game_over").GetBoolean() == game.Terminal, $"{rom} t={t}: terminal {game.Terminal}, ALE {f.GetProperty("game_over").GetBoolean()}");

            if (f.TryGetProperty("reset", out var reset))
            {
                StartEpisode(game, reset.GetProperty("ram").GetString()!);
                Assert.True(reset.GetProperty("lives").GetInt32() == game.Lives, $"{rom} reset after t={t}: lives {game.Lives}");
                Assert.False(game.Terminal);
                resets++;
            }
            frames++;
        }

        Assert.Equal(5000, frames);
        // The header's loadROM lives are lives() after the last frame, where ALE's recorder read them
        // (see TraceVerifier.LoadRomFrameNumber).
        Assert.Equal(initial.GetProperty("lives").GetInt32(), game.Lives);
        var summary = h.GetProperty("summary");
        Assert.Equal(summary.GetProperty("resets_during_trace").GetInt32(), resets);
        Assert.Equal(summary.GetProperty("total_reward").GetInt32(), rewardSum);
    }

    private static void StartEpisode(AtariGame game, string ramHex)
    {
        game.Reset();
        game.Step(Convert.FromHexString(ramHex));
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
