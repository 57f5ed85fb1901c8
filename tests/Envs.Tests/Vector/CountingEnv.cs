namespace Rims.Envs.Tests.Vector;

/// <summary>
/// A test env whose observation is [episode number, step in episode] and whose episode ends after a fixed
/// number of steps, by termination or truncation. Reward = the action taken; the game is over every
/// livesPerGame learner episodes (to mimic episodic life).
/// </summary>
internal sealed class CountingEnv(int episodeLength, bool truncate = false, int livesPerGame = 1) : IEnv
{
    private byte episode;
    private byte step;
    private int livesLost;

    public ObservationSpec ObservationSpec { get; } = new(new ObservationPart("counters", [2]));
    public int ActionCount => 3;
    public IReadOnlyList<string> ActionNames { get; } = ["zero", "one", "two"];
    public int? LastSeed { get; private set; }
    public int Resets { get; private set; }

    public void Reset(Span<byte> observation, int? seed = null)
    {
        if (seed is not null) LastSeed = seed;
        Resets++;
        episode++;
        step = 0;
        Write(observation);
    }

    public StepResult Step(int action, Span<byte> observation)
    {
        step++;
        Write(observation);
        bool ended = step >= episodeLength;
        bool gameOver = false;
        if (ended && ++livesLost >= livesPerGame)
        {
            gameOver = true;
            livesLost = 0;
        }
        return new StepResult(action, ended && !truncate, ended && truncate,
            new StepInfo(action * 10, gameOver, gameOver ? (sbyte)1 : (sbyte)-1));
    }

    private void Write(Span<byte> observation)
    {
        observation[0] = episode;
        observation[1] = step;
    }

    public void Dispose() { }
}
