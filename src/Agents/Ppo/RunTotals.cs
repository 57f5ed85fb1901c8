using Rims.Envs.Vector;

namespace Rims.Agents.Ppo;

/// <summary>
/// The whole-run figures summary.json reports, carried by every checkpoint so a resumed run's summary covers the
/// run from its start, not from the resume.
/// </summary>
/// <param name="WallSeconds">Training wall-clock time so far, in seconds.</param>
/// <param name="Episodes">Statistics episodes (whole games) finished so far.</param>
/// <param name="RecentEpisodes">The last (up to 100) of them, oldest first.</param>
/// <param name="UnitActivationSums">Per RIMs unit, the sum over iterations of its active fraction (empty for other cores).</param>
public sealed record RunTotals(double WallSeconds, long Episodes, IReadOnlyList<EpisodeEnd> RecentEpisodes, double[] UnitActivationSums);
