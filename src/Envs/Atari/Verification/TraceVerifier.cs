using System.Globalization;
using System.Security.Cryptography;
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

/// <summary>The comparison of one field over a whole replay.</summary>
public sealed class FieldComparison
{
    internal FieldComparison(TraceField field) => Field = field;

    /// <summary>The field.</summary>
    public TraceField Field { get; }

    /// <summary>The field's name as in the trace files.</summary>
    public string Name => Field switch
    {
        TraceField.Ram => "ram",
        TraceField.Screen => "screen_md5",
        TraceField.Reward => "reward",
        TraceField.Lives => "lives",
        TraceField.GameOver => "game_over",
        TraceField.FrameNumber => "frame_number",
        TraceField.EpisodeFrameNumber => "episode_frame_number",
        TraceField.ResetFrames => "reset_frames",
        TraceField.Scanlines => "scanlines",
        TraceField.CpuCycles => "cpu_cycles",
        TraceField.Pc => "pc",
        TraceField.Bank => "bank",
        _ => "partial_frame",
    };

    /// <summary>True for the debug aids (not part of the ALE API).</summary>
    public bool IsDebugAid => Field >= TraceField.Scanlines;

    /// <summary>Records compared.</summary>
    public int Compared { get; private set; }

    /// <summary>Records that matched.</summary>
    public int Matched { get; private set; }

    /// <summary>Records that did not match.</summary>
    public int Mismatched => Compared - Matched;

    /// <summary>Where the first mismatch was ("loadROM", "t=123", "reset after t=123"), or null.</summary>
    public string? FirstMismatchAt { get; private set; }

    /// <summary>Frame index t of the first mismatch (-1 = right after loadROM), or null.</summary>
    public int? FirstMismatchFrame { get; private set; }

    /// <summary>Expected versus actual at the first mismatch.</summary>
    public string? FirstMismatchDetail { get; private set; }

    internal void Record(bool match, int frame, string where, Func<string>? detail)
    {
        Compared++;
        if (match)
        {
            Matched++;
            return;
        }
        if (FirstMismatchAt is not null) return;
        FirstMismatchAt = where;
        FirstMismatchFrame = frame;
        FirstMismatchDetail = detail?.Invoke();
    }
}

/// <summary>The result of replaying one trace.</summary>
public sealed class TraceReport
{
    internal TraceReport(string game, IReadOnlyList<FieldComparison> fields, int frames, int resets, string? screenDiff)
    {
        Game = game;
        Fields = fields;
        FramesReplayed = frames;
        Resets = resets;
        FirstSampledScreenDiff = screenDiff;
    }

    /// <summary>The trace's game id.</summary>
    public string Game { get; }

    /// <summary>Every field's comparison, in <see cref="TraceField"/> order.</summary>
    public IReadOnlyList<FieldComparison> Fields { get; }

    /// <summary>act() frames replayed.</summary>
    public int FramesReplayed { get; }

    /// <summary>reset_game() calls replayed.</summary>
    public int Resets { get; }

    /// <summary>For the first stored screen that differed: how many pixels and where, or null.</summary>
    public string? FirstSampledScreenDiff { get; }

    /// <summary>The comparison of <paramref name="field"/>.</summary>
    public FieldComparison this[TraceField field] => Fields[(int)field];

    /// <summary>Every ALE-API field (RAM, screen, reward, lives, game over, frame numbers, reset lengths) matched on every record.</summary>
    public bool IsFrameExact => Fields.All(f => f.IsDebugAid || f.Mismatched == 0);

    /// <summary>The debug aids matched too.</summary>
    public bool DebugAidsMatch => Fields.All(f => !f.IsDebugAid || f.Mismatched == 0);

    /// <summary>A table: per field, records compared and matched, and the first mismatch.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        string verdict = IsFrameExact ? DebugAidsMatch ? "FRAME-EXACT" : "FRAME-EXACT (debug aids differ)" : "MISMATCH";
        text.AppendLine(CultureInfo.InvariantCulture, $"{Game}: {FramesReplayed} frames, {Resets} reset(s) replayed: {verdict}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"field",-21} {"compared",8} {"matched",8}  first mismatch");
        foreach (var f in Fields)
        {
            string name = f.IsDebugAid ? f.Name + " (debug)" : f.Name;
            string first = f.FirstMismatchAt is null ? "-" : $"{f.FirstMismatchAt}: {f.FirstMismatchDetail}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-21} {f.Compared,8} {f.Matched,8}  {first}");
        }
        if (FirstSampledScreenDiff is not null) text.AppendLine("  first stored screen that differs: " + FirstSampledScreenDiff);
        return text.ToString();
    }
}

/// <summary>
/// Replays an ALE reference trace on <see cref="AleInterface"/>: same settings, same actions, a reset_game() wherever
/// the trace has one, and compares every recorded field after loadROM, after each act() and after each reset.
/// The replay goes on past mismatches so the counts show how far off the emulator is.
/// </summary>
public static class TraceVerifier
{
    /// <summary>Loads <paramref name="romPath"/> with the trace's settings and replays the trace (the first <paramref name="maxFrames"/> frames if given).</summary>
    /// <exception cref="InvalidDataException">The ROM is not the one the trace was recorded with.</exception>
    public static TraceReport Verify(AleTrace trace, string romPath, int? maxFrames = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var ale = AleInterface.Load(romPath, trace.Settings);
        if (!string.Equals(ale.RomMd5, trace.RomMd5, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"ROM {ale.RomPath} has md5 {ale.RomMd5}, but the trace {trace.Path} was recorded with md5 {trace.RomMd5}.");
        return Replay(trace, ale, maxFrames);
    }

    /// <summary>Replays the trace on <paramref name="ale"/>, which must be freshly loaded with the trace's settings.</summary>
    public static TraceReport Replay(AleTrace trace, AleInterface ale, int? maxFrames = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(ale);
        var fields = Enum.GetValues<TraceField>().Select(f => new FieldComparison(f)).ToArray();
        byte[]? screens = trace.ReadScreens();
        string? screenDiff = null;
        byte[] md5 = new byte[16];

        void CompareState(TraceState want, int frame, string where, int? screenRecord)
        {
            var ram = ale.Ram;
            int badByte = ram.SequenceEqual(want.Ram) ? -1 : FirstDifference(ram, want.Ram);
            fields[(int)TraceField.Ram].Record(badByte < 0, frame, where, () =>
                $"RAM index {badByte} (${0x80 + badByte:X2}): expected ${want.Ram[badByte]:X2}, got ${ale.Ram[badByte]:X2}" +
                $" ({CountDifferences(ale.Ram, want.Ram)} bytes differ)");

            MD5.HashData(ale.Screen, md5);
            bool screenOk = md5.SequenceEqual(want.ScreenMd5);
            fields[(int)TraceField.Screen].Record(screenOk, frame, where,
                () => $"expected {Convert.ToHexStringLower(want.ScreenMd5)}, got {Convert.ToHexStringLower(md5)}");
            if (!screenOk && screenDiff is null && screens is not null && screenRecord is { } k && (k + 1) * AleTrace.ScreenBytes <= screens.Length)
                screenDiff = $"{where} (record {k}): " + DescribeScreenDiff(ale.Screen, screens.AsSpan(k * AleTrace.ScreenBytes, AleTrace.ScreenBytes));

            Check(fields, TraceField.Lives, want.Lives, ale.Lives, frame, where);
            if (want.GameOver is { } over) Check(fields, TraceField.GameOver, over ? 1 : 0, ale.GameOver ? 1 : 0, frame, where);
            Check(fields, TraceField.FrameNumber, want.FrameNumber, ale.FrameNumber, frame, where);
            Check(fields, TraceField.EpisodeFrameNumber, want.EpisodeFrameNumber, ale.EpisodeFrameNumber, frame, where);
            Check(fields, TraceField.Scanlines, want.Scanlines, ale.Machine.Tia.Scanlines, frame, where);
            Check(fields, TraceField.CpuCycles, want.CpuCycles, ale.Machine.Cpu.Cycles, frame, where);
            Check(fields, TraceField.Pc, want.Pc, ale.Machine.Cpu.PC, frame, where);
            Check(fields, TraceField.Bank, want.Bank, ale.Machine.Cart.Bank, frame, where);
        }

        CompareState(trace.InitialState, -1, "loadROM", 0);
        int frames = trace.Frames.Count, resets = 0;
        if (maxFrames is { } limit) frames = Math.Clamp(limit, 0, frames);
        for (int i = 0; i < frames; i++)
        {
            var f = trace.Frames[i];
            string where = "t=" + f.T.ToString(CultureInfo.InvariantCulture);
            int reward = ale.Act((AleAction)f.Action);
            Check(fields, TraceField.Reward, f.Reward, reward, f.T, where);
            Check(fields, TraceField.PartialFrame, f.PartialFrame ? 1 : 0, ale.Machine.Tia.PartialFrame ? 1 : 0, f.T, where);
            CompareState(f.State, f.T, where, f.ScreenSample);
            if (f.Reset is { } reset)
            {
                resets++;
                long machineFrames = ale.Machine.FrameNumber, frameNumber = ale.FrameNumber;
                ale.ResetGame();
                string at = "reset after " + where;
                Check(fields, TraceField.ResetFrames, reset.EmulatedFrames, ale.Machine.FrameNumber - machineFrames, f.T, at);
                Check(fields, TraceField.ResetFrames, reset.FrameNumberDelta, ale.FrameNumber - frameNumber, f.T, at + " (frame_number_delta)");
                CompareState(reset, f.T, at, null);
            }
        }
        return new TraceReport(trace.Game, fields, frames, resets, screenDiff);
    }

    private static void Check(FieldComparison[] fields, TraceField field, long? expected, long actual, int frame, string where)
    {
        if (expected is not { } want) return;
        fields[(int)field].Record(want == actual, frame, where, () => $"expected {want}, got {actual}");
    }

    private static int FirstDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return i;
        return Math.Min(a.Length, b.Length);
    }

    private static int CountDifferences(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int n = 0;
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) n++;
        return n;
    }

    /// <summary>How many pixels differ, the first one (row, column, values) and the rows involved.</summary>
    public static string DescribeScreenDiff(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected)
    {
        const int width = 160;
        int count = 0, first = -1, firstRow = int.MaxValue, lastRow = -1;
        for (int i = 0; i < Math.Min(actual.Length, expected.Length); i++)
        {
            if (actual[i] == expected[i]) continue;
            if (count++ == 0) first = i;
            firstRow = Math.Min(firstRow, i / width);
            lastRow = Math.Max(lastRow, i / width);
        }
        if (count == 0) return "the stored screen is identical (the md5 differs only in the record compared)";
        return $"{count} pixels differ in rows {firstRow}..{lastRow}; first at row {first / width}, column {first % width}: " +
               $"expected ${expected[first]:X2}, got ${actual[first]:X2}";
    }
}
