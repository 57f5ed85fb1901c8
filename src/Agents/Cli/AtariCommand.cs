using System.CommandLine;
using Rims.Envs;
using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;
using Rims.Envs.Atari.Verification;

namespace Rims.Agents.Cli;

/// <summary>`atari roms` (what a ROM folder holds) and `atari verify` (replay ALE reference traces and compare frame by frame).</summary>
public static class AtariCommand
{
    private static readonly string[] RomExtensions = [".bin", ".a26", ".rom"];

    /// <summary>Builds the verb with its two sub-verbs.</summary>
    public static Command Create()
    {
        var command = new Command("atari", "Atari 2600 / ALE tools: list a ROM folder, check the emulator against ALE traces.");
        command.Subcommands.Add(CreateRoms());
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Option<string?> RomsOption() =>
        new("--roms") { Description = $"ROM folder (default: ${RomLocator.EnvironmentVariable}, else ./roms)" };

    private static Command CreateRoms()
    {
        var command = new Command("roms", "List the ROM folder: file, md5, game, cartridge type, and whether it is a supported ALE ROM.");
        var roms = RomsOption();
        command.Options.Add(roms);
        command.SetAction(parse =>
        {
            string directory = RomLocator.ResolveDirectory(parse.GetValue(roms));
            InputPaths.RequireFolder(directory, "ROM folder", $". Point to the ALE ROM set with --roms DIR or {RomLocator.EnvironmentVariable}=DIR.");
            var files = Directory.GetFiles(directory)
                .Where(f => RomExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToArray();
            Console.WriteLine($"ROM folder {directory}: {files.Length} file(s)");
            Console.WriteLine($"{"file",-24} {"md5",-32} {"game",-16} {"cart",-4} status");
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                string name = Path.GetFileName(file);
                string md5 = GameCatalog.Md5Of(File.ReadAllBytes(file));
                if (GameCatalog.TryCreateByMd5(md5, out var game))
                {
                    bool named = string.Equals(name, game.RomName + ".bin", StringComparison.Ordinal);
                    if (named) present.Add(game.RomName);
                    string status = named ? "supported" : $"supported, but rename it {game.RomName}.bin to be found";
                    Console.WriteLine($"{name,-24} {md5,-32} {game.Name,-16} {game.CartridgeType,-4} {status}");
                }
                else
                {
                    Console.WriteLine($"{name,-24} {md5,-32} {"-",-16} {"-",-4} not supported (unknown md5)");
                }
            }
            var missing = GameCatalog.RomNames.Where(r => !present.Contains(r)).ToArray();
            Console.WriteLine($"{present.Count} of {GameCatalog.Count} supported games present" +
                              (missing.Length > 0 ? $"; missing: {string.Join(", ", missing)}" : "."));
            return 0;
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var command = new Command("verify",
            "Replay ALE 0.12.1 reference traces (same settings and actions) and compare RAM, screen, reward, lives, game over, " +
            "frame counters and resets frame by frame. Prints per trace the frames matched out of total and the first mismatch " +
            "(frame, field, both values). Exit 0 only when every frame of every trace matches.");
        var files = new Argument<string[]>("traces")
        {
            Description = "Trace files (<game>.jsonl.gz, as in shared/ale-traces)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var game = new Option<string?>("--game")
        {
            Description = "Instead of files: a game (ROM or CamelCase name) or 'all', looked up in the trace folder",
        };
        var traces = new Option<string?>("--traces")
        {
            Description = $"Trace folder for --game (default: ${TraceLocator.EnvironmentVariable}, else ${TraceLocator.FallbackEnvironmentVariable}, " +
                          "else ./ale-traces or ../shared/ale-traces)",
        };
        var roms = RomsOption();
        var frames = new Option<int?>("--frames") { Description = "Replay only the first N frames of each trace (default: all)" };
        var details = new Option<bool>("--details") { Description = "Also print the per-field table (records compared and matched, first mismatch, debug aids)" };
        command.Arguments.Add(files);
        foreach (var option in new Option[] { game, traces, roms, frames, details }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            int? limit = parse.GetValue(frames);
            if (limit < 1) throw new CliUsageException($"--frames must be at least 1 (got {limit}); leave it out to replay every frame");
            string[] traceFiles = TraceFiles(parse.GetValue(files) ?? [], parse.GetValue(game), parse.GetValue(traces));

            bool exact = true;
            foreach (var file in traceFiles)
            {
                var trace = AleTrace.Read(file);
                string romPath = RomLocator.Find(trace.Game, parse.GetValue(roms));
                var report = TraceVerifier.Verify(trace, romPath, limit);
                Console.Write(report.Summary());
                if (parse.GetValue(details)) Console.Write(report.Format());
                exact &= report.IsFrameExact;
            }
            if (traceFiles.Length > 1)
                Console.WriteLine(!exact ? "some traces do not match"
                    : limit is { } first ? $"all {traceFiles.Length} traces match on each of their first {first} frames"
                    : $"all {traceFiles.Length} traces match on every frame");
            return exact ? 0 : 1;
        });
        return command;
    }

    /// <summary>The trace files to replay: the positional paths, or the --game selection in the trace folder.</summary>
    private static string[] TraceFiles(string[] paths, string? game, string? traceFolder)
    {
        if (paths.Length > 0)
        {
            if (game is not null) throw new CliUsageException("atari verify: give trace files or --game, not both");
            foreach (var path in paths)
                InputPaths.RequireFile(Path.GetFullPath(path), "trace file");
            return paths;
        }
        if (game is null)
            throw new CliUsageException(
                "atari verify needs trace files, e.g. `atari verify ../shared/ale-traces/pong.jsonl.gz` (or --game NAME|all with --traces DIR)");

        string directory = TraceLocator.ResolveDirectory(traceFolder);
        string name = game.Trim();
        if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
        {
            string[] all = AleTrace.FilesIn(directory);
            return all.Length > 0 ? all : throw new FileNotFoundException($"No *.jsonl.gz traces in {directory} or its subfolders.");
        }
        if (!GameCatalog.TryCreate(name, out _))
            throw new CliUsageException($"--game: unknown Atari game '{name}'. Known games: {string.Join(", ", GameCatalog.Names)} (or their ROM names), or 'all'.");
        return [AleTrace.FileFor(name, directory)];
    }
}
