using System.Globalization;
using Rims.Envs.GridWorld;
using Rims.Envs.NumpyRandom;

namespace Rims.Envs.MiniGrid.Verification;

/// <summary>
/// Replays MiniGrid reference traces: per episode, seeds and resets the env built for the trace's id, compares the
/// generator state after seeding and after reset, the grid, the agent's pose, the mission and the first observation,
/// then takes the recorded actions and compares every field of every step (image, direction, reward to the last bit
/// of its double, terminated, truncated, pose, carried object, step count).
/// </summary>
public static class MiniGridTraceVerifier
{
    /// <summary>Replays every episode of <paramref name="trace"/> with envs from <paramref name="registry"/> (default: the built-in one).</summary>
    /// <exception cref="InvalidDataException">The trace's env id is not a MiniGrid env here.</exception>
    public static MiniGridTraceReport Verify(MiniGridTrace trace, EnvRegistry? registry = null)
    {
        registry ??= EnvRegistry.Default;
        if (!registry.Contains(trace.EnvId))
            throw new InvalidDataException($"MiniGrid trace {trace.Path}: env '{trace.EnvId}' is not registered here (the `envs` verb lists the ids).");
        using var made = registry.Make(trace.EnvId);
        if (made is not MiniGridEnv env)
            throw new InvalidDataException($"MiniGrid trace {trace.Path}: env '{trace.EnvId}' is not a MiniGrid env.");
        int matched = 0;
        MiniGridMismatch? first = null;
        foreach (var episode in trace.Episodes)
        {
            var mismatch = VerifyEpisode(env, episode);
            if (mismatch is null) matched++;
            else first ??= mismatch;
        }
        return new MiniGridTraceReport(trace.Path, trace.EnvId, trace.Episodes.Count, matched, first);
    }

    /// <summary>Replays one episode on <paramref name="env"/>; null when every field matches, else the first mismatch.</summary>
    public static MiniGridMismatch? VerifyEpisode(MiniGridEnv env, MiniGridTraceEpisode episode)
    {
        int seed = episode.Seed;
        var seeded = new NumpyGenerator(seed).BitGenerator.State;
        if (seeded != episode.RngAfterSeeding) return new(seed, 0, "rng_after_seeding", episode.RngAfterSeeding.ToString(), seeded.ToString());

        var observation = new byte[env.ObservationSpec.Size];
        env.Reset(observation, seed);
        var header = CompareReset(env, episode);
        if (header is not null) return header;

        foreach (var step in episode.Steps)
        {
            if (step.Action is { } action)
            {
                var result = env.Step(action, observation);
                if (step.Reward is not { } reward) return new(seed, step.T, "reward", "null", Number(env.LastReward));
                if (BitConverter.DoubleToInt64Bits(env.LastReward) != BitConverter.DoubleToInt64Bits(reward))
                    return new(seed, step.T, "reward", Number(reward), Number(env.LastReward));
                if (result.Terminated != step.Terminated) return new(seed, step.T, "terminated", Flag(step.Terminated), Flag(result.Terminated));
                if (result.Truncated != step.Truncated) return new(seed, step.T, "truncated", Flag(step.Truncated), Flag(result.Truncated));
            }
            else if (step.T != 0)
            {
                return new(seed, step.T, "action", "an action", "null");
            }
            var mismatch = CompareState(env, observation, seed, step);
            if (mismatch is not null) return mismatch;
        }
        return null;
    }

    private static MiniGridMismatch? CompareReset(MiniGridEnv env, MiniGridTraceEpisode episode)
    {
        int seed = episode.Seed;
        if ((env.Grid.Width, env.Grid.Height) != (episode.Width, episode.Height))
            return new(seed, 0, "width x height", $"{episode.Width} x {episode.Height}", $"{env.Grid.Width} x {env.Grid.Height}");
        if (env.MaxSteps != episode.MaxSteps) return new(seed, 0, "max_steps", Int(episode.MaxSteps), Int(env.MaxSteps));
        if (env.SeeThroughWalls != episode.SeeThroughWalls)
            return new(seed, 0, "see_through_walls", Flag(episode.SeeThroughWalls), Flag(env.SeeThroughWalls));
        for (int x = 0; x < episode.Width; x++)
            for (int y = 0; y < episode.Height; y++)
            {
                var cell = env.Grid[x, y];
                int o = (x * episode.Height + y) * 3;
                var expected = (episode.Grid[o], episode.Grid[o + 1], episode.Grid[o + 2]);
                var actual = ((byte)cell.Type, cell.IsEmpty ? (byte)0 : (byte)cell.Color, cell.State);
                if (expected != actual) return new(seed, 0, $"grid[{x}][{y}]", Triple(expected), Triple(actual));
            }
        if (env.AgentPosition != episode.AgentPosition) return new(seed, 0, "agent_pos", Position(episode.AgentPosition), Position(env.AgentPosition));
        if (env.AgentDirection != episode.AgentDirection) return new(seed, 0, "agent_dir", Int(episode.AgentDirection), Int(env.AgentDirection));
        if (env.MissionText != episode.Mission) return new(seed, 0, "mission", $"\"{episode.Mission}\"", $"\"{env.MissionText}\"");
        var state = env.Random.BitGenerator.State;
        if (state != episode.RngAfterReset) return new(seed, 0, "rng_after_reset", episode.RngAfterReset.ToString(), state.ToString());
        return null;
    }

    private static MiniGridMismatch? CompareState(MiniGridEnv env, byte[] observation, int seed, MiniGridTraceStep step)
    {
        var image = observation.AsSpan(0, MiniGridEnv.ImageSize);
        for (int x = 0; x < Grid.ViewSize; x++)
            for (int y = 0; y < Grid.ViewSize; y++)
            {
                int o = (x * Grid.ViewSize + y) * 3;
                var expected = (step.Image[o], step.Image[o + 1], step.Image[o + 2]);
                var actual = (image[o], image[o + 1], image[o + 2]);
                if (expected != actual) return new(seed, step.T, $"image[{x},{y}]", Triple(expected), Triple(actual));
            }
        int direction = observation[MiniGridEnv.ImageSize];
        if (direction != step.Direction) return new(seed, step.T, "direction", Int(step.Direction), Int(direction));
        if (env.AgentPosition != step.AgentPosition) return new(seed, step.T, "agent_pos", Position(step.AgentPosition), Position(env.AgentPosition));
        if (env.AgentDirection != step.AgentDirection) return new(seed, step.T, "agent_dir", Int(step.AgentDirection), Int(env.AgentDirection));
        if (env.Carrying != step.Carrying) return new(seed, step.T, "carrying", Carried(step.Carrying), Carried(env.Carrying));
        if (env.StepCount != step.StepCount) return new(seed, step.T, "step_count", Int(step.StepCount), Int(env.StepCount));
        return null;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Position((int X, int Y) p) => $"[{p.X}, {p.Y}]";

    private static string Triple((byte, byte, byte) t) => $"({t.Item1}, {t.Item2}, {t.Item3})";

    private static string Carried(Cell? cell) =>
        cell is { } c ? $"{MiniGridNames.Name(c.Color)} {MiniGridNames.Name(c.Type)}" : "nothing";
}
