using Rims.Envs.Atari.Preprocessing;

namespace Rims.Envs.Atari;

/// <summary>
/// An Atari 2600 game as an <see cref="IEnv"/>, with the DeepMind preprocessing the RIMs paper's PPO used
/// (OpenAI baselines' make_atari + wrap_deepmind, the same as SB3's AtariWrapper), each step switchable through
/// <see cref="AtariEnvOptions"/>. The wrappers are applied in baselines' order, innermost first:
/// <list type="number">
/// <item>no-op reset: a real reset plays U{1..noop-max} single NOOP frames (restarting if the game ends);</item>
/// <item>max-and-skip: an agent step repeats the action frame-skip frames, sums the rewards, stops early when
/// the game ends, and shows the pixel-wise max of the last two frames;</item>
/// <item>episodic life: a lost life (lives dropping but still above 0) terminates the learner's episode; the
/// following reset only plays one NOOP step instead of restarting the game;</item>
/// <item>fire reset: after every reset, for games whose action set has FIRE at index 1, the agent steps
/// FIRE and then action 2 (a lost life or game end there resets again, as SB3's FireResetEnv);</item>
/// <item>ALE grayscale, area-resized to screen-size (OpenCV INTER_AREA), reward clipped to its sign, and a
/// frame stack, oldest frame first.</item>
/// </list>
/// Truncation at max-episode-frames emulated frames (counted from the game's reset, no-op frames included)
/// ends the game, as ALE's max_num_frames_per_episode does. <see cref="StepInfo"/> always describes the real
/// game: <see cref="StepInfo.RawReward"/> is the unclipped score change and <see cref="StepInfo.GameOver"/> is
/// set only when the game ends or is truncated. Score earned inside <see cref="Reset"/> (no-op frames, the FIRE
/// press, the NOOP after a lost life) is added to the next step's RawReward so logged returns are whole-game
/// scores; if the game ends inside a reset that follows a lost life, GameOver is reported on the next step.
/// Nothing is allocated per step.
/// </summary>
public sealed class AtariEnv : IEnv, IFramedEnv, IRenderableEnv, ISnapshotEnv
{
    private static readonly AleAction[] FullActionSet = Enum.GetValues<AleAction>();

    private readonly Func<IAleGame> loadGame;
    private readonly AleAction[] actions;
    private readonly string[] actionNames;
    private readonly MaxPoolFrames frames;
    private readonly FrameStack stack;
    private readonly bool fireReset;
    private IAleGame game;
    private bool gameFresh = true;
    private bool started;
    private Random noopRandom = new(0);
    private int lives;
    private bool lifeLostEndedEpisode;
    private bool gameVisible;
    private double pendingRawReward;
    private bool deferredGameOver;
    private double deferredRawReward;

    /// <summary>
    /// Creates the env. <paramref name="loadGame"/> makes a freshly loaded game (ALE loadROM, with frame_skip 1 and
    /// the options' sticky-action probability); it is called now and again at every seeded reset, so a seed
    /// always replays from power-on, as gymnasium's reset(seed) reloads the ROM.
    /// </summary>
    public AtariEnv(Func<IAleGame> loadGame, AtariEnvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loadGame);
        Options = options ?? new AtariEnvOptions();
        Options.Validate();
        this.loadGame = loadGame;
        game = loadGame();
        actions = Options.FullActionSpace ? FullActionSet : [.. game.MinimalActions];
        if (actions.Length == 0) throw new InvalidOperationException($"game {game.Game.Name} has an empty action set");
        actionNames = Array.ConvertAll(actions, a => a.ToString().ToUpperInvariant());
        int fireIndex = Array.IndexOf(actions, AleAction.Fire);
        fireReset = Options.FireReset && fireIndex >= 0;
        // FireResetEnv presses index 1 then index 2; every ALE action set with FIRE has it at index 1.
        if (fireReset && (fireIndex != 1 || actions.Length < 3))
            throw new InvalidOperationException(
                $"fire reset needs FIRE at action index 1 and at least 3 actions; {game.Game.Name} has [{string.Join(", ", actionNames)}] (set fire-reset=false)");
        frames = new MaxPoolFrames(game.ScreenHeight, game.ScreenWidth, Options.ScreenSize);
        stack = new FrameStack(Options.FrameStack, Options.ScreenSize * Options.ScreenSize, Options.FrameStackPadding);
        ObservationSpec = new ObservationSpec(new ObservationPart("frames", [Options.FrameStack, Options.ScreenSize, Options.ScreenSize]));
    }

    /// <summary>
    /// Builds the env for an Atari id (<see cref="AtariEnvIds"/>: <c>Game</c>, <c>GameNoFrameskip-v4</c>,
    /// <c>ALE/Game-v5</c>), the variant's options overridden by <paramref name="settings"/>.Options.
    /// <paramref name="loadGame"/> gets the game name and the ALE settings to load it with (sticky actions, mode,
    /// difficulty; frame_skip 1, no ALE truncation) and must return a freshly loaded game each call.
    /// With <paramref name="knownGames"/> the game name is checked and passed in its canonical spelling.
    /// </summary>
    public static AtariEnv Create(string id, EnvSettings settings, Func<string, AleSettings, IAleGame> loadGame,
        IEnumerable<string>? knownGames = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loadGame);
        var parsed = AtariEnvIds.Parse(id, knownGames);
        var options = AtariEnvIds.OptionsFor(parsed.Variant).WithOverrides(settings.Options);
        var aleSettings = options.ToAleSettings();
        return new AtariEnv(() => loadGame(parsed.Game, aleSettings), options);
    }

    /// <summary>The preprocessing in force.</summary>
    public AtariEnvOptions Options { get; }

    /// <summary>The game being played (replaced by a freshly loaded one at each seeded reset).</summary>
    public IAleGame Game => game;

    /// <summary>The ALE action each action index stands for.</summary>
    public IReadOnlyList<AleAction> Actions => actions;

    /// <summary>True when resets press FIRE (the option is on and the action set has FIRE).</summary>
    public bool UsesFireReset => fireReset;

    /// <inheritdoc />
    public ObservationSpec ObservationSpec { get; }

    /// <inheritdoc />
    public int ActionCount => actions.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames => actionNames;

    /// <inheritdoc />
    public int FramesPerStep => Options.FrameSkip;

    /// <inheritdoc />
    public int RenderHeight => game.ScreenHeight;

    /// <inheritdoc />
    public int RenderWidth => game.ScreenWidth;

    /// <inheritdoc />
    public void RenderRgb(Span<byte> rgb) => game.GetScreenRgb(rgb);

    private bool FrameLimitReached => Options.MaxEpisodeFrames > 0 && game.EpisodeFrameNumber >= Options.MaxEpisodeFrames;

    /// <summary>
    /// Starts a learner episode. A seed reloads the game, seeds ALE's random_seed (sticky actions) with it and the
    /// no-op counts with <c>new Random(seed)</c>, then restarts the game. Without a seed, after a learner episode
    /// ended by a lost life (episodic life), the game goes on after one NOOP step; otherwise it restarts.
    /// </summary>
    public void Reset(Span<byte> observation, int? seed = null)
    {
        CheckObservation(observation);
        if (seed is { } s)
        {
            noopRandom = new Random(s);
            if (!gameFresh)
            {
                (game as IDisposable)?.Dispose();
                game = loadGame();
                gameFresh = true;
            }
            game.Seed(s);
            deferredGameOver = false;
            deferredRawReward = 0;
            StartGame();
        }
        else if (started && lifeLostEndedEpisode && !game.GameOver && !FrameLimitReached)
        {
            ContinueAfterLifeLoss();
        }
        else
        {
            StartGame();
        }
        if (fireReset) PressFire();
        started = true;
        frames.WriteFrame(stack.NextSlot);
        stack.Reset();
        stack.CopyTo(observation);
    }

    /// <inheritdoc />
    public StepResult Step(int action, Span<byte> observation)
    {
        if (!started) throw new InvalidOperationException("call Reset before Step");
        if ((uint)action >= (uint)actions.Length)
            throw new ArgumentOutOfRangeException(nameof(action), action, $"actions are 0..{actions.Length - 1}");
        CheckObservation(observation);
        var outcome = LearnerStep(actions[action]);
        gameVisible = true;
        double raw = outcome.Reward + pendingRawReward;
        pendingRawReward = 0;
        bool gameOver = outcome.GameOver;
        if (deferredGameOver)
        {
            // The previous game ended inside the last reset: close its statistics episode now and carry this
            // step's score over to the new game.
            deferredGameOver = false;
            if (gameOver) raw += deferredRawReward;
            else
            {
                pendingRawReward = raw;
                raw = deferredRawReward;
                gameOver = true;
            }
            deferredRawReward = 0;
        }
        frames.WriteFrame(stack.NextSlot);
        stack.Push();
        stack.CopyTo(observation);
        float reward = Options.ClipReward ? Math.Sign(outcome.Reward) : outcome.Reward;
        return new StepResult(reward, outcome.Terminated, outcome.Truncated, new StepInfo((float)raw, gameOver));
    }

    private void CheckObservation(Span<byte> observation)
    {
        if (observation.Length < ObservationSpec.Size)
            throw new ArgumentException($"observation buffer has {observation.Length} bytes, the spec {ObservationSpec} needs {ObservationSpec.Size}", nameof(observation));
    }

    /// <summary>What one learner-level step (max-and-skip + episodic life) did.</summary>
    private readonly record struct Outcome(int Reward, bool Terminated, bool Truncated, bool GameOver, bool LifeLost);

    /// <summary>An agent step as EpisodicLifeEnv.step sees it: skipped frames, then the lives check.</summary>
    private Outcome LearnerStep(AleAction action)
    {
        var (reward, terminal, truncated) = SkipFrames(action);
        int now = game.Lives;
        // As baselines: only a drop to a positive count is a life loss; the last life ends with the game itself.
        bool lifeLost = Options.EpisodicLife && now > 0 && now < lives;
        lives = now;
        bool gameOver = terminal || truncated;
        lifeLostEndedEpisode = lifeLost && !gameOver;
        bool terminated = terminal || lifeLost;
        // Terminated wins over truncated: the learner must not bootstrap past a terminal.
        return new Outcome(reward, terminated, truncated && !terminated, gameOver, lifeLost);
    }

    /// <summary>
    /// MaxAndSkipEnv.step: frame-skip frames of one action (none once the game is over or truncated), the screen
    /// before the last frame kept for the max.
    /// </summary>
    private (int Reward, bool Terminal, bool Truncated) SkipFrames(AleAction action)
    {
        frames.Clear();
        int reward = 0;
        int skip = Options.FrameSkip;
        for (int i = 0; i < skip && !game.GameOver && !FrameLimitReached; i++)
        {
            if (i == skip - 1 && i > 0 && Options.MaxPool)
            {
                game.GetScreenGrayscale(frames.PreviousScreen);
                frames.MarkPrevious();
            }
            reward += game.Act(action);
        }
        game.GetScreenGrayscale(frames.LastScreen);
        bool terminal = game.GameOver;
        return (reward, terminal, !terminal && FrameLimitReached);
    }

    /// <summary>NoopResetEnv.reset: reset the game, then U{1..noop-max} single NOOP frames.</summary>
    private void StartGame()
    {
        game.ResetGame();
        gameFresh = false;
        gameVisible = false;
        pendingRawReward = 0;
        int noops = Options.NoopMax > 0 ? noopRandom.Next(1, Options.NoopMax + 1) : 0;
        for (int i = 0; i < noops; i++)
        {
            pendingRawReward += game.Act(AleAction.Noop);
            if (game.GameOver || FrameLimitReached)
            {
                // Nobody saw this game; start another and play the remaining no-ops in it (as SB3).
                game.ResetGame();
                pendingRawReward = 0;
            }
        }
        frames.Clear();
        game.GetScreenGrayscale(frames.LastScreen);
        lives = game.Lives;
        lifeLostEndedEpisode = false;
    }

    /// <summary>EpisodicLifeEnv.reset after a lost life: one NOOP agent step; the game restarts only if that ended it.</summary>
    private void ContinueAfterLifeLoss()
    {
        var (reward, terminal, truncated) = SkipFrames(AleAction.Noop);
        pendingRawReward += reward;
        if (terminal || truncated) EndGameInsideReset();
        else
        {
            lives = game.Lives;
            lifeLostEndedEpisode = false;
        }
    }

    /// <summary>FireResetEnv.reset: FIRE, then action 2, each through the episodic-life step; a life lost or a game ended there resets again.</summary>
    private void PressFire()
    {
        for (int index = 1; index <= 2; index++)
        {
            var outcome = LearnerStep(actions[index]);
            pendingRawReward += outcome.Reward;
            if (outcome.GameOver) EndGameInsideReset();
            else if (outcome.LifeLost) ContinueAfterLifeLoss();
        }
    }

    /// <summary>A game ended during a reset: its statistics episode is closed on the next step if it had any steps, then a new game starts.</summary>
    private void EndGameInsideReset()
    {
        if (gameVisible)
        {
            deferredGameOver = true;
            deferredRawReward += pendingRawReward;
        }
        StartGame();
    }

    /// <inheritdoc />
    /// <remarks>
    /// The emulator (<see cref="AleInterface.SaveState"/>: machine, ALE's RNG and sticky action, game bookkeeping)
    /// and every wrapper: the no-op stream, lives, the episodic-life and deferred-score flags, both max-pool
    /// screens and the frame stack.
    /// </remarks>
    /// <exception cref="NotSupportedException">The game is not an <see cref="AleInterface"/> (a test double).</exception>
    public void SaveState(BinaryWriter writer)
    {
        var state = Emulator.SaveState();
        writer.Write(state.Length);
        writer.Write(state);
        writer.Write(gameFresh);
        writer.Write(started);
        RandomState.Save(noopRandom, writer);
        writer.Write(lives);
        writer.Write(lifeLostEndedEpisode);
        writer.Write(gameVisible);
        writer.Write(pendingRawReward);
        writer.Write(deferredGameOver);
        writer.Write(deferredRawReward);
        frames.Save(writer);
        stack.Save(writer);
    }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader)
    {
        Emulator.RestoreState(reader.ReadBytes(reader.ReadInt32()));
        gameFresh = reader.ReadBoolean();
        started = reader.ReadBoolean();
        noopRandom = RandomState.Load(reader);
        lives = reader.ReadInt32();
        lifeLostEndedEpisode = reader.ReadBoolean();
        gameVisible = reader.ReadBoolean();
        pendingRawReward = reader.ReadDouble();
        deferredGameOver = reader.ReadBoolean();
        deferredRawReward = reader.ReadDouble();
        frames.Load(reader);
        stack.Load(reader);
    }

    private AleInterface Emulator => game as AleInterface
        ?? throw new NotSupportedException($"{game.GetType().Name} cannot save its state; only the emulator (AleInterface) can");

    /// <inheritdoc />
    public void Dispose() => (game as IDisposable)?.Dispose();
}
