namespace Rims.Envs.Atari.Games;

/// <summary>
/// Common base of the 44 games: serves the identity from a <see cref="GameInfo"/> and keeps the score bookkeeping
/// ALE's settings objects share (reward = change of the decoded score; lives reported as 0 once terminal unless a
/// game says otherwise).
/// </summary>
public abstract class RamGame : AtariGame
{
    /// <summary>Upper bound on SELECT presses in one mode selection; ALE loops forever, we fail loudly instead.
    /// Name This Game needs 134 presses, so this leaves a wide margin.</summary>
    private const int MaxSelectPresses = 1024;

    private readonly GameInfo info;
    private readonly string[] md5s;

    /// <summary>Binds the game to its identity.</summary>
    protected RamGame(GameInfo info)
    {
        this.info = info;
        md5s = [info.Md5];
    }

    /// <summary>ROM file stem.</summary>
    public sealed override string RomName => info.RomName;

    /// <summary>CamelCase name.</summary>
    public sealed override string Name => info.Name;

    /// <summary>md5 of the supported ROM (one per game here).</summary>
    public sealed override IReadOnlyList<string> Md5s => md5s;

    /// <summary>Cartridge scheme.</summary>
    public sealed override string CartridgeType => info.CartridgeType;

    /// <summary>ALE's minimal action set in ALE's order.</summary>
    public sealed override IReadOnlyList<AleAction> MinimalActions => info.MinimalActions;

    /// <summary>Available modes; the first is the default.</summary>
    public sealed override IReadOnlyList<int> Modes => info.Modes;

    /// <summary>Available difficulties.</summary>
    public sealed override IReadOnlyList<int> Difficulties => info.Difficulties;

    /// <summary>Starting actions of every reset.</summary>
    public sealed override IReadOnlyList<AleAction> StartingActions => info.StartingActions;

    /// <summary>The last decoded score (ALE's m_score).</summary>
    protected int Score { get; set; }

    /// <summary>Lives reported right after <see cref="Reset"/>, before any frame is read (<see cref="GameInfo.InitialLives"/>).</summary>
    protected int InitialLives => info.InitialLives;

    /// <summary>Score stored at reset (Private Eye starts at 1000 so its starting points are not rewarded).</summary>
    protected virtual int InitialScore => 0;

    /// <summary>Clears score, reward and terminal and restores the initial lives and any game-specific state.</summary>
    public sealed override void Reset()
    {
        Score = InitialScore;
        Reward = 0;
        Terminal = false;
        Lives = InitialLives;
        ResetState();
    }

    /// <summary>Clears game-specific per-episode state (latches, trackers). Called by <see cref="Reset"/>.</summary>
    protected virtual void ResetState() { }

    /// <summary>Sets the reward to the change from the last score and stores <paramref name="score"/>.</summary>
    protected void UpdateScore(int score)
    {
        Reward = score - Score;
        Score = score;
    }

    /// <summary>Reports <paramref name="lives"/>, or 0 once terminal (the lives() rule of most ALE games). Set
    /// <see cref="AtariGame.Terminal"/> first.</summary>
    protected void SetLives(int lives) => Lives = Terminal ? 0 : lives;

    /// <summary>The RAM byte at 6507 address <paramref name="address"/>.</summary>
    protected static int Ram(ReadOnlySpan<byte> ram, int address) => ram[address & 0x7F];

    /// <summary>
    /// Checks the mode, then runs ALE's common mode routine (<see cref="SelectUntil"/>) as the game's
    /// <see cref="GameInfo.ModeSelect"/> describes it; single-mode games only check (ALE rejects any mode but 0 and
    /// does nothing else). Games with a routine of their own override this.
    /// </summary>
    public override void SetMode(int mode, IGameConsole console)
    {
        RequireMode(mode);
        if (info.ModeSelect is { } select)
            SelectUntil(console, select.Address, mode, select.HoldFrames, select.TitleScreenOffset is { } offset ? mode + offset : -1);
    }

    /// <summary>Throws unless <paramref name="mode"/> is one of <see cref="Modes"/> (ALE throws too).</summary>
    protected void RequireMode(int mode)
    {
        foreach (var m in info.Modes)
            if (m == mode) return;
        throw new ArgumentOutOfRangeException(nameof(mode), mode,
            $"{Name} has no mode {mode}; available: {string.Join(", ", info.Modes)}.");
    }

    /// <summary>
    /// ALE's common mode routine: press SELECT (held <paramref name="holdFrames"/> frames) until the RAM byte at
    /// <paramref name="address"/> equals <paramref name="value"/> (or <paramref name="alternative"/> if that is not -1,
    /// for games that show the mode with an offset on their title screen), then one soft reset.
    /// </summary>
    protected void SelectUntil(IGameConsole console, int address, int value, int holdFrames, int alternative = -1)
    {
        PressSelectUntil(console, address, value, holdFrames, alternative);
        console.SoftReset();
    }

    /// <summary>Presses SELECT until the byte at <paramref name="address"/> shows the value (no soft reset).</summary>
    protected void PressSelectUntil(IGameConsole console, int address, int value, int holdFrames, int alternative = -1)
    {
        int presses = 0;
        while (true)
        {
            int current = console.Ram[address & 0x7F];
            if (current == value || (alternative >= 0 && current == alternative)) return;
            if (++presses > MaxSelectPresses)
                throw new InvalidOperationException(
                    $"{Name}: RAM ${address:X2} never showed mode value {value} after {MaxSelectPresses} SELECT presses.");
            console.PressSelect(holdFrames);
        }
    }
}
