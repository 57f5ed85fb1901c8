using System.CommandLine;
using Rims.Agents.Cli;

// Entry point: every verb lives in its own file under Cli/ and is attached here.
var root = new RootCommand("Rims: PPO with swappable recurrent cores (LSTM, GRU, RIMs) on grid worlds and Atari.");
var bench = new Command("bench", "Speed benchmarks (steps or frames per second).");
// Verbs (one line each; keep README's verb list in step):
root.Subcommands.Add(PpoCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(EnvsCommand.Create());
root.Subcommands.Add(bench);
return CliRunner.Run(root, args);
