using System.CommandLine;
using Rims.Agents.Cli.Bench;

namespace Rims.Agents.Cli;

/// <summary>The command tree. Keep README's verb list in step with it.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with every verb attached.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Rims: PPO with swappable recurrent cores (LSTM, GRU, RIMs) on grid worlds and Atari.");
        root.Subcommands.Add(PpoCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(CompareRunCommand.Create());
        root.Subcommands.Add(CompareReportCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(PaperCommand.Create());
        root.Subcommands.Add(EnvsCommand.Create());
        root.Subcommands.Add(AtariCommand.Create());
        root.Subcommands.Add(MiniGridCommand.Create());

        var bench = new Command("bench", "Speed benchmarks (steps or frames per second).");
        bench.Subcommands.Add(BenchEnvsCommand.Create());
        bench.Subcommands.Add(BenchRimsCommand.Create());
        bench.Subcommands.Add(BenchAtariCommand.Create());
        bench.Subcommands.Add(BenchPpoCommand.Create());
        root.Subcommands.Add(bench);
        return root;
    }
}
