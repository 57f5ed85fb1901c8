namespace Rims.Envs.Atari.Emulation;

/// <summary>
/// A plain-ROM part of the 4K cartridge window: window offsets (address &amp; $FFF) below <paramref name="Limit"/> read
/// image[<paramref name="Base"/> + (offset &amp; <paramref name="Mask"/>)]. <paramref name="Limit"/> 0 means none.
/// </summary>
public readonly record struct DirectWindow(int Base, int Mask, int Limit);
