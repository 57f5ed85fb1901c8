using Rims.Agents.Cli;
using Rims.Agents.Hosting;

// Entry point: the verbs live in Cli/ (CliApp lists them). The process set-up (heap tuning, OpenMP wait policy) goes
// before the first torch call, and torch is checked so a broken native install is reported in one line instead of deep
// inside a run.
var status = TrainerProcess.Prepare();
foreach (var warning in status.Warnings) Console.Error.WriteLine($"warning: {warning}");
if (status.TorchProblem is { } torchProblem)
{
    Console.Error.WriteLine($"error: {torchProblem}");
    return 1;
}
return CliRunner.Run(CliApp.Create(), args);
