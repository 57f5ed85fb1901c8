namespace Rims.Envs.MiniGrid.Verification;

/// <summary>The result of replaying one trace file: episodes matched out of total, and the first mismatch.</summary>
/// <param name="Path">The trace file.</param>
/// <param name="EnvId">The env id replayed.</param>
/// <param name="Episodes">Episodes in the file.</param>
/// <param name="MatchedEpisodes">Episodes that matched on every field of every step.</param>
/// <param name="FirstMismatch">The first mismatch in file order, or null.</param>
public sealed record MiniGridTraceReport(string Path, string EnvId, int Episodes, int MatchedEpisodes, MiniGridMismatch? FirstMismatch)
{
    /// <summary>Every episode matched.</summary>
    public bool IsExact => MatchedEpisodes == Episodes;

    /// <summary>One line, plus a line naming the first mismatch when there is one.</summary>
    public string Summary() =>
        $"{System.IO.Path.GetFileName(Path)} ({EnvId}): {MatchedEpisodes}/{Episodes} episodes match" +
        (FirstMismatch is { } m ? $"\n  first mismatch: {m}" : "") + "\n";
}
