namespace Rims.Agents.Ppo;

/// <summary>Generalised advantage estimation over a rollout laid out time-major, [T, N].</summary>
public static class Gae
{
    /// <summary>
    /// CleanRL's recursion. <paramref name="episodeStarts"/>[t, i] = 1 when observation t of env i began an
    /// episode (the step before it ended one), so the value after step t is cut by 1 - starts[t + 1], and after
    /// the last step by 1 - <paramref name="nextStarts"/>. Truncated episodes are bootstrapped by the caller,
    /// who adds gamma * V(final observation) to the reward of the truncating step.
    /// </summary>
    public static void Compute(
        int steps, int envs, float gamma, float lambda,
        ReadOnlySpan<float> rewards, ReadOnlySpan<float> values, ReadOnlySpan<float> episodeStarts,
        ReadOnlySpan<float> nextValues, ReadOnlySpan<float> nextStarts,
        Span<float> advantages, Span<float> returns)
    {
        int size = steps * envs;
        if (rewards.Length != size || values.Length != size || episodeStarts.Length != size ||
            advantages.Length != size || returns.Length != size || nextValues.Length != envs || nextStarts.Length != envs)
            throw new ArgumentException($"GAE buffers must hold steps x envs = {steps} x {envs} values");
        for (int i = 0; i < envs; i++)
        {
            float lastAdvantage = 0;
            for (int t = steps - 1; t >= 0; t--)
            {
                int index = t * envs + i;
                // Be careful about the index: the cut comes from whether the *next* observation starts an episode.
                float nextNonTerminal, nextValue;
                if (t == steps - 1)
                {
                    nextNonTerminal = 1f - nextStarts[i];
                    nextValue = nextValues[i];
                }
                else
                {
                    nextNonTerminal = 1f - episodeStarts[index + envs];
                    nextValue = values[index + envs];
                }
                float delta = rewards[index] + gamma * nextValue * nextNonTerminal - values[index];
                lastAdvantage = delta + gamma * lambda * nextNonTerminal * lastAdvantage;
                advantages[index] = lastAdvantage;
                returns[index] = lastAdvantage + values[index];
            }
        }
    }
}
