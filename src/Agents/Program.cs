using Rims.Agents.Cli;

// Entry point: the verbs live in Cli/ (CliApp lists them). Torch is checked first so a broken native
// install is reported in one line instead of deep inside a run.
if (TorchStartupCheck.Run() is { } torchProblem)
{
    Console.Error.WriteLine($"error: {torchProblem}");
    return 1;
}
return CliRunner.Run(CliApp.Create(), args);
