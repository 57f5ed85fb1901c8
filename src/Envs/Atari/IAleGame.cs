namespace Rims.Envs.Atari;

/// <summary>
/// One loaded game as the Arcade Learning Environment exposes it (ALEInterface): the emulator plus the
/// game's reward, lives and terminal reading. Implemented by <c>AleInterface</c>; the DeepMind wrappers and
/// <c>AtariEnv</c> are written against this interface so they can be tested with hand-made fakes.
/// </summary>
public interface IAleGame
{
    /// <summary>The game's settings and identity (ROM name, CamelCase name, action sets).</summary>
    Games.AtariGame Game { get; }

    /// <summary>Screen height in pixels (210).</summary>
    int ScreenHeight { get; }

    /// <summary>Screen width in pixels (160).</summary>
    int ScreenWidth { get; }

    /// <summary>ALE's minimal action set for this game.</summary>
    IReadOnlyList<AleAction> MinimalActions { get; }

    /// <summary>ALE's reset_game(): the exact reset procedure (soft reset, no-op frames, mode, starting actions).</summary>
    void ResetGame();

    /// <summary>ALE's act(): runs frame_skip frames with sticky actions, returns the summed reward.</summary>
    int Act(AleAction action);

    /// <summary>The game is over (ALE's game_over(), including max_num_frames_per_episode truncation).</summary>
    bool GameOver { get; }

    /// <summary>ALE's lives().</summary>
    int Lives { get; }

    /// <summary>Frames emulated since the last reset_game().</summary>
    long EpisodeFrameNumber { get; }

    /// <summary>Frames emulated since the ROM was loaded.</summary>
    long FrameNumber { get; }

    /// <summary>Writes the last frame as ScreenHeight x ScreenWidth palette indices (ALE getScreen).</summary>
    void GetScreen(Span<byte> indices);

    /// <summary>Writes the last frame as ScreenHeight x ScreenWidth luminance bytes (ALE getScreenGrayscale).</summary>
    void GetScreenGrayscale(Span<byte> gray);

    /// <summary>Writes the last frame as ScreenHeight x ScreenWidth x 3 RGB bytes (ALE getScreenRGB).</summary>
    void GetScreenRgb(Span<byte> rgb);

    /// <summary>The 128 bytes of RIOT RAM.</summary>
    ReadOnlySpan<byte> Ram { get; }

    /// <summary>Re-seeds the environment RNG (sticky actions) as ALE's setInt("random_seed") + reset would.</summary>
    void Seed(int seed);
}
