using System.Runtime.InteropServices;
using Rims.Agents.Ppo;

namespace Rims.Agents.Tests.Ppo;

/// <summary>What two run folders are compared by: their logs without wall-clock columns, and their final weights.</summary>
internal static class ComparableRunFiles
{
    /// <summary>progress.csv without the wall-clock columns (wall_seconds, charts/SPS), which no seed can fix.</summary>
    public static string[] DeterministicProgress(string runDirectory)
    {
        var lines = File.ReadAllLines(Path.Combine(runDirectory, "progress.csv"));
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        int wall = Array.IndexOf(header, "wall_seconds"), sps = Array.IndexOf(header, "charts/SPS");
        Assert.True(wall >= 0 && sps >= 0);
        return lines.Select(l => string.Join(',', l.TrimStart('\uFEFF').Split(',').Where((_, i) => i != wall && i != sps))).ToArray();
    }

    /// <summary>episodes.csv, line by line.</summary>
    public static string[] Episodes(string runDirectory) =>
        File.ReadAllLines(Path.Combine(runDirectory, "episodes.csv")).Select(l => l.TrimStart('\uFEFF')).ToArray();

    /// <summary>The bytes of every parameter of the run's final policy, in order.</summary>
    public static byte[][] FinalWeights(string runDirectory)
    {
        var checkpoint = Path.Combine(runDirectory, "checkpoints", "final.ckpt");
        var config = Checkpoint.ReadHeader(checkpoint).Config;
        using var envs = PpoRun.MakeEnvs(config with { NumEnvs = 1 });
        using var policy = PolicyFactory.Create(config, envs.Spec, envs.ActionCount);
        Checkpoint.LoadPolicy(checkpoint, policy);
        return policy.parameters().Select(p => MemoryMarshal.AsBytes(p.data<float>().ToArray().AsSpan()).ToArray()).ToArray();
    }

    /// <summary>Asserts that two runs logged the same iterations and episodes and ended with bitwise-equal weights.</summary>
    public static void AssertSameRun(string expected, string actual)
    {
        Assert.Equal(DeterministicProgress(expected), DeterministicProgress(actual));
        Assert.Equal(Episodes(expected), Episodes(actual));
        var (a, b) = (FinalWeights(expected), FinalWeights(actual));
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(a[i].AsSpan().SequenceEqual(b[i]), $"parameter {i} differs");
    }
}
