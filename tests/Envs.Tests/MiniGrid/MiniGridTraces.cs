using Rims.Envs.MiniGrid.Verification;

namespace Rims.Envs.Tests.MiniGrid;

/// <summary>The shared MiniGrid reference traces, each file read once per test run.</summary>
internal static class MiniGridTraces
{
    /// <summary>The five recorded env ids.</summary>
    public static readonly string[] EnvIds =
        ["BabyAI-PickupDist-v0", "BabyAI-PickupDistDebug-v0", "MiniGrid-Fetch-5x5-N2-v0", "MiniGrid-Fetch-6x6-N2-v0", "MiniGrid-Fetch-8x8-N3-v0"];

    private static readonly Dictionary<string, Lazy<MiniGridTrace>> Cache =
        EnvIds.ToDictionary(id => id, id => new Lazy<MiniGridTrace>(() => MiniGridTrace.Read(PathOf(id))));

    /// <summary>The trace file of <paramref name="envId"/> (seeds 0..149).</summary>
    public static string PathOf(string envId) => TestData.File(TestData.MiniGridTracesDirectory, $"{envId}.seeds-0-149.jsonl.gz");

    /// <summary>The parsed trace of <paramref name="envId"/>.</summary>
    public static MiniGridTrace Of(string envId) => Cache[envId].Value;
}
