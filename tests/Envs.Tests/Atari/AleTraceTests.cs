using System.IO.Compression;
using System.Text.Json;
using Rims.Envs.Atari.Verification;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// Replays every real-ALE trace in the trace folder ($RIMS_ALE_TRACES, else $RIMS_TRACES, else ../shared/ale-traces)
/// and its subfolders through the real ALE layer (<see cref="Rims.Envs.Atari.AleInterface"/> + <see cref="TraceVerifier"/>)
/// and requires every recorded field to match on every frame: RAM, screen md5, reward, lives, game over, frame numbers,
/// the resets, and the debug aids (scanlines, CPU cycles, PC, bank); and the state right after loadROM. A missing or
/// empty folder, or a missing ROM, fails; it never skips.
/// </summary>
public sealed class AleTraceTests
{
    /// <summary>Stands in for "no traces" so the theory still has a case, and that case fails.</summary>
    private const string NoTraces = "(no traces found)";

    /// <summary>
    /// One case per *.jsonl.gz in the trace folder and its subfolders (paths relative to it, e.g. "added/alien.jsonl.gz"),
    /// or the failing placeholder.
    /// </summary>
    public static TheoryData<string> TraceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in TracePaths()) data.Add(file);
        if (data.Count == 0) data.Add(NoTraces);
        return data;
    }

    private static IEnumerable<string> TracePaths()
    {
        string directory = TestData.TracesPath;
        if (!Directory.Exists(directory)) return [];
        return Directory.GetFiles(directory, "*.jsonl.gz", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal);
    }

    /// <summary>Every frame of every trace, its resets and the debug aids match exactly.</summary>
    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void EveryFieldMatchesOnEveryFrame(string file)
    {
        var (trace, report) = Replay(file);
        string details = report.Summary() + report.Format();
        Assert.True(report.DebugAidsMatch, details);
        Assert.Equal(trace.Frames.Count, report.FramesReplayed);
        Assert.Equal(report.FramesReplayed, report.FramesMatched);
        Assert.Equal(trace.Frames.Count(f => f.Reset is not null), report.Resets);
    }

    /// <summary>
    /// The state right after loadROM matches too, for every trace: RAM, screen, debug aids, the frame number the first
    /// act() implies (13 in Double Dunk, whose setMode counts frames) and the header's lives, which the recorder read
    /// after the last frame (<see cref="TraceVerifier.LoadRomFrameNumber"/>), so the whole trace is replayed.
    /// </summary>
    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void TheStateAfterLoadRomMatches(string file)
    {
        var (_, report) = Replay(file);
        Assert.True(report.InitialStateMatches, report.Summary() + report.Format());
    }

    private static (AleTrace Trace, TraceReport Report) Replay(string file, int? maxFrames = null)
    {
        Assert.True(file != NoTraces, $"No *.jsonl.gz traces in {TestData.TracesPath}; {TestData.TracesHint}.");
        var trace = AleTrace.Read(TestData.File(TestData.TracesDirectory, file));
        string rom = TestData.File(TestData.RomsDirectory, trace.Game + ".bin");
        return (trace, TraceVerifier.Verify(trace, rom, maxFrames));
    }

    [Fact]
    public void TheTraceFolderHoldsTracesAndEveryTracesRom()
    {
        string directory = TestData.TracesPath;
        Assert.True(Directory.Exists(directory), $"ALE trace folder {directory} is missing; {TestData.TracesHint}.");
        string[] traces = Directory.GetFiles(directory, "*.jsonl.gz", SearchOption.AllDirectories);
        Assert.True(traces.Length > 0, $"ALE trace folder {directory} holds no *.jsonl.gz traces; {TestData.TracesHint}.");

        string roms = TestData.RomsPath;
        Assert.True(Directory.Exists(roms), $"ROM folder {roms} is missing; {TestData.RomsHint}.");
        foreach (var trace in traces)
        {
            string rom = Path.Combine(roms, GameOf(trace) + ".bin");
            Assert.True(File.Exists(rom), $"ROM {rom} for trace {trace} is missing; {TestData.RomsHint}.");
        }
    }

    /// <summary>The "game" of a trace's header line, without reading the frames.</summary>
    private static string GameOf(string tracePath)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(tracePath), CompressionMode.Decompress));
        using var header = JsonDocument.Parse(reader.ReadLine() ?? throw new InvalidDataException($"{tracePath} is empty."));
        return header.RootElement.GetProperty("game").GetString()!;
    }

    [Fact]
    public void ATraceThatEndsBeforeItsHeadersFrameCountIsRefusedNamingFileAndCounts()
    {
        string source = TestData.File(TestData.TracesDirectory, "pong.jsonl.gz");
        string truncated = Path.Combine(Directory.CreateTempSubdirectory("rims-trace-").FullName, "pong.jsonl.gz");
        try
        {
            string[] lines;
            using (var reader = new StreamReader(new GZipStream(File.OpenRead(source), CompressionMode.Decompress)))
                lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            using (var writer = new StreamWriter(new GZipStream(File.Create(truncated), CompressionLevel.Fastest)))
                foreach (var line in lines[..1001]) writer.Write(line + "\n");

            var error = Assert.Throws<InvalidDataException>(() => AleTrace.Read(truncated));
            Assert.Contains(truncated, error.Message);
            Assert.Contains("header states 5000 frames but the file holds 1000", error.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(truncated)!, recursive: true);
        }
    }
}
