namespace Rims.Envs.Atari.Games;

/// <summary>
/// A game's use of ALE's common mode routine: press SELECT until a RAM byte shows the mode's value, then soft-reset
/// (<see cref="RamGame.SelectUntil"/>). The address and hold time are ALE's per-game facts (its RomSettings' setMode).
/// </summary>
/// <param name="Address">6507 address of the RAM byte that shows the selected mode.</param>
/// <param name="HoldFrames">Frames SELECT is held per press.</param>
/// <param name="TitleScreenOffset">For games whose title screen shows the mode plus an offset: the offset, so either
/// value ends the presses (null: none).</param>
public sealed record ModeSelection(int Address, int HoldFrames, int? TitleScreenOffset = null);
