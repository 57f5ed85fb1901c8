using System.Globalization;
using System.Text.Json;
using Rims.Envs.GridWorld;
using Rims.Envs.NumpyRandom;

namespace Rims.Envs.MiniGrid.Verification;

/// <summary>
/// One episode of a MiniGrid reference trace (shared/minigrid-traces, format <c>minigrid-reference-trace/1</c>):
/// what <c>env.reset(seed=Seed)</c> produced, and every step after it (Steps[0] is the reset observation).
/// </summary>
public sealed record MiniGridTraceEpisode
{
    /// <summary>The seed passed to reset.</summary>
    public required int Seed { get; init; }

    /// <summary>max_steps after reset.</summary>
    public required int MaxSteps { get; init; }

    /// <summary>Grid width in cells.</summary>
    public required int Width { get; init; }

    /// <summary>Grid height in cells.</summary>
    public required int Height { get; init; }

    /// <summary>see_through_walls.</summary>
    public required bool SeeThroughWalls { get; init; }

    /// <summary>The mission string of the reset observation.</summary>
    public required string Mission { get; init; }

    /// <summary>grid.encode() right after reset, laid out [x][y][channel] (Width * Height * 3 bytes), agent not drawn.</summary>
    public required byte[] Grid { get; init; }

    /// <summary>Agent position after reset.</summary>
    public required (int X, int Y) AgentPosition { get; init; }

    /// <summary>Agent direction after reset (0 right, 1 down, 2 left, 3 up).</summary>
    public required int AgentDirection { get; init; }

    /// <summary>The PCG64 state right after seeding.</summary>
    public required Pcg64State RngAfterSeeding { get; init; }

    /// <summary>The PCG64 state right after reset returned.</summary>
    public required Pcg64State RngAfterReset { get; init; }

    /// <summary>The reset observation (t = 0), then one record per step.</summary>
    public required IReadOnlyList<MiniGridTraceStep> Steps { get; init; }
}

/// <summary>One step line of a MiniGrid reference trace: the action and everything read after it.</summary>
public sealed record MiniGridTraceStep
{
    /// <summary>Step index; 0 is the reset observation.</summary>
    public required int T { get; init; }

    /// <summary>The action taken (null at t = 0).</summary>
    public required int? Action { get; init; }

    /// <summary>obs["image"], 147 bytes indexed [x, y, channel].</summary>
    public required byte[] Image { get; init; }

    /// <summary>obs["direction"].</summary>
    public required int Direction { get; init; }

    /// <summary>The reward as the reference computed it in double precision (null at t = 0).</summary>
    public required double? Reward { get; init; }

    /// <summary>terminated.</summary>
    public required bool Terminated { get; init; }

    /// <summary>truncated.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Agent position after the step.</summary>
    public required (int X, int Y) AgentPosition { get; init; }

    /// <summary>Agent direction after the step.</summary>
    public required int AgentDirection { get; init; }

    /// <summary>The carried object's type and colour (State 0), or null.</summary>
    public required Cell? Carrying { get; init; }

    /// <summary>step_count after the step.</summary>
    public required int StepCount { get; init; }
}

/// <summary>A MiniGrid reference trace file: the env id and its episodes in file order.</summary>
public sealed class MiniGridTrace
{
    /// <summary>The format string the reader understands.</summary>
    public const string Format = "minigrid-reference-trace/1";

    private MiniGridTrace(string path, string envId, IReadOnlyList<MiniGridTraceEpisode> episodes) =>
        (Path, EnvId, Episodes) = (path, envId, episodes);

    /// <summary>The .jsonl.gz file read.</summary>
    public string Path { get; }

    /// <summary>The gymnasium id the episodes were recorded with, e.g. "BabyAI-PickupDist-v0".</summary>
    public string EnvId { get; }

    /// <summary>The episodes, one per seed.</summary>
    public IReadOnlyList<MiniGridTraceEpisode> Episodes { get; }

    /// <summary>Reads a gzip-compressed JSONL trace.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable trace; the message names the file and the line.</exception>
    public static MiniGridTrace Read(string path)
    {
        InputPaths.RequireFile(System.IO.Path.GetFullPath(path), "trace file");
        using var gzip = GzipFile.OpenRead(path, "a MiniGrid trace (gzip'd JSON lines)");
        int lineNumber = 0;
        try
        {
            using var text = new StreamReader(gzip);
            var episodes = new List<MiniGridTraceEpisode>();
            string? envId = null;
            MiniGridTraceEpisode? episode = null;
            var steps = new List<MiniGridTraceStep>();
            void Finish()
            {
                if (episode is null) return;
                if (steps.Count == 0 || steps[0].T != 0) throw new InvalidDataException($"episode of seed {episode.Seed} has no t = 0 line");
                // The recorder runs every episode to its end, so one that stops short means the file was cut.
                if (!steps[^1].Terminated && !steps[^1].Truncated)
                    throw new InvalidDataException($"episode of seed {episode.Seed} ends at t = {steps[^1].T} with neither terminated nor truncated: the file is cut short");
                episodes.Add(episode);
            }
            string? line;
            while ((line = text.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0) continue;
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                switch (root.GetProperty("kind").GetString())
                {
                    case "episode":
                        Finish();
                        string format = root.GetProperty("format").GetString()!;
                        if (format != Format) throw new InvalidDataException($"format '{format}', expected '{Format}'");
                        string id = root.GetProperty("env_id").GetString()!;
                        if (envId is not null && id != envId) throw new InvalidDataException($"env '{id}' after episodes of '{envId}'");
                        envId = id;
                        // The episode holds the step list, filled by the lines that follow.
                        steps = [];
                        episode = ReadEpisode(root, steps);
                        break;
                    case "step":
                        if (episode is null) throw new InvalidDataException("a step line before the first episode header");
                        steps.Add(ReadStep(root));
                        break;
                    case var kind:
                        throw new InvalidDataException($"unknown line kind '{kind}'");
                }
            }
            Finish();
            if (envId is null) throw new InvalidDataException("no episodes");
            return new MiniGridTrace(path, envId, episodes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                      or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"MiniGrid trace {path}, line {lineNumber}: {e.Message}", e);
        }
    }

    private static MiniGridTraceEpisode ReadEpisode(JsonElement h, List<MiniGridTraceStep> steps)
    {
        int width = h.GetProperty("width").GetInt32(), height = h.GetProperty("height").GetInt32();
        var grid = new byte[width * height * 3];
        int x = 0;
        foreach (var column in h.GetProperty("grid").EnumerateArray())
        {
            int y = 0;
            foreach (var cell in column.EnumerateArray())
            {
                int c = 0;
                foreach (var channel in cell.EnumerateArray()) grid[(x * height + y) * 3 + c++] = channel.GetByte();
                y++;
            }
            x++;
        }
        return new MiniGridTraceEpisode
        {
            Seed = h.GetProperty("seed").GetInt32(),
            MaxSteps = h.GetProperty("max_steps").GetInt32(),
            Width = width,
            Height = height,
            SeeThroughWalls = h.GetProperty("see_through_walls").GetBoolean(),
            Mission = h.GetProperty("mission").GetString()!,
            Grid = grid,
            AgentPosition = Position(h.GetProperty("agent_pos")),
            AgentDirection = h.GetProperty("agent_dir").GetInt32(),
            RngAfterSeeding = Rng(h.GetProperty("rng_after_seeding")),
            RngAfterReset = Rng(h.GetProperty("rng_after_reset")),
            Steps = steps,
        };
    }

    private static MiniGridTraceStep ReadStep(JsonElement s)
    {
        byte[] image = Convert.FromHexString(s.GetProperty("image").GetString()!);
        if (image.Length != 7 * 7 * 3) throw new InvalidDataException($"'image' has {image.Length} bytes, expected 147");
        var carrying = s.GetProperty("carrying");
        var action = s.GetProperty("action");
        var reward = s.GetProperty("reward");
        return new MiniGridTraceStep
        {
            T = s.GetProperty("t").GetInt32(),
            Action = action.ValueKind == JsonValueKind.Null ? null : action.GetInt32(),
            Image = image,
            Direction = s.GetProperty("direction").GetInt32(),
            Reward = reward.ValueKind == JsonValueKind.Null ? null : reward.GetDouble(),
            Terminated = s.GetProperty("terminated").GetBoolean(),
            Truncated = s.GetProperty("truncated").GetBoolean(),
            AgentPosition = Position(s.GetProperty("agent_pos")),
            AgentDirection = s.GetProperty("agent_dir").GetInt32(),
            Carrying = carrying.ValueKind == JsonValueKind.Null
                ? null
                : new Cell(MiniGridNames.ParseType(carrying.GetProperty("type").GetString()!),
                           MiniGridNames.ParseColor(carrying.GetProperty("color").GetString()!)),
            StepCount = s.GetProperty("step_count").GetInt32(),
        };
    }

    private static (int X, int Y) Position(JsonElement p) => (p[0].GetInt32(), p[1].GetInt32());

    private static Pcg64State Rng(JsonElement r)
    {
        if (r.GetProperty("bit_generator").GetString() != "PCG64") throw new InvalidDataException("the recorded bit generator is not PCG64");
        return new Pcg64State(Hex128(r.GetProperty("state").GetString()!), Hex128(r.GetProperty("inc").GetString()!),
                              r.GetProperty("has_uint32").GetInt32() != 0, r.GetProperty("uinteger").GetUInt32());
    }

    private static UInt128 Hex128(string text) =>
        text.StartsWith("0x", StringComparison.Ordinal)
            ? UInt128.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : throw new FormatException($"'{text}' is not a 0x-prefixed hex number");
}
