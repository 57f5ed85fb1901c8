using System.Text.RegularExpressions;

namespace Rims.Agents.Comparison.Slurm;

/// <summary>
/// The `--slurm-option KEY=VALUE` pass-through: sbatch long options (partition, time, mem, cpus-per-task, gres,
/// account, qos, ...) written as `#SBATCH --KEY=VALUE` lines. Options the backend sets itself are refused, since a
/// second value would silently change how tasks find their runs, log, requeue or chain to the report.
/// </summary>
public static partial class SbatchOptions
{
    /// <summary>sbatch options the generated scripts set themselves (see <see cref="SlurmScripts"/>).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "array", "job-name", "chdir", "output", "error", "open-mode", "requeue", "no-requeue", "signal", "dependency",
        "kill-on-invalid-dep", "parsable", "wrap",
    };

    /// <summary>
    /// Options that reserve GPUs: given to the training array only, never to the report job, which needs no GPU
    /// (sbatch's names: --gres, --gpus, --gpus-per-node, --gpus-per-task, --gpu-bind, ...).
    /// </summary>
    public static bool IsGpuOption(string key) => key == "gres" || key.StartsWith("gpu", StringComparison.Ordinal);

    /// <summary>Parses KEY=VALUE pairs in the order given.</summary>
    /// <exception cref="ArgumentException">A pair is malformed or names a reserved option (the message says which and why).</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> pairs)
    {
        var options = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals].TrimStart('-');
            if (equals < 0 || !KeyPattern().IsMatch(key) || equals == pair.Length - 1 || pair.AsSpan(equals + 1).ContainsAny('\n', '\r'))
                throw new ArgumentException($"--slurm-option '{pair}' must be KEY=VALUE with an sbatch long option as KEY, e.g. partition=gpu or time=2-00:00:00");
            if (Reserved.Contains(key))
                throw new ArgumentException($"--slurm-option {key}: the backend sets --{key} itself; leave it out");
            options.Add(new(key, pair[(equals + 1)..]));
        }
        return options;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex KeyPattern();
}
