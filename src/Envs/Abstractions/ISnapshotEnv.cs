namespace Rims.Envs;

/// <summary>
/// An environment that can save its whole state between steps and restore it into another instance built with
/// the same id and settings, so a resumed training run continues the same episodes bit-exactly (ALE's
/// cloneState/restoreState, extended to the wrappers). Envs without it resume with fresh episodes.
/// </summary>
public interface ISnapshotEnv
{
    /// <summary>Writes everything the next <see cref="IEnv.Step"/> or <see cref="IEnv.Reset"/> depends on.</summary>
    void SaveState(BinaryWriter writer);

    /// <summary>Restores a state written by <see cref="SaveState"/> of an env made with the same id and settings.</summary>
    /// <exception cref="InvalidDataException">The state belongs to another kind of env, game or layout.</exception>
    void LoadState(BinaryReader reader);
}
