using Rims.Envs.Vector;

namespace Rims.Agents.Ppo;

/// <summary>A sliding window over the last finished episodes, for the progress display and the summary.</summary>
public sealed class RecentEpisodes(int capacity = 100)
{
    private readonly Queue<EpisodeEnd> window = new();

    /// <summary>Episodes seen in total.</summary>
    public long Count { get; private set; }

    /// <summary>The window, oldest first.</summary>
    public IReadOnlyList<EpisodeEnd> Window => [.. window];

    /// <summary>A tracker that continues from a saved <see cref="Count"/> and <see cref="Window"/> (a resumed run).</summary>
    public static RecentEpisodes Continue(long count, IEnumerable<EpisodeEnd> window)
    {
        var recent = new RecentEpisodes();
        foreach (var episode in window) recent.Add(episode);
        recent.Count = count;
        return recent;
    }

    /// <summary>Adds a finished episode.</summary>
    public void Add(EpisodeEnd episode)
    {
        window.Enqueue(episode);
        if (window.Count > capacity) window.Dequeue();
        Count++;
    }

    /// <summary>Mean raw return over the window (NaN when empty).</summary>
    public double MeanReturn => window.Count == 0 ? double.NaN : window.Average(e => e.Return);

    /// <summary>Success rate over the window's episodes that have the notion (null when none has).</summary>
    public double? SuccessRate
    {
        get
        {
            var withSuccess = window.Where(e => e.Success >= 0).ToList();
            return withSuccess.Count == 0 ? null : withSuccess.Average(e => (double)e.Success);
        }
    }
}
