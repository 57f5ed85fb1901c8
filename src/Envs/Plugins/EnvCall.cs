using System.Runtime.Loader;

namespace Rims.Envs;

/// <summary>
/// Calls an env's <see cref="IEnv.Reset"/> and <see cref="IEnv.Step"/> for the loops that drive envs (the vector env,
/// the evaluator). An exception thrown by an env a plugin declares (its type loaded from an --env-assembly) is the
/// plugin's to fix, so it comes out as an <see cref="IOException"/> naming the env type, the plugin file and the call,
/// which the CLI reports as a bad input file (exit 1) rather than as Rims' own internal error. Exceptions of Rims' own
/// envs pass through unchanged. A reward that is not a finite number is refused whatever the env. Costs next to nothing.
/// </summary>
public static class EnvCall
{
    /// <summary>Calls <paramref name="env"/>.Reset(<paramref name="observation"/>, <paramref name="seed"/>).</summary>
    /// <exception cref="IOException">A plugin env threw; the original exception is the inner one.</exception>
    public static void Reset(IEnv env, Span<byte> observation, int? seed = null)
    {
        try
        {
            env.Reset(observation, seed);
        }
        catch (Exception e) when (PluginOf(env) is { } plugin && e is not OperationCanceledException)
        {
            throw Blamed(env, plugin, nameof(IEnv.Reset), e);
        }
    }

    /// <summary>Calls <paramref name="env"/>.Step(<paramref name="action"/>, <paramref name="observation"/>).</summary>
    /// <exception cref="IOException">A plugin env threw; the original exception is the inner one.</exception>
    /// <exception cref="InvalidDataException">The env returned a reward that is not a finite number.</exception>
    public static StepResult Step(IEnv env, int action, Span<byte> observation)
    {
        StepResult result;
        try
        {
            result = env.Step(action, observation);
        }
        catch (Exception e) when (PluginOf(env) is { } plugin && e is not OperationCanceledException)
        {
            throw Blamed(env, plugin, nameof(IEnv.Step), e);
        }
        // A NaN reward would otherwise surface updates later as libtorch's "probability tensor contains either inf, nan"
        // with its native stack, blaming nothing.
        if (!float.IsFinite(result.Reward) || !float.IsFinite(result.Info.RawReward))
            throw new InvalidDataException($"env {env.GetType().Name}{(PluginOf(env) is { } from ? $" from plugin {from}" : "")} returned a reward that is not " +
                                           $"a finite number from Step (reward {result.Reward}, raw {result.Info.RawReward}); an env's rewards must be finite");
        return result;
    }

    /// <summary>The plugin file <paramref name="env"/>'s type was loaded from, or null for an env of Rims or of the host program.</summary>
    public static string? PluginOf(IEnv env) =>
        AssemblyLoadContext.GetLoadContext(env.GetType().Assembly) is EnvPluginLoadContext plugin ? plugin.AssemblyPath : null;

    private static IOException Blamed(IEnv env, string plugin, string call, Exception e) =>
        new($"env {env.GetType().Name} from plugin {plugin} failed in {call}: {e.Message} ({e.GetType().Name}; the plugin's code threw it)", e);
}
