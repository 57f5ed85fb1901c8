using System.IO.Compression;
using System.Text.Json.Nodes;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Verification;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// The ALE layer's state right after loadROM, as ALE 0.12.1 defines it: loadROM ends with an ordinary reset_game(),
/// so lives() is the game's own rule applied to the RAM of the reset's last frame (the settings object's step() runs
/// after every reset frame but the SELECT-held ones), and getFrameNumber() counts only the frames a game's setMode
/// counts. The trace verifier reads the trace header's loadROM record accordingly.
/// </summary>
public sealed class LoadRomStateTests
{
    private static readonly AleSettings NoSticky = new() { RepeatActionProbability = 0f };

    private static AleInterface Load(string name) => AleInterface.Load(TestData.File(TestData.RomsDirectory, name + ".bin"), NoSticky);

    private static int Ram(AleInterface ale, int address) => ale.Ram[address & 0x7F];

    [Fact]
    public void DemonAttackLivesAfterLoadRomAndResetAreTheShipsShownPlusOne()
    {
        // DemonAttack.cpp step(): lives = $F2 + 1 on every frame, nothing carried from before the reset.
        var ale = Load("demon_attack");
        Assert.Equal(0, Ram(ale, 0xF2));
        Assert.Equal(1, ale.Lives);

        ale.Act(AleAction.Noop);
        Assert.Equal(Ram(ale, 0xF2) + 1, ale.Lives);
        Assert.Equal(4, ale.Lives);

        ale.ResetGame();
        Assert.Equal(Ram(ale, 0xF2) + 1, ale.Lives);
    }

    [Theory]
    [InlineData("assault", 0xE5, 0xFF, 4)]        // Assault.cpp step(): lives = $E5
    [InlineData("wizard_of_wor", 0x8D, 0x0F, 3)]  // WizardOfWor.cpp step(): lives = $8D & 15 while waiting ($D7 bit 0 clear)
    public void LivesAfterLoadRomAreTheGamesRuleOnTheLastResetFrame(string game, int address, int mask, int lives)
    {
        var ale = Load(game);
        Assert.Equal(lives, Ram(ale, address) & mask);
        Assert.Equal(lives, ale.Lives);
    }

    [Fact]
    public void DoubleDunkCountsItsMenuFramesBeforeTheFirstAct()
    {
        // Its setMode presses SELECT once and makes 12 act() calls through the environment, each counted like an act().
        var ale = Load("double_dunk");
        Assert.Equal(13, ale.FrameNumber);
        Assert.Equal(13, ale.EpisodeFrameNumber);
        ale.Act(AleAction.Noop);
        Assert.Equal(14, ale.FrameNumber);
        Assert.Equal(14, ale.EpisodeFrameNumber);

        ale.ResetGame();
        Assert.Equal(14 + 13, ale.FrameNumber);
        Assert.Equal(13, ale.EpisodeFrameNumber);
    }

    [Fact]
    public void TheLoadRomFrameNumberIsTheOneTheFirstActImplies()
    {
        var dunk = AleTrace.Read(TestData.File(TestData.TracesDirectory, Path.Combine("added", "double_dunk.jsonl.gz")));
        Assert.Equal(14, dunk.Frames[0].State.FrameNumber);
        Assert.Equal(13, TraceVerifier.LoadRomFrameNumber(dunk));
        var pong = AleTrace.Read(TestData.File(TestData.TracesDirectory, "pong.jsonl.gz"));
        Assert.Equal(0, TraceVerifier.LoadRomFrameNumber(pong));
    }

    [Fact]
    public void TheHeaderLivesAreComparedAfterTheLastFrameOnlyWhenTheWholeTraceIsReplayed()
    {
        // Pong reports 0 lives throughout; a header claiming 1 must be caught at the end of a full replay.
        string source = TestData.File(TestData.TracesDirectory, "pong.jsonl.gz");
        string rom = TestData.File(TestData.RomsDirectory, "pong.bin");
        string folder = Directory.CreateTempSubdirectory("rims-trace-").FullName;
        string edited = Path.Combine(folder, "pong.jsonl.gz");
        try
        {
            string[] lines;
            using (var reader = new StreamReader(new GZipStream(File.OpenRead(source), CompressionMode.Decompress)))
                lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var header = JsonNode.Parse(lines[0])!;
            header["initial_state"]!["lives"] = 1;
            lines[0] = header.ToJsonString();
            using (var writer = new StreamWriter(new GZipStream(File.Create(edited), CompressionLevel.Fastest)))
                foreach (var line in lines) writer.Write(line + "\n");

            var trace = AleTrace.Read(edited);
            var cut = TraceVerifier.Verify(trace, rom, maxFrames: 100);
            Assert.True(cut.InitialStateMatches);
            Assert.False(cut.HeaderLivesCompared);
            Assert.Contains("loadROM state matches (without the header's lives, which only the whole trace reaches)", cut.Summary());
            var full = TraceVerifier.Verify(trace, rom);
            Assert.True(full.HeaderLivesCompared);
            Assert.Contains("loadROM state differs (with the header's lives)", full.Summary());
            Assert.False(full.InitialStateMatches);
            Assert.False(full.IsFrameExact);
            Assert.Equal("header initial_state lives", full.FirstMismatch!.Field);
            Assert.Equal(full.FramesReplayed, full.FramesMatched);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
