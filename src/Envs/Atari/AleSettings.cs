namespace Rims.Envs.Atari;

/// <summary>ALE's settings (names as in ALEInterface::setInt/setFloat/setBool), with ALE 0.12.1's defaults.</summary>
public sealed record AleSettings
{
    /// <summary>repeat_action_probability: chance the previous action is repeated on each frame (sticky actions).</summary>
    public float RepeatActionProbability { get; init; } = 0.25f;

    /// <summary>frame_skip: emulated frames per act().</summary>
    public int FrameSkip { get; init; } = 1;

    /// <summary>random_seed: seed of the environment RNG (sticky actions).</summary>
    public int RandomSeed { get; init; } = 0;

    /// <summary>system_random_seed: seed of the core RNG (power-on RAM and RIOT timer).</summary>
    public int SystemRandomSeed { get; init; } = 4753849;

    /// <summary>max_num_frames_per_episode: 0 means no limit.</summary>
    public int MaxNumFramesPerEpisode { get; init; }

    /// <summary>Game mode; null selects the game's default (first listed) mode.</summary>
    public int? Mode { get; init; }

    /// <summary>Difficulty; null selects 0.</summary>
    public int? Difficulty { get; init; }
}
