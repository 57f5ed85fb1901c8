using System.Text.Json;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Atari.Verification;

/// <summary>
/// The state an ALE reference trace records at one point (after loadROM, after an act(), or after a reset_game()).
/// Fields a given record lacks are null.
/// </summary>
public sealed record TraceState
{
    /// <summary>The 128 RAM bytes ($80 first).</summary>
    public required byte[] Ram { get; init; }

    /// <summary>md5 of the 210x160 palette-index screen, as 16 bytes.</summary>
    public required byte[] ScreenMd5 { get; init; }

    /// <summary>lives().</summary>
    public int? Lives { get; init; }

    /// <summary>game_over().</summary>
    public bool? GameOver { get; init; }

    /// <summary>getFrameNumber().</summary>
    public long? FrameNumber { get; init; }

    /// <summary>getEpisodeFrameNumber().</summary>
    public long? EpisodeFrameNumber { get; init; }

    /// <summary>Debug aid: scanlines of the last frame.</summary>
    public int? Scanlines { get; init; }

    /// <summary>Debug aid: CPU cycles of the last frame (Stella's counter, restarted at every frame start).</summary>
    public long? CpuCycles { get; init; }

    /// <summary>Debug aid: the 16-bit program counter when the last frame ended.</summary>
    public int? Pc { get; init; }

    /// <summary>Debug aid: the cartridge bank.</summary>
    public int? Bank { get; init; }

    /// <summary>Resets only: TIA frames the reset_game() emulated.</summary>
    public int? EmulatedFrames { get; init; }

    /// <summary>Resets only: change of getFrameNumber() during the reset (SELECT presses, setMode's act() calls).</summary>
    public long? FrameNumberDelta { get; init; }
}

/// <summary>One per-frame line of a trace: the action, what act() returned and the state after it.</summary>
public sealed record TraceFrame
{
    /// <summary>Frame index, 0-based.</summary>
    public required int T { get; init; }

    /// <summary>ALE action id passed to act().</summary>
    public required int Action { get; init; }

    /// <summary>act()'s return value.</summary>
    public required int Reward { get; init; }

    /// <summary>The state after act().</summary>
    public required TraceState State { get; init; }

    /// <summary>The frame did not end by VSYNC (ALE's 25,000-instruction cap cut it).</summary>
    public bool PartialFrame { get; init; }

    /// <summary>Record number of this frame's screen in the screens file, if stored.</summary>
    public int? ScreenSample { get; init; }

    /// <summary>When the game was over: the state right after the reset_game() that followed.</summary>
    public TraceState? Reset { get; init; }
}

/// <summary>
/// An ALE reference trace (shared/ale-traces: <c>&lt;game&gt;.jsonl.gz</c> plus <c>&lt;game&gt;.screens.u8.gz</c>): the
/// settings the real ALE ran with, the state after loadROM, and every act() with its result.
/// </summary>
public sealed class AleTrace
{
    /// <summary>Bytes of one screen record.</summary>
    public const int ScreenBytes = 210 * 160;

    private AleTrace(string path) => Path = path;

    /// <summary>The .jsonl.gz file read.</summary>
    public string Path { get; }

    /// <summary>ALE game id (ROM name), e.g. "demon_attack".</summary>
    public string Game { get; private init; } = "";

    /// <summary>md5 of the ROM the trace was recorded with.</summary>
    public string RomMd5 { get; private init; } = "";

    /// <summary>The ALE settings the trace was recorded with.</summary>
    public AleSettings Settings { get; private init; } = new();

    /// <summary>The minimal action set ALE reported.</summary>
    public IReadOnlyList<int> MinimalActionSet { get; private init; } = [];

    /// <summary>Frames one reset_game() emulates for this game, as measured in ALE.</summary>
    public int? ResetEmulatedFrames { get; private init; }

    /// <summary>The state right after loadROM().</summary>
    public TraceState InitialState { get; private init; } = null!;

    /// <summary>The per-frame records, t = 0, 1, ...</summary>
    public IReadOnlyList<TraceFrame> Frames { get; private init; } = [];

    /// <summary>Path of the screens file named by the header (it may be absent on disk).</summary>
    public string? ScreensPath { get; private init; }

    /// <summary>
    /// Every trace file (*.jsonl.gz) in <paramref name="directory"/> and its subfolders (shared/ale-traces keeps the
    /// traces added later in added/), ordered by path.
    /// </summary>
    public static string[] FilesIn(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetFiles(directory, "*.jsonl.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    /// <summary>The trace file of <paramref name="game"/> (ROM or CamelCase name) in <paramref name="directory"/> or one of its subfolders.</summary>
    /// <exception cref="FileNotFoundException">No trace for that game there.</exception>
    public static string FileFor(string game, string directory)
    {
        string romName = GameCatalog.TryCreate(game, out var g) ? g.RomName : game;
        string fileName = romName + ".jsonl.gz";
        var traces = FilesIn(directory);
        if (traces.FirstOrDefault(f => System.IO.Path.GetFileName(f) == fileName) is { } path) return path;
        string[] available = [.. traces.Select(f => System.IO.Path.GetFileName(f)[..^".jsonl.gz".Length]).Order()];
        throw new FileNotFoundException(
            $"No ALE trace for '{game}' in {directory} (looked for {fileName} there and in its subfolders; traces there: " +
            $"{string.Join(", ", available.DefaultIfEmpty("none"))}). Point to the trace folder with --traces DIR or " +
            $"{TraceLocator.EnvironmentVariable}=DIR, or pass the trace file itself.", System.IO.Path.Combine(directory, fileName));
    }

    /// <summary>Reads a trace file (gzip JSON Lines: a header line, then one line per frame).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a readable trace, or holds fewer or more frames than its header's n_frames (the message names
    /// the file and the line).
    /// </exception>
    public static AleTrace Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        InputPaths.RequireFile(path, "ALE trace file");
        using var gzip = GzipFile.OpenRead(path, "an ALE trace (gzip'd JSON lines)");
        using var text = new StreamReader(gzip);
        int lineNumber = 0;
        try
        {
            string header = text.ReadLine() ?? throw new InvalidDataException("the file is empty");
            lineNumber = 1;
            using var headerDoc = JsonDocument.Parse(header);
            var h = headerDoc.RootElement;
            var frames = new List<TraceFrame>(5000);
            string? line;
            while ((line = text.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0) continue;
                using var doc = JsonDocument.Parse(line);
                frames.Add(ReadFrame(doc.RootElement));
            }
            // gzip streams cut at a block boundary read as a clean end, so the header's count is what exposes a
            // trace that ends early.
            if (h.TryGetProperty("n_frames", out var stated) && stated.GetInt32() != frames.Count)
                throw new InvalidDataException(
                    $"the header states {stated.GetInt32()} frames but the file holds {frames.Count} (truncated or damaged)");
            string? screens = h.TryGetProperty("screens_file", out var sf) && sf.TryGetProperty("name", out var sn)
                ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, sn.GetString()!)
                : null;
            return new AleTrace(path)
            {
                Game = h.GetProperty("game").GetString()!,
                RomMd5 = h.GetProperty("rom_md5").GetString()!,
                Settings = ReadSettings(h.GetProperty("settings")),
                MinimalActionSet = h.GetProperty("minimal_action_set").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                ResetEmulatedFrames = h.TryGetProperty("reset_emulated_frames", out var r) ? r.GetInt32() : null,
                InitialState = ReadState(h.GetProperty("initial_state")),
                Frames = frames,
                ScreensPath = screens,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                      or InvalidDataException or IOException)
        {
            throw new InvalidDataException($"ALE trace {path}, line {lineNumber}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The stored screens (record 0 after loadROM, record k after frame (k-1)*100), each <see cref="ScreenBytes"/> long,
    /// or null when the screens file is absent.
    /// </summary>
    public byte[]? ReadScreens()
    {
        if (ScreensPath is null || !File.Exists(ScreensPath)) return null;
        using var gzip = GzipFile.OpenRead(ScreensPath, "an ALE screens file (gzip'd bytes)");
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static AleSettings ReadSettings(JsonElement s) => new()
    {
        RepeatActionProbability = (float)s.GetProperty("repeat_action_probability").GetDouble(),
        FrameSkip = s.GetProperty("frame_skip").GetInt32(),
        RandomSeed = s.GetProperty("random_seed").GetInt32(),
        SystemRandomSeed = s.GetProperty("system_random_seed").GetInt32(),
        MaxNumFramesPerEpisode = s.GetProperty("max_num_frames_per_episode").GetInt32(),
        Mode = s.TryGetProperty("mode", out var m) ? m.GetInt32() : null,
        Difficulty = s.TryGetProperty("difficulty", out var d) ? d.GetInt32() : null,
    };

    private static TraceFrame ReadFrame(JsonElement f) => new()
    {
        T = f.GetProperty("t").GetInt32(),
        Action = f.GetProperty("action").GetInt32(),
        Reward = f.GetProperty("reward").GetInt32(),
        State = ReadState(f),
        PartialFrame = f.TryGetProperty("partial_frame", out var p) && p.GetBoolean(),
        ScreenSample = f.TryGetProperty("screen_sample", out var s) ? s.GetInt32() : null,
        Reset = f.TryGetProperty("reset", out var r) ? ReadState(r) : null,
    };

    private static TraceState ReadState(JsonElement e)
    {
        byte[] ram = Convert.FromHexString(e.GetProperty("ram").GetString()!);
        if (ram.Length != 128) throw new InvalidDataException($"'ram' has {ram.Length} bytes, expected 128");
        byte[] md5 = Convert.FromHexString(e.GetProperty("screen_md5").GetString()!);
        if (md5.Length != 16) throw new InvalidDataException("'screen_md5' is not an md5");
        return new TraceState
        {
            Ram = ram,
            ScreenMd5 = md5,
            Lives = Int(e, "lives"),
            GameOver = e.TryGetProperty("game_over", out var g) ? g.GetBoolean() : null,
            FrameNumber = Long(e, "frame_number"),
            EpisodeFrameNumber = Long(e, "episode_frame_number"),
            Scanlines = Int(e, "scanlines"),
            CpuCycles = Long(e, "cpu_cycles"),
            Pc = Int(e, "pc"),
            Bank = Int(e, "bank"),
            EmulatedFrames = Int(e, "emulated_frames"),
            FrameNumberDelta = Long(e, "frame_number_delta"),
        };
    }

    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static long? Long(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt64() : null;
}
