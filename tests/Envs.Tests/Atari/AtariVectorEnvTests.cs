using Rims.Envs.Atari;
using Rims.Envs.Vector;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// The vectorised env on real Atari envs: stepping on worker threads (preprocessing included) writes the same batch
/// as stepping the envs one after the other, and episode statistics are raw whole-game scores.
/// </summary>
public class AtariVectorEnvTests
{
    private const int Envs = 4;

    private static IEnv MakeEnv(string id, params (string Key, string Value)[] options) =>
        EnvRegistry.Default.Make(id, new EnvSettings
        {
            RomsDirectory = TestData.RomsDirectory,
            Options = options.ToDictionary(o => o.Key, o => o.Value),
        });

    // A 100-step game limit (400 frames) makes every env truncate and auto-reset a few times within the test.
    private static readonly (string, string)[] ShortGames = [("max-episode-frames", "400")];

    [Fact]
    public void SteppingOnTwoThreadsWritesTheSameBatchAsSteppingTheEnvsOneByOne()
    {
        const int steps = 200, seed = 21;
        using var vector = new VectorEnv([.. Enumerable.Range(0, Envs).Select(_ => MakeEnv("DemonAttack", ShortGames))], threads: 2);
        Assert.Equal(2, vector.ThreadCount);
        var reference = Enumerable.Range(0, Envs).Select(_ => MakeEnv("DemonAttack", ShortGames)).ToArray();
        try
        {
            int size = vector.Spec.Size;
            Assert.Equal(4 * 84 * 84, size);
            var observations = new byte[Envs * size];
            var finals = new byte[Envs * size];
            vector.Reset(seed);
            for (int i = 0; i < Envs; i++) reference[i].Reset(observations.AsSpan(i * size, size), seed + i);
            Assert.Equal(observations, vector.Observations);

            var random = new Random(4);
            var actions = new int[Envs];
            int truncations = 0, terminations = 0, gameEnds = 0;
            var rawReturns = new double[Envs];
            for (int t = 0; t < steps; t++)
            {
                for (int i = 0; i < Envs; i++) actions[i] = random.Next(vector.ActionCount);
                vector.Step(actions);
                var expectedEnds = new List<EpisodeEnd>();
                for (int i = 0; i < Envs; i++)
                {
                    var observation = observations.AsSpan(i * size, size);
                    var result = reference[i].Step(actions[i], observation);
                    Assert.Equal(result.Reward, vector.Rewards[i]);
                    Assert.Equal(result.Terminated, vector.Terminated[i]);
                    Assert.Equal(result.Truncated, vector.Truncated[i]);
                    Assert.Equal(result.Info, vector.Infos[i]);
                    rawReturns[i] += result.Info.RawReward;
                    if (result.Info.GameOver)
                    {
                        expectedEnds.Add(new EpisodeEnd(i, rawReturns[i], -1, -1));
                        rawReturns[i] = 0;
                        gameEnds++;
                    }
                    if (result.Done)
                    {
                        // Auto-reset in the same step: the batch holds the next episode's first observation.
                        observation.CopyTo(finals.AsSpan(i * size, size));
                        reference[i].Reset(observation);
                        if (result.Truncated) truncations++;
                        if (result.Terminated) terminations++;
                    }
                }
                Assert.True(observations.AsSpan().SequenceEqual(vector.Observations), $"step {t}: observation batch differs");
                Assert.True(finals.AsSpan().SequenceEqual(vector.FinalObservations), $"step {t}: final observations differ");
                var ended = vector.FinishedEpisodes.ToArray();
                Assert.Equal(expectedEnds.Select(e => (e.EnvIndex, e.Return)), ended.Select(e => (e.EnvIndex, e.Return)));
            }
            // The comparison covered auto-resets after time limits and after lost lives / game ends.
            Assert.True(truncations >= Envs, $"only {truncations} truncations");
            Assert.True(gameEnds >= Envs, $"only {gameEnds} finished games");
            Assert.True(terminations + truncations > 0);
        }
        finally
        {
            foreach (var env in reference) env.Dispose();
        }
    }

    [Fact]
    public void EpisodeStatisticsAreTheRawWholeGameScoreNotTheClippedLearnerReward()
    {
        // A whole game of DemonAttack under a random policy: the learner's episodes end at every lost life and its
        // rewards are clipped to +-1, while the statistics episode spans all lives and sums the points the game paid.
        const int envs = 2, maxSteps = 30_000;
        using var vector = new VectorEnv([.. Enumerable.Range(0, envs).Select(_ => MakeEnv("DemonAttack"))], threads: 2);
        vector.Reset(5);
        var random = new Random(6);
        var actions = new int[envs];
        var raw = new double[envs];
        var clipped = new double[envs];
        var lengths = new int[envs];
        var learnerEpisodes = new int[envs];
        bool sawRewardAboveOne = false;
        EpisodeEnd? ended = null;
        for (int t = 0; t < maxSteps && ended is null; t++)
        {
            for (int i = 0; i < envs; i++) actions[i] = random.Next(vector.ActionCount);
            vector.Step(actions);
            for (int i = 0; i < envs; i++)
            {
                raw[i] += vector.Infos[i].RawReward;
                clipped[i] += vector.Rewards[i];
                lengths[i]++;
                // The learner's reward is clipped to its sign (score paid inside a reset shows only in RawReward).
                Assert.Contains(vector.Rewards[i], new[] { -1f, 0f, 1f });
                sawRewardAboveOne |= vector.Infos[i].RawReward > 1;
                if (vector.Terminated[i] || vector.Truncated[i]) learnerEpisodes[i]++;
            }
            foreach (var episode in vector.FinishedEpisodes)
            {
                ended = episode;
                int i = episode.EnvIndex;
                Assert.True(vector.Infos[i].GameOver);
                Assert.Equal(raw[i], episode.Return);
                Assert.Equal(lengths[i], episode.Length);
                Assert.True(episode.Return > clipped[i], $"return {episode.Return} is not above the clipped sum {clipped[i]}");
                // DemonAttack has several lives: the learner saw several episodes inside this one game.
                Assert.True(learnerEpisodes[i] > 1, $"only {learnerEpisodes[i]} learner episodes in a whole game");
                Assert.False(vector.Truncated[i], "the game was cut by the 108,000-frame limit, not ended");
            }
        }
        Assert.True(ended is not null, $"no DemonAttack game ended within {maxSteps} random steps");
        Assert.True(sawRewardAboveOne);
    }
}
