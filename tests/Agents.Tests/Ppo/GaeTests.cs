using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Ppo;

public class GaeTests
{
    [Fact]
    public void MatchesAHandComputedRolloutWithAnEpisodeBoundary()
    {
        // One env, 3 steps; observation 2 starts a new episode (step 1 ended one).
        float gamma = 0.9f, lambda = 0.5f;
        float[] rewards = [1, 2, 3], values = [0.5f, 1, 2], starts = [0, 0, 1];
        float[] advantages = new float[3], returns = new float[3];
        Gae.Compute(3, 1, gamma, lambda, rewards, values, starts, [4f], [0f], advantages, returns);
        float d2 = 3 + 0.9f * 4 - 2;                 // bootstrapped from the next value
        float d1 = 2 + 0 - 1;                        // cut: the next observation starts an episode
        float d0 = 1 + 0.9f * 1 - 0.5f;
        float a2 = d2, a1 = d1, a0 = d0 + gamma * lambda * a1;
        Assert.Equal([a0, a1, a2], advantages, (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal([a0 + 0.5f, a1 + 1, a2 + 2], returns, (x, y) => Math.Abs(x - y) < 1e-5);
    }

    [Fact]
    public void EnvsAreIndependentAndADoneAfterTheLastStepCutsTheBootstrap()
    {
        float[] rewards = [1, 1, 1, 1], values = [0, 0, 0, 0], starts = [0, 0, 0, 0];
        float[] advantages = new float[4], returns = new float[4];
        // Time-major [T=2, N=2]; env 1's episode ended at the last step.
        Gae.Compute(2, 2, 1f, 1f, rewards, values, starts, [10f, 10f], [0f, 1f], advantages, returns);
        Assert.Equal([12f, 2f, 11f, 1f], advantages);
    }

    [Fact]
    public void RejectsBuffersOfTheWrongSize() =>
        Assert.Throws<ArgumentException>(() => Gae.Compute(2, 2, 1, 1, new float[3], new float[4], new float[4],
            new float[2], new float[2], new float[4], new float[4]));
}
