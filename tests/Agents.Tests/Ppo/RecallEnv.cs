using Rims.Envs;

namespace Rims.Agents.Tests.Ppo;

/// <summary>
/// A memory task small enough for unit tests: the first observation shows a cue (one of two), the next
/// <c>delay</c> observations are blank, and on the last step the action must name the cue (reward 1 and
/// success) — impossible without carrying the cue in the recurrent state.
/// </summary>
internal sealed class RecallEnv(int delay = 3) : IEnv
{
    private Random random = new(0);
    private int cue;
    private int step;

    public ObservationSpec ObservationSpec { get; } = new(new ObservationPart("signal", [3]));
    public int ActionCount => 2;
    public IReadOnlyList<string> ActionNames { get; } = ["first", "second"];

    public void Reset(Span<byte> observation, int? seed = null)
    {
        if (seed is { } s) random = new Random(s);
        cue = random.Next(2);
        step = 0;
        observation.Clear();
        observation[cue] = 255;
    }

    public StepResult Step(int action, Span<byte> observation)
    {
        step++;
        observation.Clear();
        if (step <= delay)
        {
            observation[2] = (byte)(step == delay ? 255 : 0);
            return new StepResult(0, false, false, new StepInfo(0, false));
        }
        bool success = action == cue;
        float reward = success ? 1 : 0;
        return new StepResult(reward, true, false, new StepInfo(reward, true, success ? (sbyte)1 : (sbyte)0));
    }

    public void Dispose() { }
}
