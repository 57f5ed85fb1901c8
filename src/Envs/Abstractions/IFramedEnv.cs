namespace Rims.Envs;

/// <summary>
/// An env whose one agent step spans several emulator frames (Atari with frame skip). Logs report agent
/// steps and frames; envs without this interface count one frame per step.
/// </summary>
public interface IFramedEnv
{
    /// <summary>Emulator frames per agent step.</summary>
    int FramesPerStep { get; }
}
