using System.Globalization;
using System.Security.Cryptography;

namespace Rims.Envs.Atari.Verification;

/// <summary>
/// Replays an ALE reference trace on <see cref="AleInterface"/>: same settings, same actions, a reset_game() wherever
/// the trace has one, and compares every recorded field after loadROM, after each act() and after each reset (the
/// header's loadROM lives after the last frame, where they were recorded: see <see cref="LoadRomFrameNumber"/>).
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
        return new Replayer(trace, ale).Run(maxFrames);
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

    /// <summary>One replay: the comparisons so far, whether the current frame still matches, and the earliest mismatch.</summary>
    private sealed class Replayer(AleTrace trace, AleInterface ale)
    {
        private readonly FieldComparison[] fields = Enum.GetValues<TraceField>().Select(f => new FieldComparison(f)).ToArray();
        private readonly byte[]? screens = trace.ReadScreens();
        private readonly byte[] md5 = new byte[16];
        private string? screenDiff;
        private TraceMismatch? first;

        // Cleared by any ALE-API mismatch while the current record (loadROM, or a frame with its reset) is compared.
        private bool recordMatches;

        public TraceReport Run(int? maxFrames)
        {
            recordMatches = true;
            CompareState(trace.InitialState with { Lives = null, FrameNumber = LoadRomFrameNumber(trace) }, -1, "loadROM", "", 0);
            bool initialMatches = recordMatches;

            int frames = trace.Frames.Count, resets = 0, matched = 0;
            if (maxFrames is { } limit) frames = Math.Clamp(limit, 0, frames);
            for (int i = 0; i < frames; i++)
            {
                var f = trace.Frames[i];
                recordMatches = true;
                string where = "t=" + f.T.ToString(CultureInfo.InvariantCulture);
                int reward = ale.Act((AleAction)f.Action);
                Check(TraceField.Reward, f.Reward, reward, f.T, where, "");
                Check(TraceField.PartialFrame, f.PartialFrame ? 1 : 0, ale.Machine.Tia.PartialFrame ? 1 : 0, f.T, where, "");
                CompareState(f.State, f.T, where, "", f.ScreenSample);
                if (f.Reset is { } reset)
                {
                    resets++;
                    long machineFrames = ale.Machine.FrameNumber, frameNumber = ale.FrameNumber;
                    ale.ResetGame();
                    string at = "reset after " + where;
                    const string prefix = "reset state: ";
                    Check(TraceField.ResetFrames, reset.EmulatedFrames, ale.Machine.FrameNumber - machineFrames, f.T, at, prefix);
                    Check(TraceField.ResetFrames, reset.FrameNumberDelta, ale.FrameNumber - frameNumber, f.T, at, prefix, "frame_number_delta");
                    CompareState(reset, f.T, at, prefix, null);
                }
                if (recordMatches) matched++;
            }
            bool headerLivesCompared = frames == trace.Frames.Count && trace.InitialState.Lives is not null;
            if (headerLivesCompared && trace.InitialState.Lives is { } headerLives)
            {
                recordMatches = true;
                Check(TraceField.Lives, headerLives, ale.Lives, -1, "after the last frame", "header initial_state ");
                initialMatches &= recordMatches;
            }
            return new TraceReport(trace.Game, trace.Path, fields, frames, matched, trace.Frames.Count, initialMatches, headerLivesCompared, resets,
                first, screenDiff);
        }

        private void CompareState(TraceState want, int frame, string where, string prefix, int? screenRecord)
        {
            var ram = ale.Ram;
            int bad = ram.SequenceEqual(want.Ram) ? -1 : FirstDifference(ram, want.Ram);
            Record(TraceField.Ram, bad < 0, () => new TraceMismatch(where, frame,
                $"{prefix}ram ${0x80 + bad:X2}", $"${want.Ram[bad]:X2}",
                $"${ale.Ram[bad]:X2} ({CountDifferences(ale.Ram, want.Ram)} byte(s) differ)"));

            MD5.HashData(ale.Screen, md5);
            bool screenOk = md5.AsSpan().SequenceEqual(want.ScreenMd5);
            string actualMd5 = screenOk ? "" : Convert.ToHexStringLower(md5);
            Record(TraceField.Screen, screenOk, () => new TraceMismatch(where, frame, prefix + "screen_md5",
                Convert.ToHexStringLower(want.ScreenMd5), actualMd5));
            if (!screenOk && screenDiff is null && screens is not null && screenRecord is { } k && (k + 1) * AleTrace.ScreenBytes <= screens.Length)
                screenDiff = $"{where} (record {k}): " + DescribeScreenDiff(ale.Screen, screens.AsSpan(k * AleTrace.ScreenBytes, AleTrace.ScreenBytes));

            Check(TraceField.Lives, want.Lives, ale.Lives, frame, where, prefix);
            if (want.GameOver is { } over) Check(TraceField.GameOver, over ? 1 : 0, ale.GameOver ? 1 : 0, frame, where, prefix);
            Check(TraceField.FrameNumber, want.FrameNumber, ale.FrameNumber, frame, where, prefix);
            Check(TraceField.EpisodeFrameNumber, want.EpisodeFrameNumber, ale.EpisodeFrameNumber, frame, where, prefix);
            Check(TraceField.Scanlines, want.Scanlines, ale.Machine.Tia.Scanlines, frame, where, prefix);
            Check(TraceField.CpuCycles, want.CpuCycles, ale.Machine.Cpu.Cycles, frame, where, prefix);
            Check(TraceField.Pc, want.Pc, ale.Machine.Cpu.PC, frame, where, prefix);
            Check(TraceField.Bank, want.Bank, ale.Machine.Cart.Bank, frame, where, prefix);
        }

        private void Check(TraceField field, long? expected, long actual, int frame, string where, string prefix, string? name = null)
        {
            if (expected is not { } want) return;
            string label = prefix + (name ?? FieldComparison.NameOf(field));
            Record(field, want == actual, () => new TraceMismatch(where, frame, label,
                Value(field, want), Value(field, actual)));
        }

        private void Record(TraceField field, bool match, Func<TraceMismatch> describe)
        {
            var comparison = fields[(int)field];
            comparison.Record(match, describe);
            if (match || comparison.IsDebugAid) return;
            recordMatches = false;
            first ??= comparison.FirstMismatch ?? describe();
        }

        private static string Value(TraceField field, long value) => field switch
        {
            TraceField.GameOver or TraceField.PartialFrame => value != 0 ? "true" : "false",
            TraceField.Pc => $"${value:X4}",
            _ => value.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// getFrameNumber() right after loadROM as the trace implies it: the first act() adds frame_skip to it (ALE's act()
    /// counts every frame it emulates, and the game is never over right after loadROM). Null for a trace without frames.
    /// </summary>
    /// <remarks>
    /// The header's initial_state is taken right after loadROM for RAM, screen and the debug aids, but not for its
    /// frame_number and lives. Its frame_number is 0 for every trace, although in Double Dunk, whose setMode counts 13
    /// frames (1 SELECT press, 12 menu act() calls; the header's own reset_measurement.frame_number_delta), t = 0 reads
    /// 14. Its lives equal lives() after the trace's last frame in all nine shared traces (Assault 2, Wizard of Wor 1,
    /// Demon Attack 3, where the RAM after loadROM gives 4, 3 and 1 by ALE's per-game rules), so the recorder read
    /// lives() at the end of the run; <see cref="Replay"/> compares it there.
    /// </remarks>
    public static long? LoadRomFrameNumber(AleTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return trace.Frames.Count > 0 ? trace.Frames[0].State.FrameNumber - trace.Settings.FrameSkip : null;
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
}
