namespace Rims.Envs.Vector;

/// <summary>
/// A finished episode as statistics see it: the whole game (all lives), the raw unclipped return, the length
/// in agent steps, and success where the task has the notion (-1 otherwise).
/// </summary>
public readonly record struct EpisodeEnd(int EnvIndex, double Return, int Length, sbyte Success);
