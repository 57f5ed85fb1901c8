using System.CommandLine;
using Rims.Envs;
using Rims.Envs.MiniGrid.Verification;

namespace Rims.Agents.Cli;

/// <summary>`minigrid verify`: replay Minigrid 3.1.0 reference traces against the reproduced envs, episode by episode.</summary>
public static class MiniGridCommand
{
    /// <summary>Builds the verb with its sub-verb.</summary>
    public static Command Create()
    {
        var command = new Command("minigrid", "MiniGrid/BabyAI tools: check the reproduced envs against reference traces.");
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateVerify()
    {
        var command = new Command("verify",
            "Replay MiniGrid reference traces (Minigrid 3.1.0, as in shared/minigrid-traces): reset with each recorded seed, " +
            "take the recorded actions, compare the generator state, grid, pose, mission and every step's observation, reward, " +
            "terminated/truncated and carried object. Prints per file the episodes matched out of total and the first mismatch " +
            "(seed, step, field, both values). Exit 0 only when every episode of every file matches.");
        var files = new Argument<string[]>("traces")
        {
            Description = "Trace files (<env-id>.seeds-0-149.jsonl.gz)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        command.Arguments.Add(files);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            if (paths.Length == 0)
                throw new CliUsageException(
                    "minigrid verify needs trace files, e.g. `minigrid verify ../shared/minigrid-traces/*.jsonl.gz`");
            foreach (var path in paths)
                InputPaths.RequireFile(Path.GetFullPath(path), "trace file");

            bool exact = true;
            int matched = 0, total = 0;
            foreach (var path in paths)
            {
                var report = MiniGridTraceVerifier.Verify(MiniGridTrace.Read(path));
                Console.Write(report.Summary());
                exact &= report.IsExact;
                matched += report.MatchedEpisodes;
                total += report.Episodes;
            }
            if (paths.Length > 1)
                Console.WriteLine(exact ? $"all {total} episodes of {paths.Length} files match" : $"{matched}/{total} episodes match");
            return exact ? 0 : 1;
        });
        return command;
    }
}
