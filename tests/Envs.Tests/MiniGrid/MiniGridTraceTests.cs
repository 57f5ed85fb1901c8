using Rims.Envs.MiniGrid;
using Rims.Envs.MiniGrid.Verification;

namespace Rims.Envs.Tests.MiniGrid;

/// <summary>The reproduced envs against Minigrid 3.1.0's recorded episodes, every field of every step.</summary>
public class MiniGridTraceTests
{
    public static TheoryData<string> EnvIds => [.. MiniGridTraces.EnvIds];

    [Theory]
    [MemberData(nameof(EnvIds))]
    public void EveryRecordedEpisodeReplaysExactly(string envId)
    {
        var trace = MiniGridTraces.Of(envId);
        var report = MiniGridTraceVerifier.Verify(trace);
        Assert.True(report.IsExact, report.Summary());
        Assert.Equal(150, report.Episodes);
    }
}
