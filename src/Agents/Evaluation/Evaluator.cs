using Rims.Agents.Runs;
using Rims.Envs;

namespace Rims.Agents.Evaluation;

/// <summary>Plays whole games (all lives) with a policy and collects raw scores, successes and RIMs activity.</summary>
public static class Evaluator
{
    /// <summary>Receives each frame of the first episode (RGB, height, width) and the active units at that step.</summary>
    public delegate void FrameSink(ReadOnlySpan<byte> rgb, int height, int width, ReadOnlySpan<int> activeUnits);

    /// <summary>Plays <see cref="EvalSettings.Episodes"/> games of <paramref name="env"/> with <paramref name="policy"/>.</summary>
    /// <param name="env">The env to play, freshly made; reset with <see cref="EvalSettings.Seed"/> before the first game.</param>
    /// <param name="policy">The policy acting it.</param>
    /// <param name="settings">What to play and how to label the result.</param>
    /// <param name="frames">Receives the first game's frames when <paramref name="env"/> can render (null: none).</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="EvalSettings.Episodes"/> is below 1.</exception>
    public static EvalResult Run(IEnv env, EvalPolicy policy, EvalSettings settings, FrameSink? frames = null)
    {
        int episodes = settings.Episodes;
        if (episodes < 1) throw new ArgumentOutOfRangeException(nameof(settings), episodes, "--episodes must be at least 1");
        var observation = new byte[env.ObservationSpec.Size];
        var returns = new double[episodes];
        var lengths = new int[episodes];
        var successes = new int[episodes];
        int units = policy.Units;
        var active = new int[units];
        var unitTotals = new double[units];
        long totalSteps = 0;
        var trace = units > 0 ? new List<int[]>() : null;
        var renderable = frames is not null ? env as IRenderableEnv : null;
        var rgb = renderable is null ? null : new byte[renderable.RenderHeight * renderable.RenderWidth * 3];

        EnvCall.Reset(env, observation, settings.Seed);
        policy.BeginEpisode();
        for (int episode = 0; episode < episodes; episode++)
        {
            double total = 0;
            int length = 0;
            sbyte success = -1;
            if (episode > 0)
            {
                EnvCall.Reset(env, observation);
                policy.BeginEpisode();
            }
            while (true)
            {
                if (episode == 0 && renderable is not null)
                {
                    renderable.RenderRgb(rgb);
                    frames!(rgb, renderable.RenderHeight, renderable.RenderWidth, active);
                }
                int action = policy.Act(observation, active);
                for (int k = 0; k < units; k++) unitTotals[k] += active[k];
                if (episode == 0) trace?.Add([.. active]);
                var result = EnvCall.Step(env, action, observation);
                total += result.Info.RawReward;
                length++;
                totalSteps++;
                if (result.Info.GameOver)
                {
                    success = result.Info.Success;
                    break;
                }
                if (result.Done)
                {
                    // A learner episode ended but the game goes on (a life lost): reset as training did.
                    EnvCall.Reset(env, observation);
                    policy.BeginEpisode();
                }
            }
            returns[episode] = total;
            lengths[episode] = length;
            successes[episode] = success;
        }

        var withSuccess = successes.Where(s => s >= 0).ToArray();
        double mean = returns.Average();
        return new EvalResult
        {
            Env = settings.EnvId,
            TrainEnv = settings.TrainEnv,
            Checkpoint = settings.CheckpointLabel,
            Episodes = episodes,
            Seed = settings.Seed,
            Deterministic = settings.Deterministic,
            Returns = returns,
            Lengths = lengths,
            Successes = successes,
            Mean = mean,
            Std = Statistics.Std(returns),
            Iqm = Statistics.InterquartileMean(returns),
            Min = returns.Min(),
            Max = returns.Max(),
            SuccessRate = withSuccess.Length == 0 ? null : withSuccess.Average(),
            UnitActivation = units > 0 ? unitTotals.Select(t => t / totalSteps).ToArray() : null,
            ActivationTrace = trace?.ToArray(),
        };
    }
}
