namespace Rims.Envs.Atari;

/// <summary>ALE's action ids (the full 18-action joystick set). Minimal action sets are subsets of these.</summary>
// The member names are ALE's own Action names (ale/common/Constants.h, PLAYER_A_*), each the joystick direction and
// fire button it presses; a doc line per member would only repeat the name.
#pragma warning disable CS1591
public enum AleAction
{
    Noop = 0, Fire = 1, Up = 2, Right = 3, Left = 4, Down = 5,
    UpRight = 6, UpLeft = 7, DownRight = 8, DownLeft = 9,
    UpFire = 10, RightFire = 11, LeftFire = 12, DownFire = 13,
    UpRightFire = 14, UpLeftFire = 15, DownRightFire = 16, DownLeftFire = 17,
}
#pragma warning restore CS1591
