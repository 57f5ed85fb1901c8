using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Rims.Envs.Atari.Emulation;

namespace Rims.Envs.Tests.Atari;

/// <summary>
/// Runs the emulator through ALE's power-on and reset sequence and the recorded actions, and compares RAM, screen
/// md5, scanlines, CPU cycles and PC frame by frame with the traces recorded from the real ALE
/// (shared/ale-traces). A tiny stand-in for the ALE layer drives the inputs (ALE-NOTES A.2, A.3, A.5, A.6).
/// </summary>
public sealed class TiaTraceTests
{
    [Theory]
    [InlineData("pong")]
    [InlineData("breakout")]
    [InlineData("space_invaders")]
    [InlineData("seaquest")]
    [InlineData("demon_attack")]
    public void MatchesAleTrace(string game)
    {
        string? mismatch = TraceRunner.FirstMismatch(game, frames: 5000);
        Assert.True(mismatch is null, mismatch);
    }

    [Fact]
    public void QbertResetFramesHitTheInstructionLimitAndTheNextFrameFinishesThem()
    {
        // ALE-NOTES A.11: the 8 RESET frames of Q*bert's reset never reach VSYNC; the first act() frame completes the
        // carried-over frame (600,088 cycles, 7,895 scanlines), the next is 12 scanlines (844 cycles), then 262.
        var ale = new MiniAle("qbert", File.ReadAllBytes(Path.Combine(TestPaths.Roms(), "qbert.bin")), resetFrames: 68);
        ale.LoadRom();
        Assert.True(ale.Machine.Tia.PartialFrame);
        ale.Act(0);
        Assert.Equal((600_088L, 7_895), (ale.Machine.Cpu.Cycles, ale.Machine.Tia.Scanlines));
        ale.Act(0);
        Assert.Equal((844L, 12), (ale.Machine.Cpu.Cycles, ale.Machine.Tia.Scanlines));
        ale.Act(0);
        Assert.Equal(262, ale.Machine.Tia.Scanlines);
    }

    [Fact]
    public void PongStateAfterLoadRomMatches()
    {
        // The first check the brief asks for: ALE's power-on and reset on Pong.
        string? mismatch = TraceRunner.FirstMismatch("pong", frames: 0);
        Assert.True(mismatch is null, mismatch);
    }
}

/// <summary>Replays one trace and reports the first difference.</summary>
internal static class TraceRunner
{
    public static string? FirstMismatch(string game, int frames)
    {
        string traceDir = TestPaths.Traces();
        string tracePath = Path.Combine(traceDir, game + ".jsonl.gz");
        Assert.True(File.Exists(tracePath), $"trace {tracePath} is missing");
        string[] lines = ReadLines(tracePath);
        using JsonDocument header = JsonDocument.Parse(lines[0]);
        JsonElement initial = header.RootElement.GetProperty("initial_state");
        int resetFrames = header.RootElement.GetProperty("reset_emulated_frames").GetInt32();

        var ale = new MiniAle(game, File.ReadAllBytes(Path.Combine(TestPaths.Roms(), game + ".bin")), resetFrames);
        ale.LoadRom();
        string? m = Compare(ale, initial, "after loadROM");
        if (m is not null) return m;

        for (int t = 0; t < frames && t + 1 < lines.Length; t++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[t + 1]);
            JsonElement f = doc.RootElement;
            ale.Act(f.GetProperty("action").GetInt32());
            m = Compare(ale, f, $"frame t={t}");
            if (m is not null) return m;
            if (f.TryGetProperty("reset", out JsonElement reset))
            {
                ale.ResetGame();
                m = Compare(ale, reset, $"reset after t={t}");
                if (m is not null) return m;
            }
        }
        return null;
    }

    private static string? Compare(MiniAle ale, JsonElement expected, string where)
    {
        Atari2600 machine = ale.Machine;
        string ram = Convert.ToHexString(machine.Riot.Ram).ToLowerInvariant();
        string wantRam = expected.GetProperty("ram").GetString()!;
        int scanlines = machine.Tia.Scanlines;
        long cycles = machine.Cpu.Cycles;
        int pc = machine.Cpu.PC;
        string md5 = Convert.ToHexString(MD5.HashData(machine.Tia.Screen)).ToLowerInvariant();
        var problems = new List<string>();
        if (expected.TryGetProperty("scanlines", out var sl) && sl.GetInt32() != scanlines) problems.Add($"scanlines {scanlines} (want {sl.GetInt32()})");
        if (expected.TryGetProperty("cpu_cycles", out var cy) && cy.GetInt64() != cycles) problems.Add($"cpu_cycles {cycles} (want {cy.GetInt64()})");
        if (expected.TryGetProperty("pc", out var p) && p.GetInt32() != pc) problems.Add($"pc {pc} (want {p.GetInt32()})");
        if (ram != wantRam)
        {
            var bytes = new List<string>();
            byte[] want = Convert.FromHexString(wantRam);
            for (int i = 0; i < 128; i++)
                if (want[i] != machine.Riot.Ram[i]) bytes.Add($"${0x80 + i:X2}={machine.Riot.Ram[i]:X2}(want {want[i]:X2})");
            problems.Add("ram " + string.Join(" ", bytes.Take(12)));
        }
        if (expected.GetProperty("screen_md5").GetString() != md5) problems.Add("screen_md5");
        return problems.Count == 0 ? null : $"{ale.Game} {where}: " + string.Join("; ", problems);
    }

    private static string[] ReadLines(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

/// <summary>
/// The part of ALE these tests need: power-on, environment reset and one frame per action, with the joystick,
/// paddle and console-switch wiring of the traced games.
/// </summary>
internal sealed class MiniAle
{
    private const int PaddleMin = 27450;
    private const int PaddleMax = 790196;
    private const int PaddleCentre = 408823;
    private const int PaddleStep = 23000;

    private readonly bool _paddles;
    private readonly bool _swapPaddles;
    private readonly bool _rightPortPaddles;
    private readonly int _softResets;
    private readonly int[] _paddle = new int[2];

    public MiniAle(string game, byte[] rom, int resetFrames)
    {
        Game = game;
        _paddles = game is "pong" or "breakout";
        _swapPaddles = game == "pong";
        _rightPortPaddles = game == "pong";
        _softResets = (resetFrames - 60) / 4;
        Machine = new Atari2600(Cartridge.Create(rom, rom.Length == 2048 ? "2K" : rom.Length == 4096 ? "4K" : "F8"), new Mt19937(4753849));
        Machine.Tia.YStart = game == "qbert" ? 40 : 34;
    }

    public string Game { get; }

    public Atari2600 Machine { get; }

    /// <summary>ALE loadROM: power-on, reset, 60 frames without input events, reset, then an environment reset.</summary>
    public void LoadRom()
    {
        Machine.PowerOn();
        Machine.ConsoleReset();
        // No input events yet: paddle resistances read 0 (charged), switches as in the ROM properties.
        SetInputs(up: false, down: false, left: false, right: false, fire: false, reset: false, paddleValues: [0, 0]);
        for (int i = 0; i < 60; i++) Machine.RunFrame();
        Machine.ConsoleReset();
        ResetGame();
    }

    /// <summary>ALE reset_game: paddles centred, console reset, 60 NOOP frames, then the RESET-held frames.</summary>
    public void ResetGame()
    {
        _paddle[0] = _paddle[1] = PaddleCentre;
        Machine.ConsoleReset();
        for (int i = 0; i < 60; i++) Frame(0, reset: false);
        for (int i = 0; i < 4 * _softResets; i++) Frame(0, reset: true);
    }

    public void Act(int action) => Frame(action, reset: false);

    private void Frame(int action, bool reset)
    {
        bool fire = action is 1 or >= 10;
        bool up = action is 2 or 6 or 7 or 10 or 14 or 15;
        bool right = action is 3 or 6 or 8 or 11 or 14 or 16;
        bool left = action is 4 or 7 or 9 or 12 or 15 or 17;
        bool down = action is 5 or 8 or 9 or 13 or 16 or 17;
        if (_paddles)
        {
            if (right) _paddle[0] = Math.Max(PaddleMin, _paddle[0] - PaddleStep);
            if (left) _paddle[0] = Math.Min(PaddleMax, _paddle[0] + PaddleStep);
        }
        SetInputs(up, down, left, right, fire, reset, _paddle);
        Machine.RunFrame();
    }

    private void SetInputs(bool up, bool down, bool left, bool right, bool fire, bool reset, int[] paddleValues)
    {
        Tia tia = Machine.Tia;
        byte swcha = 0xFF;
        if (_paddles)
        {
            // Paddle 0's button: SWCHA bit 7, or bit 6 with swapped paddles. The pins: INPT0 = paddle 0 (1 if swapped).
            if (fire) swcha &= (byte)~(_swapPaddles ? 0x40 : 0x80);
            tia.PaddleResistance[0] = _swapPaddles ? paddleValues[1] : paddleValues[0];
            tia.PaddleResistance[1] = _swapPaddles ? paddleValues[0] : paddleValues[1];
            tia.PaddleResistance[2] = _rightPortPaddles ? 0 : Tia.MaximumResistance;
            tia.PaddleResistance[3] = _rightPortPaddles ? 0 : Tia.MaximumResistance;
            tia.Fire0 = false;
        }
        else
        {
            if (right) swcha &= 0x7F;
            if (left) swcha &= 0xBF;
            if (down) swcha &= 0xDF;
            if (up) swcha &= 0xEF;
            tia.Fire0 = fire;
        }
        tia.Fire1 = false;
        Machine.Riot.JoystickBits = swcha;
        Machine.Riot.SwitchBits = (byte)(reset ? 0x3E : 0x3F);
    }
}

/// <summary>Locates the shared ROMs and traces: RIMS_ROMS, else ../shared/roms next to the repository (found by Rims.sln).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rims.sln"))) dir = dir.Parent;
        if (dir is not null) return dir.FullName;
        // With an artifacts path outside the repository, fall back to the root recorded at build time.
        string? recorded = typeof(TestPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        Assert.True(recorded is not null && File.Exists(Path.Combine(recorded, "Rims.sln")), "cannot find the repository root (Rims.sln)");
        return recorded!;
    }

    public static string Roms()
    {
        string? env = Environment.GetEnvironmentVariable("RIMS_ROMS");
        string dir = !string.IsNullOrWhiteSpace(env) ? env : Path.Combine(RepositoryRoot(), "..", "shared", "roms");
        Assert.True(Directory.Exists(dir), $"ROM folder {dir} is missing (set RIMS_ROMS)");
        return dir;
    }

    public static string Traces()
    {
        string dir = Path.Combine(RepositoryRoot(), "..", "shared", "ale-traces");
        Assert.True(Directory.Exists(dir), $"trace folder {dir} is missing");
        return dir;
    }
}
