namespace Rims.Envs.Atari.Games;

/// <summary>
/// One game's ALE settings (ALE's RomSettings): identity, action sets, modes, and the per-frame reading of
/// score, reward, lives and terminal from RAM. Instances carry per-episode state; make one per environment.
/// </summary>
public abstract class AtariGame
{
    /// <summary>ROM file stem as in ../shared/roms, e.g. "demon_attack".</summary>
    public abstract string RomName { get; }

    /// <summary>CamelCase env name, e.g. "DemonAttack".</summary>
    public abstract string Name { get; }

    /// <summary>md5 (lower-case hex) of the supported ROM image(s).</summary>
    public abstract IReadOnlyList<string> Md5s { get; }

    /// <summary>Cartridge scheme as in roms/README.md: "2K", "4K", "F8", "F6", "E0" or "FE".</summary>
    public abstract string CartridgeType { get; }

    /// <summary>ALE's minimal action set, in ALE's order (the Discrete index maps into this list).</summary>
    public abstract IReadOnlyList<AleAction> MinimalActions { get; }

    /// <summary>Available game modes; the first is the default.</summary>
    public virtual IReadOnlyList<int> Modes => [0];

    /// <summary>Available difficulties; 0 is the default.</summary>
    public virtual IReadOnlyList<int> Difficulties => [0];

    /// <summary>Actions ALE plays once each at the end of every reset (e.g. Enduro: FIRE).</summary>
    public virtual IReadOnlyList<AleAction> StartingActions => [];

    /// <summary>The game is played with paddles (Pong, Breakout) rather than a joystick.</summary>
    public virtual bool UsesPaddles => false;

    /// <summary>Stella property Controller.SwapPaddles (Pong).</summary>
    public virtual bool SwapPaddles => false;

    /// <summary>Stella property Emulation.HmoveBlanks (true for all but Ms. Pac-Man and Asteroids).</summary>
    public virtual bool HmoveBlanks => true;

    /// <summary>Difficulty switches during power-on auto-detection from the ROM properties (Amidar: A/A).</summary>
    public virtual bool PowerOnDifficultyA => false;

    /// <summary>Reward of the last frame (score delta after game-specific tweaks).</summary>
    public int Reward { get; protected set; }

    /// <summary>The game is over.</summary>
    public bool Terminal { get; protected set; }

    /// <summary>Lives as ALE reports them (0 for games without lives).</summary>
    public int Lives { get; protected set; }

    /// <summary>Clears per-episode state (score 0, not terminal, initial lives).</summary>
    public abstract void Reset();

    /// <summary>Reads RAM after one emulated frame and updates Reward, Terminal and Lives.</summary>
    public abstract void Step(ReadOnlySpan<byte> ram);

    /// <summary>Selects <paramref name="mode"/> during reset (single-mode games do nothing).</summary>
    public virtual void SetMode(int mode, IGameConsole console) { }
}
