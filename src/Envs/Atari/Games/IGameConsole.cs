namespace Rims.Envs.Atari.Games;

/// <summary>
/// What a game's mode selection may do to the console during ALE's reset (A.3 step 6 of ALE-NOTES.md).
/// Implemented by the ALE layer; used by <see cref="AtariGame.SetMode"/>.
/// </summary>
public interface IGameConsole
{
    /// <summary>RAM $80..$FF as 128 bytes (index = address &amp; 0x7F), as of the last emulated frame.</summary>
    ReadOnlySpan<byte> Ram { get; }

    /// <summary>
    /// One SELECT press: <paramref name="heldFrames"/> frames with SELECT held (the game's Step is not called),
    /// then one NOOP frame (Step is called). Adds 1 to the global and episode frame numbers.
    /// </summary>
    void PressSelect(int heldFrames);

    /// <summary>A soft reset: 4 frames with the RESET switch held, the game's Step called after each.</summary>
    void SoftReset();

    /// <summary>One agent-style act() of one frame (sticky-action RNG draws included), as Double Dunk's menu needs.</summary>
    void Act(AleAction action);
}
