using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari.Preprocessing;

/// <summary>
/// A scripted stand-in for a loaded ALE game. Rewards, lives, the end of the game and the screens follow
/// functions of the episode frame number (frames emulated since the last ResetGame, 1 for the first act).
/// It keeps ALE's contract: act() after game over emulates nothing, ResetGame zeroes the episode frame number,
/// and with a sticky probability the previous action is repeated, drawn from a generator seeded by Seed.
/// Records what the env did to it. Allocates nothing per frame unless <see cref="Record"/> is on.
/// </summary>
internal sealed class FakeAleGame : IAleGame
{
    private readonly byte[] ram = new byte[128];
    private Random stickyRandom = new(0);
    private AleAction previousAction;
    private bool over;

    public FakeAleGame(IReadOnlyList<AleAction>? minimalActions = null, AleSettings? settings = null, int height = 210, int width = 160)
    {
        MinimalActions = minimalActions ?? [AleAction.Noop, AleAction.Fire, AleAction.Right, AleAction.Left];
        Settings = settings ?? new AleSettings { RepeatActionProbability = 0 };
        ScreenHeight = height;
        ScreenWidth = width;
        Game = new FakeAtariGame(MinimalActions);
    }

    /// <summary>The settings the game was "loaded" with.</summary>
    public AleSettings Settings { get; }

    /// <summary>Reward of the frame with this episode frame number.</summary>
    public Func<long, int> RewardAt { get; set; } = _ => 0;

    /// <summary>Lives after the frame with this episode frame number (0 = before the first act).</summary>
    public Func<long, int> LivesAt { get; set; } = _ => 0;

    /// <summary>The game is over once the episode frame number reaches this.</summary>
    public long GameOverAtFrame { get; set; } = long.MaxValue;

    /// <summary>Draws the grayscale screen of the current episode frame; default: every pixel = frame number + 100 (mod 256).</summary>
    public Action<long, Span<byte>> Draw { get; set; } = (frame, screen) => screen.Fill((byte)(frame + 100));

    /// <summary>Called at the end of every ResetGame (scripts that differ from one game to the next).</summary>
    public Action<FakeAleGame>? OnResetGame { get; set; }

    /// <summary>Keep <see cref="Acted"/>.</summary>
    public bool Record { get; set; } = true;

    /// <summary>The actions act() received (before stickiness), in order, across games.</summary>
    public List<AleAction> Acted { get; } = [];

    /// <summary>The actions the fake really played (after stickiness), in order, across games.</summary>
    public List<AleAction> Played { get; } = [];

    /// <summary>Number of ResetGame calls.</summary>
    public int ResetCount { get; private set; }

    /// <summary>Seeds received, in order.</summary>
    public List<int> Seeds { get; } = [];

    /// <summary>The action the last frame really played (after stickiness).</summary>
    public AleAction LastPlayed => previousAction;

    /// <summary>Acts that arrived after game over (ALE ignores them).</summary>
    public int IgnoredActs { get; private set; }

    public AtariGame Game { get; }
    public int ScreenHeight { get; }
    public int ScreenWidth { get; }
    public IReadOnlyList<AleAction> MinimalActions { get; }
    public bool GameOver => over;
    public int Lives => LivesAt(EpisodeFrameNumber);
    public long EpisodeFrameNumber { get; private set; }
    public long FrameNumber { get; private set; }
    public ReadOnlySpan<byte> Ram => ram;

    public void ResetGame()
    {
        ResetCount++;
        EpisodeFrameNumber = 0;
        over = false;
        previousAction = AleAction.Noop;
        OnResetGame?.Invoke(this);
    }

    public int Act(AleAction action)
    {
        if (over)
        {
            IgnoredActs++;
            return 0;
        }
        // ALE's sticky actions: the draw happens every frame; below the probability the old action repeats.
        double draw = stickyRandom.NextDouble();
        var played = draw < Settings.RepeatActionProbability ? previousAction : action;
        previousAction = played;
        if (Record)
        {
            Acted.Add(action);
            Played.Add(played);
        }
        EpisodeFrameNumber++;
        FrameNumber++;
        if (EpisodeFrameNumber >= GameOverAtFrame) over = true;
        return RewardAt(EpisodeFrameNumber);
    }

    public void GetScreenGrayscale(Span<byte> gray) => Draw(EpisodeFrameNumber, gray[..(ScreenHeight * ScreenWidth)]);

    public void GetScreen(Span<byte> indices) => GetScreenGrayscale(indices);

    public void GetScreenRgb(Span<byte> rgb)
    {
        for (int i = 0; i < ScreenHeight * ScreenWidth * 3; i++) rgb[i] = (byte)(EpisodeFrameNumber + 100);
    }

    public void Seed(int seed)
    {
        Seeds.Add(seed);
        stickyRandom = new Random(seed);
    }

    /// <summary>The per-game settings object; only its identity and action set matter to the env.</summary>
    private sealed class FakeAtariGame(IReadOnlyList<AleAction> minimal) : AtariGame
    {
        public override string RomName => "fake_game";
        public override string Name => "FakeGame";
        public override IReadOnlyList<string> Md5s => [];
        public override string CartridgeType => "4K";
        public override IReadOnlyList<AleAction> MinimalActions => minimal;
        public override void Reset() { }
        public override void Step(ReadOnlySpan<byte> ram) { }
    }
}
