using Rims.Envs.Atari.Emulation;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Atari;

/// <summary>
/// The Arcade Learning Environment's public API (ALEInterface) and its RL loop (StellaEnvironment) on top of the
/// managed Atari 2600: power-on as <c>loadROM</c> does it, <c>reset_game</c>, <c>act</c> with sticky actions and frame
/// skip, inputs for joysticks, paddles and console switches, lives, terminal and truncation, screens, RAM, modes,
/// difficulties and state cloning, all with ALE 0.12.1's semantics (ALE-NOTES.md part a) so that a run reproduces the
/// real ALE frame by frame.
/// </summary>
/// <remarks>
/// Two random generators, as in ALE: the core RNG (seeded with <see cref="AleSettings.SystemRandomSeed"/>) fills RAM at
/// power-on and draws the RIOT timer at every console reset; the environment RNG (seeded with
/// <see cref="AleSettings.RandomSeed"/>) decides the sticky actions, two draws per emulated <see cref="Act"/> frame.
/// Stepping allocates nothing.
/// </remarks>
public sealed partial class AleInterface : IAleGame, IGameConsole
{
    /// <summary>Frames emulated without input events at power-on to detect the display format (NTSC/PAL).</summary>
    public const int AutoDetectFrames = 60;

    /// <summary>NOOP frames at the start of every reset_game().</summary>
    public const int ResetNoopFrames = 60;

    /// <summary>Frames with the console RESET switch held in one soft reset.</summary>
    public const int SoftResetFrames = 4;

    /// <summary>Lowest paddle resistance ALE moves a paddle to.</summary>
    public const int PaddleMinimum = 27450;

    /// <summary>Highest paddle resistance ALE moves a paddle to.</summary>
    public const int PaddleMaximum = 790196;

    /// <summary>Paddle resistance set at every reset (the centre).</summary>
    public const int PaddleCentre = 408823;

    /// <summary>Resistance change per emulated frame of a LEFT-type (+) or RIGHT-type (-) action.</summary>
    public const int PaddleStep = 23000;

    // ALE's id of the RESET pseudo-action; used internally for the RESET-held frames of a soft reset.
    private const int ResetAction = 40;

    // Per action id 0..17: which joystick lines are pressed, as bits of SWCHA's left-port nibble (right $80, left $40,
    // down $20, up $10) plus bit 0 for FIRE. Directions are active low on the real port; the mask says what to clear.
    private const int Right = 0x80, Left = 0x40, Down = 0x20, Up = 0x10, Fire = 0x01;

    private static readonly byte[] ActionLines =
    [
        0, Fire, Up, Right, Left, Down, Up | Right, Up | Left, Down | Right, Down | Left,
        Up | Fire, Right | Fire, Left | Fire, Down | Fire, Up | Right | Fire, Up | Left | Fire,
        Down | Right | Fire, Down | Left | Fire,
    ];

    private readonly Atari2600 machine;
    private readonly Mt19937 coreRng;
    private readonly Mt19937 envRng;
    private readonly AtariGame game;
    private readonly byte[] rom;
    private readonly string romPath;
    private readonly string md5;
    private readonly int frameSkip;
    private readonly double repeatActionProbability;
    private readonly int maxFramesPerEpisode;
    private readonly bool paddles;
    private readonly bool swapPaddles;
    private readonly bool rightPortPaddles;
    private readonly bool swapPorts;

    // Paddle positions of player A (paddle 0) and player B (paddle 1) as resistances.
    private int paddleA;
    private int paddleB;

    // The actions sticky actions repeat (ALE's m_player_a_action / m_player_b_action). Player B is always NOOP.
    private int stickyA;
    private int stickyB;

    // Mode and difficulty in force, and the ones asked for, which take effect at the next reset_game().
    private int mode;
    private int difficulty;
    private int nextMode;
    private int nextDifficulty;

    private AleInterface(string romPath, byte[] rom, string md5, AtariGame game, AleSettings settings)
    {
        this.romPath = romPath;
        this.rom = rom;
        this.md5 = md5;
        this.game = game;
        frameSkip = settings.FrameSkip;
        repeatActionProbability = settings.RepeatActionProbability;
        maxFramesPerEpisode = settings.MaxNumFramesPerEpisode;
        paddles = game.UsesPaddles;
        swapPaddles = game.SwapPaddles;
        rightPortPaddles = StellaProperties.RightPortPaddles(game.RomName);
        swapPorts = StellaProperties.SwapPorts(game.RomName);
        nextMode = mode = settings.Mode ?? game.Modes[0];
        nextDifficulty = difficulty = settings.Difficulty ?? 0;

        coreRng = new Mt19937(unchecked((uint)settings.SystemRandomSeed));
        envRng = new Mt19937(unchecked((uint)settings.RandomSeed));
        machine = new Atari2600(Cartridge.Create(rom, game.CartridgeType), coreRng);
        machine.Tia.HmoveBlanks = game.HmoveBlanks;
        machine.Tia.YStart = StellaProperties.YStart(game.RomName);
    }

    /// <summary>
    /// ALE's <c>loadROM</c>: reads the ROM, identifies the game by its md5, powers the console on exactly as ALE does
    /// (power-on RAM and timer from the core RNG, a console reset, 60 display auto-detect frames, another console reset)
    /// and runs one reset_game().
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not one of the supported ROMs (the message gives its md5).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (frame skip, probability, mode, difficulty).</exception>
    public static AleInterface Load(string romPath, AleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(romPath);
        ArgumentNullException.ThrowIfNull(settings);
        string fullPath = Path.GetFullPath(romPath);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException(
                $"ROM file {fullPath} does not exist. Point to the ALE ROM set with --roms DIR or {RomLocator.EnvironmentVariable}=DIR; " +
                "see README, section Atari ROMs.", fullPath);
        byte[] rom = File.ReadAllBytes(fullPath);
        string md5 = GameCatalog.Md5Of(rom);
        if (!GameCatalog.TryCreateByMd5(md5, out var game))
            throw new InvalidDataException(
                $"ROM file {fullPath} ({rom.Length} bytes, md5 {md5}) is not one of the {GameCatalog.Count} supported ALE ROMs " +
                "(unknown game or a corrupt/modified image): use the ROM set ale-py 0.12.1 ships (README, section Atari ROMs); " +
                "`atari roms --roms DIR` checks a folder.");
        ValidateSettings(settings, game);
        var ale = new AleInterface(fullPath, rom, md5, game, settings);
        ale.PowerOn();
        return ale;
    }

    private static void ValidateSettings(AleSettings settings, AtariGame game)
    {
        if (settings.FrameSkip < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.FrameSkip, "frame_skip must be at least 1.");
        if (!(settings.RepeatActionProbability >= 0f && settings.RepeatActionProbability <= 1f))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.RepeatActionProbability,
                "repeat_action_probability must be in [0, 1].");
        if (settings.MaxNumFramesPerEpisode < 0)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.MaxNumFramesPerEpisode,
                "max_num_frames_per_episode must be 0 (no limit) or positive.");
        if (settings.Mode is { } mode) CheckMode(game, mode);
        if (settings.Difficulty is { } difficulty) CheckDifficulty(game, difficulty);
    }

    private static void CheckMode(AtariGame game, int mode)
    {
        if (!game.Modes.Contains(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode,
                $"{game.Name} has no mode {mode}; available modes: {string.Join(", ", game.Modes)}.");
    }

    private static void CheckDifficulty(AtariGame game, int difficulty)
    {
        if (!game.Difficulties.Contains(difficulty))
            throw new ArgumentOutOfRangeException(nameof(difficulty), difficulty,
                $"{game.Name} has no difficulty {difficulty}; available difficulties: {string.Join(", ", game.Difficulties)}.");
    }

    /// <summary>The game's settings object (identity, action sets, score/lives/terminal reading).</summary>
    public AtariGame Game => game;

    /// <summary>The emulated console (for debugging and trace comparison: CPU, TIA, RIOT, cartridge).</summary>
    public Atari2600 Machine => machine;

    /// <summary>Full path of the loaded ROM file.</summary>
    public string RomPath => romPath;

    /// <summary>md5 (lower-case hex) of the loaded ROM image.</summary>
    public string RomMd5 => md5;

    /// <summary>"NTSC" or "PAL", as the power-on auto-detection decided (all supported games are NTSC).</summary>
    public string DisplayFormat { get; private set; } = "NTSC";

    /// <inheritdoc />
    public int ScreenHeight => Tia.ScreenHeight;

    /// <inheritdoc />
    public int ScreenWidth => Tia.ScreenWidth;

    /// <inheritdoc />
    public IReadOnlyList<AleAction> MinimalActions => game.MinimalActions;

    /// <summary>The game mode in force (the one selected at the last reset).</summary>
    public int Mode => mode;

    /// <summary>The difficulty in force (the one selected at the last reset).</summary>
    public int Difficulty => difficulty;

    /// <summary>Sets emulated frames per <see cref="Act"/> call (the frame_skip setting).</summary>
    public int FrameSkip => frameSkip;

    /// <inheritdoc />
    public long FrameNumber { get; private set; }

    /// <inheritdoc />
    public long EpisodeFrameNumber { get; private set; }

    /// <summary>ALE's game_over(with_truncation=false): the game itself says it is over.</summary>
    public bool GameTerminal => game.Terminal;

    /// <summary>ALE's game_truncated(): max_num_frames_per_episode is set and the episode has reached it.</summary>
    public bool GameTruncated => maxFramesPerEpisode > 0 && EpisodeFrameNumber >= maxFramesPerEpisode;

    /// <inheritdoc />
    public bool GameOver => game.Terminal || GameTruncated;

    /// <inheritdoc />
    public int Lives => game.Lives;

    /// <inheritdoc />
    public ReadOnlySpan<byte> Ram => machine.Riot.Ram;

    /// <summary>The current screen as palette indices, without copying (valid until the next frame).</summary>
    public ReadOnlySpan<byte> Screen => machine.Tia.Screen;

    /// <summary>
    /// ALE's setMode: the mode used from the next <see cref="ResetGame"/> on.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The game has no such mode.</exception>
    public void SetMode(int mode)
    {
        CheckMode(game, mode);
        nextMode = mode;
    }

    /// <summary>ALE's setDifficulty: the difficulty used from the next <see cref="ResetGame"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The game has no such difficulty.</exception>
    public void SetDifficulty(int difficulty)
    {
        CheckDifficulty(game, difficulty);
        nextDifficulty = difficulty;
    }

    /// <inheritdoc />
    public void Seed(int seed) => envRng.Seed(unchecked((uint)seed));

    // ---------------------------------------------------------------- power-on and reset

    private void PowerOn()
    {
        // The RIOT fills RAM from the core RNG and draws its timer (draws 0..128), then the first console reset.
        machine.PowerOn();
        machine.ConsoleReset();

        // Display auto-detect: 60 frames with no input events; the switches hold the ROM properties' values.
        ApplyPowerOnInputs();
        int tallFrames = 0;
        for (int i = 0; i < AutoDetectFrames; i++)
        {
            machine.RunFrame();
            if (i >= 30 && machine.Tia.Scanlines > 285) tallFrames++;
        }
        DisplayFormat = tallFrames >= 15 ? "PAL" : "NTSC";
        machine.ConsoleReset();

        game.Reset();
        ResetGame();
    }

    /// <summary>
    /// ALE's reset_game(): console reset, 60 NOOP frames, a soft reset, the game's bookkeeping reset, the mode
    /// selection, another soft reset and the game's starting actions. Only SELECT presses (and Double Dunk's menu
    /// act() calls) count towards the frame numbers; the episode frame number restarts at 0.
    /// </summary>
    public void ResetGame()
    {
        EpisodeFrameNumber = 0;
        paddleA = paddleB = PaddleCentre;
        mode = nextMode;
        difficulty = nextDifficulty;
        machine.ConsoleReset();
        for (int i = 0; i < ResetNoopFrames; i++) EmulateFrame((int)AleAction.Noop);
        SoftReset();
        game.Reset();
        game.SetMode(mode, this);
        SoftReset();
        var starting = game.StartingActions;
        for (int i = 0; i < starting.Count; i++) EmulateFrame((int)starting[i]);
    }

    // ---------------------------------------------------------------- act

    /// <summary>
    /// ALE's act(): <see cref="FrameSkip"/> frames, each with two sticky-action draws from the environment RNG (player
    /// A, then player B), no emulation once the game is over or truncated, and the game's reward summed.
    /// Any of the 18 actions is accepted (the minimal set is only a recommendation).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is not one of the 18 ALE joystick actions.</exception>
    public int Act(AleAction action)
    {
        int a = (int)action;
        if ((uint)a >= (uint)ActionLines.Length)
            throw new ArgumentOutOfRangeException(nameof(action), action, "ALE actions are 0 (NOOP) .. 17 (DOWNLEFTFIRE).");
        int reward = 0;
        for (int i = 0; i < frameSkip; i++)
        {
            if (NextUnitDouble() >= repeatActionProbability) stickyA = a;
            // Player B's action is always NOOP, but its draw is made all the same so the stream matches ALE.
            if (NextUnitDouble() >= repeatActionProbability) stickyB = (int)AleAction.Noop;
            if (GameOver) continue;
            EmulateFrame(stickyA);
            FrameNumber++;
            EpisodeFrameNumber++;
            reward += game.Reward;
        }
        return reward;
    }

    /// <summary>One environment-RNG draw as a double in [0, 1): u32 / 2^32.</summary>
    private double NextUnitDouble() => envRng.Next() * (1.0 / 4294967296.0);

    // ---------------------------------------------------------------- IGameConsole (mode selection during reset)

    /// <inheritdoc />
    void IGameConsole.PressSelect(int heldFrames)
    {
        ApplySelectInputs();
        for (int i = 0; i < heldFrames; i++) machine.RunFrame();
        EmulateFrame((int)AleAction.Noop);
        FrameNumber++;
        EpisodeFrameNumber++;
    }

    /// <inheritdoc />
    void IGameConsole.SoftReset() => SoftReset();

    /// <inheritdoc />
    void IGameConsole.Act(AleAction action) => Act(action);

    private void SoftReset()
    {
        for (int i = 0; i < SoftResetFrames; i++) EmulateFrame(ResetAction);
        // Sticky actions must not carry an action from before the reset into the new episode.
        stickyA = stickyB = (int)AleAction.Noop;
    }

    // ---------------------------------------------------------------- one emulated frame and its inputs

    /// <summary>ALE's emulate() for one frame: inputs for the action, one TIA frame, then the game's step.</summary>
    private void EmulateFrame(int action)
    {
        if (paddles) ApplyPaddleInputs(action);
        else ApplyJoystickInputs(action);
        machine.RunFrame();
        game.Step(machine.Riot.Ram);
    }

    /// <summary>SWCHB for the current difficulty: bit 6 = left switch A when d &amp; 1, bit 7 = right switch A when d &amp; 2.</summary>
    private byte Switches(bool reset, bool select)
    {
        int value = 0x3F | ((difficulty & 1) != 0 ? 0x40 : 0) | ((difficulty & 2) != 0 ? 0x80 : 0);
        if (reset) value &= ~0x01;
        if (select) value &= ~0x02;
        return (byte)value;
    }

    private void ApplyJoystickInputs(int action)
    {
        Riot riot = machine.Riot;
        Tia tia = machine.Tia;
        int lines = action == ResetAction ? 0 : ActionLines[action];
        bool fire = (lines & Fire) != 0;
        if (swapPorts)
        {
            // Player A's joystick is in the right port: SWCHA's low nibble and INPT5; player B (NOOP) is in the left one.
            riot.JoystickBits = (byte)(0xFF & ~((lines & 0xF0) >> 4));
            tia.Fire0 = false;
            tia.Fire1 = fire;
        }
        else
        {
            // Player A drives the left port's high nibble (active low); player B (always NOOP) leaves the low one released.
            riot.JoystickBits = (byte)(0xFF & ~(lines & 0xF0));
            tia.Fire0 = fire;
            tia.Fire1 = false;
        }
        riot.SwitchBits = Switches(action == ResetAction, select: false);
    }

    private void ApplyPaddleInputs(int action)
    {
        Riot riot = machine.Riot;
        Tia tia = machine.Tia;
        int lines = action == ResetAction ? 0 : ActionLines[action];
        // RIGHT-type actions lower the resistance, LEFT-type raise it; player B never moves.
        if ((lines & Right) != 0) paddleA = Math.Max(PaddleMinimum, paddleA - PaddleStep);
        else if ((lines & Left) != 0) paddleA = Math.Min(PaddleMaximum, paddleA + PaddleStep);
        SetPaddlePins(paddleA, paddleB);

        // Paddle 0's button is SWCHA bit 7 (bit 6 with swapped paddles); the right port's buttons are never pressed.
        int swcha = 0xFF;
        if ((lines & Fire) != 0) swcha &= swapPaddles ? ~0x40 : ~0x80;
        riot.JoystickBits = (byte)swcha;
        tia.Fire0 = false;
        tia.Fire1 = false;
        riot.SwitchBits = Switches(action == ResetAction, select: false);
    }

    /// <summary>SELECT-held frames: every key released, SELECT pressed; paddle positions stay where they are.</summary>
    private void ApplySelectInputs()
    {
        Riot riot = machine.Riot;
        Tia tia = machine.Tia;
        riot.JoystickBits = 0xFF;
        tia.Fire0 = false;
        tia.Fire1 = false;
        riot.SwitchBits = Switches(reset: false, select: true);
    }

    /// <summary>
    /// Power-on inputs: no events at all, so paddles read resistance 0 (charged at once) and the switches hold the
    /// ROM properties' values (difficulty B, or A/A for Amidar).
    /// </summary>
    private void ApplyPowerOnInputs()
    {
        Riot riot = machine.Riot;
        Tia tia = machine.Tia;
        riot.JoystickBits = 0xFF;
        tia.Fire0 = false;
        tia.Fire1 = false;
        riot.SwitchBits = (byte)(game.PowerOnDifficultyA ? 0xFF : 0x3F);
        if (paddles) SetPaddlePins(0, 0);
    }

    /// <summary>
    /// Wires paddle 0 (player A) and paddle 1 (player B) to the left port's pins: INPT0 = paddle 0 and INPT1 = paddle 1,
    /// or the other way round with swapped paddles. The right port holds paddles 2/3, which are never set and read
    /// resistance 0, or a joystick, which never charges.
    /// </summary>
    private void SetPaddlePins(int paddle0, int paddle1)
    {
        int[] pins = machine.Tia.PaddleResistance;
        pins[0] = swapPaddles ? paddle1 : paddle0;
        pins[1] = swapPaddles ? paddle0 : paddle1;
        pins[2] = rightPortPaddles ? 0 : Tia.MaximumResistance;
        pins[3] = rightPortPaddles ? 0 : Tia.MaximumResistance;
    }

    /// <summary>Stella property-table facts the game settings do not carry.</summary>
    private static class StellaProperties
    {
        /// <summary>Display.YStart: the first scanline of the 210-row picture (34 unless the table says otherwise).</summary>
        public static int YStart(string romName) => romName switch
        {
            "qbert" => 40,
            "up_n_down" => 30,
            _ => 34,
        };

        /// <summary>Controller.Right = PADDLES (Pong); the other paddle game, Breakout, has a joystick there.</summary>
        public static bool RightPortPaddles(string romName) => romName == "pong";

        /// <summary>
        /// Console.SwapPorts = YES: the controllers are plugged in the other way round, so player A's joystick is the
        /// right port. Of the supported games only Wizard of Wor has it (its table entry: "Uses the Joystick Controllers
        /// (swapped)"); the game reads player 1 from the right port.
        /// </summary>
        public static bool SwapPorts(string romName) => romName == "wizard_of_wor";
    }
}
