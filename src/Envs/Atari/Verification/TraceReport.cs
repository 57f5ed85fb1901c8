using System.Globalization;
using System.Text;

namespace Rims.Envs.Atari.Verification;

/// <summary>What a trace comparison checks. The last five are debug aids (how the emulator cut the frame).</summary>
public enum TraceField
{
    /// <summary>The 128 RAM bytes.</summary>
    Ram,

    /// <summary>md5 of the 210x160 palette-index screen.</summary>
    Screen,

    /// <summary>act()'s reward.</summary>
    Reward,

    /// <summary>lives().</summary>
    Lives,

    /// <summary>game_over().</summary>
    GameOver,

    /// <summary>getFrameNumber().</summary>
    FrameNumber,

    /// <summary>getEpisodeFrameNumber().</summary>
    EpisodeFrameNumber,

    /// <summary>Frames a reset_game() emulated, and its change of the frame number.</summary>
    ResetFrames,

    /// <summary>Debug aid: scanlines of the last frame.</summary>
    Scanlines,

    /// <summary>Debug aid: CPU cycles of the last frame.</summary>
    CpuCycles,

    /// <summary>Debug aid: program counter at the end of the last frame.</summary>
    Pc,

    /// <summary>Debug aid: cartridge bank.</summary>
    Bank,

    /// <summary>Debug aid: whether the frame was cut by the instruction cap.</summary>
    PartialFrame,
}

/// <summary>One disagreement between the emulator and a trace: where, which field (a RAM byte names its address), both values.</summary>
/// <param name="Where">"loadROM", "t=123" or "reset after t=123".</param>
/// <param name="Frame">Frame index t (-1 = the state right after loadROM; a reset counts to the frame it follows).</param>
/// <param name="Field">The field as in the trace files, e.g. "ram $F2", "screen_md5", "lives", or "reset state: lives".</param>
/// <param name="Expected">The trace's (real ALE's) value.</param>
/// <param name="Actual">The emulator's value.</param>
public sealed record TraceMismatch(string Where, int Frame, string Field, string Expected, string Actual)
{
    /// <summary>"t=12, field ram $F2: expected $03, got $01".</summary>
    public override string ToString() => $"{Where}, field {Field}: expected {Expected}, got {Actual}";
}

/// <summary>The comparison of one field over a whole replay.</summary>
public sealed class FieldComparison
{
    internal FieldComparison(TraceField field) => Field = field;

    /// <summary>The field.</summary>
    public TraceField Field { get; }

    /// <summary>The field's name as in the trace files.</summary>
    public string Name => NameOf(Field);

    /// <summary>True for the debug aids (not part of the ALE API).</summary>
    public bool IsDebugAid => Field >= TraceField.Scanlines;

    /// <summary>Records compared.</summary>
    public int Compared { get; private set; }

    /// <summary>Records that matched.</summary>
    public int Matched { get; private set; }

    /// <summary>Records that did not match.</summary>
    public int Mismatched => Compared - Matched;

    /// <summary>The first record that did not match, or null.</summary>
    public TraceMismatch? FirstMismatch { get; private set; }

    /// <summary>Counts one record; on the first mismatch keeps what <paramref name="describe"/> says about it.</summary>
    internal void Record(bool match, Func<TraceMismatch> describe)
    {
        Compared++;
        if (match) Matched++;
        else FirstMismatch ??= describe();
    }

    /// <summary>The name of <paramref name="field"/> as in the trace files.</summary>
    public static string NameOf(TraceField field) => field switch
    {
        TraceField.Ram => "ram",
        TraceField.Screen => "screen_md5",
        TraceField.Reward => "reward",
        TraceField.Lives => "lives",
        TraceField.GameOver => "game_over",
        TraceField.FrameNumber => "frame_number",
        TraceField.EpisodeFrameNumber => "episode_frame_number",
        TraceField.ResetFrames => "emulated_frames",
        TraceField.Scanlines => "scanlines",
        TraceField.CpuCycles => "cpu_cycles",
        TraceField.Pc => "pc",
        TraceField.Bank => "bank",
        _ => "partial_frame",
    };
}

/// <summary>The result of replaying one trace.</summary>
public sealed class TraceReport
{
    internal TraceReport(string game, string path, IReadOnlyList<FieldComparison> fields, int frames, int framesMatched,
                         int framesInTrace, bool initialStateMatches, bool headerLivesCompared, int resets, TraceMismatch? firstMismatch,
                         string? screenDiff)
    {
        HeaderLivesCompared = headerLivesCompared;
        Game = game;
        TracePath = path;
        Fields = fields;
        FramesReplayed = frames;
        FramesMatched = framesMatched;
        FramesInTrace = framesInTrace;
        InitialStateMatches = initialStateMatches;
        Resets = resets;
        FirstMismatch = firstMismatch;
        FirstSampledScreenDiff = screenDiff;
    }

    /// <summary>The trace's game id.</summary>
    public string Game { get; }

    /// <summary>The trace file replayed.</summary>
    public string TracePath { get; }

    /// <summary>Every field's comparison, in <see cref="TraceField"/> order.</summary>
    public IReadOnlyList<FieldComparison> Fields { get; }

    /// <summary>act() frames replayed.</summary>
    public int FramesReplayed { get; }

    /// <summary>Replayed frames on which every ALE-API field matched (the reset that follows a frame included).</summary>
    public int FramesMatched { get; }

    /// <summary>act() frames the trace holds (more than <see cref="FramesReplayed"/> when the replay was cut short).</summary>
    public int FramesInTrace { get; }

    /// <summary>
    /// The state right after loadROM matched: RAM, screen, debug aids and the frame number the first act() implies, plus
    /// the header's lives after the last frame, where the recorder read them, when the whole trace was replayed
    /// (see <see cref="TraceVerifier.LoadRomFrameNumber"/>).
    /// </summary>
    public bool InitialStateMatches { get; }

    /// <summary>
    /// Whether <see cref="InitialStateMatches"/> includes the header's lives: only a replay of the whole trace reaches
    /// the point where they were recorded, and a header may have none.
    /// </summary>
    public bool HeaderLivesCompared { get; }

    /// <summary>reset_game() calls replayed.</summary>
    public int Resets { get; }

    /// <summary>The earliest mismatch of an ALE-API field (debug aids excluded), or null.</summary>
    public TraceMismatch? FirstMismatch { get; }

    /// <summary>For the first stored screen that differed: how many pixels and where, or null.</summary>
    public string? FirstSampledScreenDiff { get; }

    /// <summary>The comparison of <paramref name="field"/>.</summary>
    public FieldComparison this[TraceField field] => Fields[(int)field];

    /// <summary>Every ALE-API field (RAM, screen, reward, lives, game over, frame numbers, resets) matched on every record.</summary>
    public bool IsFrameExact => FirstMismatch is null;

    /// <summary>The debug aids matched too.</summary>
    public bool DebugAidsMatch => Fields.All(f => !f.IsDebugAid || f.Mismatched == 0);

    /// <summary>
    /// Two lines at most: "game: matched/total frames match ...: verdict", then the first mismatch (frame, field, both
    /// values) if there is one.
    /// </summary>
    public string Summary()
    {
        var text = new StringBuilder();
        string verdict = IsFrameExact ? DebugAidsMatch ? "FRAME-EXACT" : "FRAME-EXACT (debug aids differ)" : "MISMATCH";
        string cut = FramesReplayed < FramesInTrace ? $" (first {FramesReplayed} of {FramesInTrace} replayed)" : "";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Game}: {FramesMatched}/{FramesReplayed} frames match{cut}, loadROM state {(InitialStateMatches ? "matches" : "differs")} " +
            $"({(HeaderLivesCompared ? "with the header's lives" : FramesReplayed < FramesInTrace ? "without the header's lives, which only the whole trace reaches" : "the header has no lives")}), " +
            $"{Resets} reset(s) replayed: {verdict}   [{TracePath}]");
        if (FirstMismatch is { } m)
        {
            string frame = m.Frame < 0 ? "loadROM" : m.Frame.ToString(CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  first mismatch: frame {frame} ({m.Where}), field {m.Field}: expected {m.Expected}, got {m.Actual}");
            if (FirstSampledScreenDiff is not null) text.AppendLine("  first stored screen that differs: " + FirstSampledScreenDiff);
        }
        return text.ToString();
    }

    /// <summary>A table: per field, records compared and matched, and the first mismatch.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"field",-24} {"compared",8} {"matched",8}  first mismatch");
        foreach (var f in Fields)
        {
            string name = f.IsDebugAid ? f.Name + " (debug)" : f.Name;
            string first = f.FirstMismatch?.ToString() ?? "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-24} {f.Compared,8} {f.Matched,8}  {first}");
        }
        return text.ToString();
    }
}
