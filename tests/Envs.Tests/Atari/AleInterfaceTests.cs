using System.Security.Cryptography;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// The ALE layer on the real ROMs: every ROM in the ROM folder loads by md5 and plays; ROM errors say what and where;
/// frame skip, sticky actions, state save/restore and the screen formats behave as ALE's do.
/// </summary>
public sealed class AleInterfaceTests
{
    private static readonly AleSettings NoSticky = new() { RepeatActionProbability = 0f };

    private static string Rom(string name) => TestData.File(TestData.RomsDirectory, name + ".bin");

    private static AleInterface Load(string name, AleSettings? settings = null) => AleInterface.Load(Rom(name), settings ?? NoSticky);

    /// <summary>One case per ROM file in the ROM folder (44 in ../shared/roms), or a failing placeholder if there are none.</summary>
    public static TheoryData<string> RomFiles()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(TestData.RomsPath))
            foreach (var file in Directory.GetFiles(TestData.RomsPath, "*.bin").Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(file));
        if (data.Count == 0) data.Add("(no ROMs found)");
        return data;
    }

    [Fact]
    public void TheRomFolderHoldsEverySupportedGame()
    {
        Assert.True(Directory.Exists(TestData.RomsPath), $"ROM folder {TestData.RomsPath} is missing; {TestData.RomsHint}.");
        var stems = Directory.GetFiles(TestData.RomsPath, "*.bin").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(GameCatalog.RomNames.Order(StringComparer.Ordinal), stems);
        Assert.Equal(44, GameCatalog.Count);
    }

    /// <summary>
    /// Stella's Console.SwapPorts (Wizard of Wor: "Uses the Joystick Controllers (swapped)"): player A's joystick is in
    /// the right port, so its directions are SWCHA's low nibble and its button INPT5; other games use the left port.
    /// </summary>
    [Theory]
    [InlineData("wizard_of_wor", 0xFE, false, true)]
    [InlineData("seaquest", 0xEF, true, false)]
    public void PlayerAJoystickIsInTheRightPortOnlyWhereThePortsAreSwapped(string game, int swcha, bool fire0, bool fire1)
    {
        var ale = Load(game);
        ale.Act(AleAction.UpFire);
        Assert.Equal(swcha, ale.Machine.Riot.JoystickBits);
        Assert.Equal(fire0, ale.Machine.Tia.Fire0);
        Assert.Equal(fire1, ale.Machine.Tia.Fire1);
    }

    [Theory]
    [MemberData(nameof(RomFiles))]
    public void EveryRomLoadsByMd5ResetsAndPlaysRandomActions(string file)
    {
        string path = TestData.File(TestData.RomsDirectory, file);
        var ale = AleInterface.Load(path, NoSticky);

        // Identified by content: the md5 picks the game whose ROM name is the file's name.
        Assert.Equal(Path.GetFileNameWithoutExtension(file), ale.Game.RomName);
        Assert.Contains(ale.RomMd5, ale.Game.Md5s);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path))), ale.RomMd5);
        Assert.Equal("NTSC", ale.DisplayFormat);
        Assert.False(ale.GameOver);
        // Lives are a count or a RAM nibble (Amidar reads 11..8 in practice, as ALE does).
        Assert.InRange(ale.Lives, 0, 15);

        var random = new Random(file.Aggregate(17, (h, c) => unchecked(h * 31 + c)));
        var actions = ale.MinimalActions;
        long episodeReturn = 0, frameNumber = ale.FrameNumber; // SELECT presses during a reset count as frames too
        int resets = 0;
        for (int frame = 0; frame < 2_000; frame++)
        {
            int reward = ale.Act(actions[random.Next(actions.Count)]);
            episodeReturn += reward;
            // Scores are a few digits: no single frame changes them by more than the largest display can show.
            Assert.InRange(reward, -1_000_000, 1_000_000);
            Assert.InRange(ale.Lives, 0, 15);
            Assert.Equal(++frameNumber, ale.FrameNumber);
            if (!ale.GameOver) continue;

            Assert.InRange(episodeReturn, -1_000_000, 10_000_000);
            ale.ResetGame();
            resets++;
            episodeReturn = 0;
            Assert.False(ale.GameOver, $"{file}: still over after reset_game()");
            frameNumber = ale.FrameNumber;
        }
        Assert.InRange(resets, 0, 2_000 / 50);
        Assert.Equal(ale.ScreenHeight * ale.ScreenWidth, ale.Screen.Length);
    }

    [Fact]
    public void AnUnknownOrCorruptRomIsRefusedNamingTheFileAndItsMd5()
    {
        string directory = Directory.CreateTempSubdirectory("rims-rom-").FullName;
        try
        {
            byte[] pong = File.ReadAllBytes(Rom("pong"));
            pong[100] ^= 0xFF;
            string corrupt = Path.Combine(directory, "pong.bin");
            File.WriteAllBytes(corrupt, pong);
            var error = Assert.Throws<InvalidDataException>(() => AleInterface.Load(corrupt, NoSticky));
            Assert.Contains(corrupt, error.Message);
            Assert.Contains(Convert.ToHexStringLower(MD5.HashData(pong)), error.Message);

            string unknown = Path.Combine(directory, "mystery.bin");
            File.WriteAllBytes(unknown, new byte[4096]);
            error = Assert.Throws<InvalidDataException>(() => AleInterface.Load(unknown, NoSticky));
            Assert.Contains(unknown, error.Message);
            Assert.Contains(Convert.ToHexStringLower(MD5.HashData(new byte[4096])), error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AMissingRomSaysWhereItLookedAndHowToPointToRoms()
    {
        string directory = Path.Combine(Path.GetTempPath(), "rims-no-roms-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<FileNotFoundException>(() => RomLocator.Find("pong", directory));
        Assert.Contains(directory, error.Message);
        Assert.Contains("--roms", error.Message);
        Assert.Contains(RomLocator.EnvironmentVariable, error.Message);

        string missing = Path.Combine(directory, "pong.bin");
        error = Assert.Throws<FileNotFoundException>(() => AleInterface.Load(missing, NoSticky));
        Assert.Contains(missing, error.Message);
        Assert.Contains(RomLocator.EnvironmentVariable, error.Message);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.25f)]
    public void FrameSkipFourEqualsFourSingleFrameActs(float stickiness)
    {
        // Sticky actions draw per emulated frame, so even with them the two runs see the same random stream.
        var four = Load("demon_attack", new AleSettings { FrameSkip = 4, RepeatActionProbability = stickiness, RandomSeed = 7 });
        var one = Load("demon_attack", new AleSettings { FrameSkip = 1, RepeatActionProbability = stickiness, RandomSeed = 7 });
        var random = new Random(3);
        int rewards = 0;
        for (int step = 0; step < 400 && !four.GameOver; step++)
        {
            var action = four.MinimalActions[random.Next(four.MinimalActions.Count)];
            int reward = four.Act(action);
            int summed = 0;
            for (int i = 0; i < 4; i++) summed += one.Act(action);
            Assert.Equal(summed, reward);
            Assert.True(four.Ram.SequenceEqual(one.Ram), $"RAM differs after agent step {step}");
            Assert.Equal(one.FrameNumber, four.FrameNumber);
            Assert.Equal(one.Lives, four.Lives);
            rewards += reward;
        }
        Assert.True(four.Screen.SequenceEqual(one.Screen));
        Assert.True(rewards > 0, "the comparison should cover frames that score");
    }

    [Fact]
    public void StickyActionsRepeatThePreviousActionAboutAQuarterOfTheTimeAndFollowTheSeed()
    {
        var (fraction, applied) = StickyRun(seed: 11);
        // 4,000 frames: the standard deviation of the fraction is about 0.007, so this bound is over 4 sigma wide.
        Assert.InRange(fraction, 0.22, 0.28);
        Assert.Equal(applied, StickyRun(seed: 11).Applied);
        Assert.NotEqual(applied, StickyRun(seed: 12).Applied);
    }

    /// <summary>
    /// Asks on every frame for the direction the joystick did not show last frame (LEFT/RIGHT), so every frame either
    /// takes the new action or repeats the old one; reads which one was applied from the joystick port.
    /// </summary>
    private static (double Fraction, List<byte> Applied) StickyRun(int seed)
    {
        var ale = Load("demon_attack", new AleSettings { RepeatActionProbability = 0.25f, RandomSeed = seed });
        const byte right = 0x7F, left = 0xBF; // SWCHA with the left port's RIGHT / LEFT line pulled low
        var applied = new List<byte>();
        byte previous = 0xFF;
        int repeats = 0, counted = 0;
        for (int frame = 0; frame < 4_000; frame++)
        {
            bool wantRight = previous != right;
            ale.Act(wantRight ? AleAction.Right : AleAction.Left);
            byte now = ale.Machine.Riot.JoystickBits;
            applied.Add(now);
            if (previous is right or left)
            {
                counted++;
                if (now == previous) repeats++;
                else Assert.Equal(wantRight ? right : left, now);
            }
            previous = now;
            if (ale.GameOver)
            {
                ale.ResetGame();
                previous = 0xFF;
            }
        }
        return ((double)repeats / counted, applied);
    }

    [Fact]
    public void RestoringASavedStateContinuesBitIdentically()
    {
        var settings = new AleSettings { RepeatActionProbability = 0.25f, RandomSeed = 5 };
        var ale = Load("seaquest", settings);
        var random = new Random(9);
        for (int i = 0; i < 300; i++) ale.Act(ale.MinimalActions[random.Next(ale.MinimalActions.Count)]);
        byte[] state = ale.SaveState();
        var actions = Enumerable.Range(0, 500).Select(_ => ale.MinimalActions[random.Next(ale.MinimalActions.Count)]).ToArray();
        var expected = Play(ale, actions);

        ale.RestoreState(state);
        Assert.Equal(expected, Play(ale, actions));

        var fresh = Load("seaquest", settings);
        fresh.RestoreState(state);
        Assert.Equal(expected, Play(fresh, actions));
        Assert.Equal(ale.SaveState(), fresh.SaveState());
    }

    /// <summary>Plays the actions and hashes everything observable after each: RAM, screen, reward, lives, game over, frame numbers.</summary>
    private static List<string> Play(AleInterface ale, AleAction[] actions)
    {
        var trail = new List<string>(actions.Length);
        foreach (var action in actions)
        {
            int reward = ale.Act(action);
            trail.Add($"{Convert.ToHexString(ale.Ram)} {Convert.ToHexString(MD5.HashData(ale.Screen))} {reward} {ale.Lives} " +
                      $"{ale.GameOver} {ale.FrameNumber} {ale.EpisodeFrameNumber}");
        }
        return trail;
    }

    [Fact]
    public void GrayAndRgbScreensArePaletteConversionsOfTheIndexScreen()
    {
        var invaders = Load("space_invaders");
        var random = new Random(1);
        for (int i = 0; i < 200; i++) invaders.Act(invaders.MinimalActions[random.Next(invaders.MinimalActions.Count)]);
        // Q*bert right after loadROM shows a partial frame whose unreached rows are greyed to odd values too.
        var qbert = Load("qbert");

        foreach (var ale in new[] { invaders, qbert })
        {
            int pixels = ale.ScreenHeight * ale.ScreenWidth;
            var indices = new byte[pixels];
            var gray = new byte[pixels];
            var rgb = new byte[3 * pixels + 1];
            rgb[^1] = 0xA5; // the byte past the picture must stay untouched
            ale.GetScreen(indices);
            ale.GetScreenGrayscale(gray);
            ale.GetScreenRgb(rgb);

            Assert.True(indices.AsSpan().SequenceEqual(ale.Screen));
            Assert.True(indices.Distinct().Count() > 2, "the screen should show more than a blank picture");
            for (int i = 0; i < pixels; i++)
            {
                byte v = indices[i];
                Assert.Equal(Palette.GrayTable[v], gray[i]);
                Assert.Equal((Palette.RgbTable[3 * v], Palette.RgbTable[3 * v + 1], Palette.RgbTable[3 * v + 2]),
                    (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]));
            }
            Assert.Equal(0xA5, rgb[^1]);
            Assert.Throws<ArgumentException>(() => ale.GetScreenRgb(new byte[pixels]));
            Assert.Throws<ArgumentException>(() => ale.GetScreenGrayscale(new byte[pixels - 1]));
        }
    }

    [Fact]
    public void TheFastScreenConversionsMatchThePaletteTablesForEveryByte()
    {
        // Every byte value (odd ones too: greyed partial frames produce them), in an odd-length run so the vector and
        // tail paths both run.
        var indices = Enumerable.Range(0, 3 * 256 + 37).Select(i => (byte)(i * 7 + (i >> 8))).ToArray();
        var gray = new byte[indices.Length];
        var rgb = new byte[3 * indices.Length];
        Palette.ToGray(indices, gray);
        Palette.ToRgb(indices, rgb);
        for (int i = 0; i < indices.Length; i++)
        {
            Assert.Equal(Palette.GrayTable[indices[i]], gray[i]);
            Assert.True(Palette.RgbTable.Slice(3 * indices[i], 3).SequenceEqual(rgb.AsSpan(3 * i, 3)), $"RGB of pixel {i}");
        }
    }

    [Fact]
    public void QbertResetFramesHitTheInstructionLimitAndTheNextFrameFinishesThem()
    {
        // ALE-NOTES A.11: the 8 RESET frames of Q*bert's reset never reach VSYNC; the first act() frame completes the
        // carried-over frame (600,088 cycles, 7,895 scanlines), the next is 12 scanlines (844 cycles), then 262.
        var ale = Load("qbert");
        Assert.True(ale.Machine.Tia.PartialFrame);
        ale.Act(AleAction.Noop);
        Assert.Equal((600_088L, 7_895), (ale.Machine.Cpu.Cycles, ale.Machine.Tia.Scanlines));
        ale.Act(AleAction.Noop);
        Assert.Equal((844L, 12), (ale.Machine.Cpu.Cycles, ale.Machine.Tia.Scanlines));
        ale.Act(AleAction.Noop);
        Assert.Equal(262, ale.Machine.Tia.Scanlines);
    }
}
