using System.Globalization;

namespace Rims.Envs.Atari;

/// <summary>How the frame stack is filled when a learner episode starts.</summary>
public enum FrameStackPadding
{
    /// <summary>
    /// The older slots are zeros and the first frame is the newest (OpenAI baselines' VecFrameStack and the
    /// pytorch-a2c-ppo-acktr frame stack the RIMs paper's PPO ran with).
    /// </summary>
    Zero,

    /// <summary>Every slot holds the first frame (gymnasium FrameStackObservation, padding_type="reset").</summary>
    Reset,
}

/// <summary>
/// The Atari env's preprocessing switches. The defaults are the DeepMind / OpenAI-baselines stack the RIMs
/// paper's PPO used (NoFrameskip-v4 under wrap_deepmind + a 4-frame stack). Each switch has a kebab-case key for
/// <see cref="EnvSettings.Options"/> (listed in <see cref="OptionKeys"/>).
/// </summary>
public sealed record AtariEnvOptions
{
    /// <summary>"sticky-actions": ALE's repeat_action_probability (0 = off, 0.25 = Machado et al./v5).</summary>
    public float StickyActionProbability { get; init; }

    /// <summary>"episodic-life": a lost life ends the learner's episode (not the game, not the statistics).</summary>
    public bool EpisodicLife { get; init; } = true;

    /// <summary>"fire-reset": press FIRE then action 2 after every reset, for games whose action set has FIRE.</summary>
    public bool FireReset { get; init; } = true;

    /// <summary>"noop-max": each real reset plays U{1..NoopMax} NOOP frames (0 = none).</summary>
    public int NoopMax { get; init; } = 30;

    /// <summary>"frame-skip": emulator frames per agent step (the action is repeated, rewards summed).</summary>
    public int FrameSkip { get; init; } = 4;

    /// <summary>"max-pool": the observation is the pixel-wise max of the step's last two frames (removes flicker).</summary>
    public bool MaxPool { get; init; } = true;

    /// <summary>"clip-reward": the learner sees the sign of the reward (-1, 0, 1).</summary>
    public bool ClipReward { get; init; } = true;

    /// <summary>"screen-size": the grayscale screen is area-resized to ScreenSize x ScreenSize.</summary>
    public int ScreenSize { get; init; } = 84;

    /// <summary>"frame-stack": observations are the last FrameStack frames, oldest first.</summary>
    public int FrameStack { get; init; } = 4;

    /// <summary>"frame-stack-padding": "zero" or "reset" (see <see cref="Atari.FrameStackPadding"/>).</summary>
    public FrameStackPadding FrameStackPadding { get; init; } = FrameStackPadding.Zero;

    /// <summary>"full-action-space": all 18 ALE actions instead of the game's minimal set.</summary>
    public bool FullActionSpace { get; init; }

    /// <summary>"max-episode-frames": a game is truncated after this many emulated frames (0 = never); 108,000 = 30 minutes.</summary>
    public int MaxEpisodeFrames { get; init; } = 108_000;

    /// <summary>"mode": ALE game mode (null = the game's default).</summary>
    public int? Mode { get; init; }

    /// <summary>"difficulty": ALE difficulty (null = 0).</summary>
    public int? Difficulty { get; init; }

    /// <summary>
    /// Every option key, declared once: its name, how a value is parsed into the options, and the range the value
    /// must fall in. <see cref="OptionKeys"/>, <see cref="WithOverrides"/> and <see cref="Validate"/> all read it.
    /// </summary>
    private static readonly OptionKey[] Keys =
    [
        new("sticky-actions", (o, v) => o with { StickyActionProbability = ParseProbability("sticky-actions", v) },
            o => o.StickyActionProbability is >= 0 and <= 1 ? null : Bad("sticky-actions", o.StickyActionProbability, "a probability in [0, 1]")),
        Bool("episodic-life", (o, b) => o with { EpisodicLife = b }),
        Bool("fire-reset", (o, b) => o with { FireReset = b }),
        Int("noop-max", o => o.NoopMax, (o, n) => o with { NoopMax = n }, minimum: 0),
        Int("frame-skip", o => o.FrameSkip, (o, n) => o with { FrameSkip = n }, minimum: 1),
        Bool("max-pool", (o, b) => o with { MaxPool = b }),
        Bool("clip-reward", (o, b) => o with { ClipReward = b }),
        // Area resizing only shrinks, and the screen is 160 pixels wide (210 high).
        Int("screen-size", o => o.ScreenSize, (o, n) => o with { ScreenSize = n }, minimum: 1, maximum: Emulation.Tia.ScreenWidth,
            expected: $"1..{Emulation.Tia.ScreenWidth} (the screen is area-resized down from {Emulation.Tia.ScreenWidth} pixels wide)"),
        Int("frame-stack", o => o.FrameStack, (o, n) => o with { FrameStack = n }, minimum: 1),
        new("frame-stack-padding", (o, v) => o with { FrameStackPadding = ParsePadding("frame-stack-padding", v) }),
        Bool("full-action-space", (o, b) => o with { FullActionSpace = b }),
        Int("max-episode-frames", o => o.MaxEpisodeFrames, (o, n) => o with { MaxEpisodeFrames = n }, minimum: 0, expected: ">= 0 (0 = no limit)"),
        // Which modes and difficulties exist depends on the game: ValidateFor.
        Int("mode", o => o.Mode, (o, n) => o with { Mode = n }),
        Int("difficulty", o => o.Difficulty, (o, n) => o with { Difficulty = n }),
    ];

    /// <summary>The keys <see cref="WithOverrides"/> understands.</summary>
    public static IReadOnlyList<string> OptionKeys { get; } = Keys.Select(k => k.Name).ToList();

    /// <summary>
    /// These options with <paramref name="overrides"/> applied (keys in any <see cref="EnvSettings.NormaliseKey"/>
    /// spelling), then validated.
    /// </summary>
    /// <exception cref="ArgumentException">A key is not one of <see cref="OptionKeys"/>, or a value is malformed or out of range; the message names the key.</exception>
    public AtariEnvOptions WithOverrides(IReadOnlyDictionary<string, string>? overrides)
    {
        var result = this;
        if (overrides is null) return result;
        foreach (var (rawKey, value) in overrides)
        {
            string key = EnvSettings.NormaliseKey(rawKey);
            var option = Keys.FirstOrDefault(k => k.Name == key)
                         ?? throw new ArgumentException($"'{rawKey}' is not an Atari option; valid keys: {string.Join(", ", OptionKeys)}");
            result = option.Apply(result, value);
        }
        result.Validate();
        return result;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option key for any value out of range.</summary>
    public void Validate()
    {
        foreach (var key in Keys)
            if (key.Check?.Invoke(this) is { } error) throw error;
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the key when <see cref="Mode"/> or <see cref="Difficulty"/> is
    /// not one <paramref name="game"/> has (ALE's getAvailableModes / getAvailableDifficulties), so the check needs no ROM.
    /// </summary>
    public void ValidateFor(Games.AtariGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (Mode is { } mode && !game.Modes.Contains(mode))
            throw Bad("mode", mode, $"one of {game.Name}'s modes {string.Join(", ", game.Modes)}");
        if (Difficulty is { } difficulty && !game.Difficulties.Contains(difficulty))
            throw Bad("difficulty", difficulty, $"one of {game.Name}'s difficulties {string.Join(", ", game.Difficulties)}");
    }

    /// <summary>
    /// The ALE settings the game is loaded with: frame_skip 1 (the env repeats actions itself so it can max-pool
    /// and stop at game over), this sticky probability, and no ALE truncation, because the env truncates itself and
    /// IAleGame.GameOver could not tell a truncation from a real end otherwise.
    /// </summary>
    public AleSettings ToAleSettings(int randomSeed = 0) => new()
    {
        RepeatActionProbability = StickyActionProbability,
        FrameSkip = 1,
        RandomSeed = randomSeed,
        MaxNumFramesPerEpisode = 0,
        Mode = Mode,
        Difficulty = Difficulty,
    };

    /// <summary>One line for logs and the `envs` verb.</summary>
    public string Describe() =>
        $"sticky {StickyActionProbability.ToString(CultureInfo.InvariantCulture)}, " +
        $"noop-max {NoopMax}, fire-reset {OnOff(FireReset)}, episodic-life {OnOff(EpisodicLife)}, " +
        $"frame-skip {FrameSkip}{(MaxPool && FrameSkip > 1 ? " (max of last 2)" : "")}, {ScreenSize}x{ScreenSize} gray, " +
        $"clip-reward {OnOff(ClipReward)}, frame-stack {FrameStack} ({FrameStackPadding.ToString().ToLowerInvariant()} padding), " +
        $"{(FullActionSpace ? "18 actions" : "minimal actions")}, max {MaxEpisodeFrames} frames";

    private static string OnOff(bool value) => value ? "on" : "off";

    private static ArgumentException Bad(string key, object value, string expected) =>
        new($"Atari option {key}={Convert.ToString(value, CultureInfo.InvariantCulture)} is invalid: expected {expected}");

    /// <summary>One option key (see <see cref="Keys"/>).</summary>
    /// <param name="Name">The kebab-case key.</param>
    /// <param name="Apply">The options with a value of this key parsed in (throws naming the key when malformed).</param>
    /// <param name="Check">The error for a value out of range, else null (null: every value is in range).</param>
    private sealed record OptionKey(string Name, Func<AtariEnvOptions, string, AtariEnvOptions> Apply, Func<AtariEnvOptions, ArgumentException?>? Check = null);

    private static OptionKey Bool(string name, Func<AtariEnvOptions, bool, AtariEnvOptions> set) =>
        new(name, (o, v) => set(o, ParseBool(name, v)));

    // An unset (null) value is always in range.
    private static OptionKey Int(string name, Func<AtariEnvOptions, int?> get, Func<AtariEnvOptions, int, AtariEnvOptions> set,
        int minimum = int.MinValue, int maximum = int.MaxValue, string? expected = null) =>
        new(name, (o, v) => set(o, ParseInt(name, v)),
            o => get(o) is { } n && (n < minimum || n > maximum) ? Bad(name, n, expected ?? $">= {minimum}") : null);

    private static float ParseProbability(string key, string value)
    {
        string v = value.Trim();
        // "--sticky-actions" given as a flag means the Machado et al. default.
        if (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Length == 0) return 0.25f;
        if (v.Equals("false", StringComparison.OrdinalIgnoreCase)) return 0f;
        if (float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out float p) && p >= 0 && p <= 1) return p;
        throw new ArgumentException($"Atari option {key}={value} is invalid: expected a probability in [0, 1] (or true = 0.25, false = 0)");
    }

    private static bool ParseBool(string key, string value)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "" or "true" or "1" or "on" or "yes": return true;
            case "false" or "0" or "off" or "no": return false;
            default: throw new ArgumentException($"Atari option {key}={value} is invalid: expected true or false");
        }
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ArgumentException($"Atari option {key}={value} is invalid: expected an integer");

    private static FrameStackPadding ParsePadding(string key, string value) =>
        value.Trim().ToLowerInvariant() switch
        {
            "zero" or "zeros" => FrameStackPadding.Zero,
            "reset" or "repeat" => FrameStackPadding.Reset,
            _ => throw new ArgumentException($"Atari option {key}={value} is invalid: expected zero or reset"),
        };
}
