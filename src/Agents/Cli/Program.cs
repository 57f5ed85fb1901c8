using Rims.Agents.Cli;
using Rims.Agents.Hosting;

// Entry point: the verbs live in Cli/ (CliApp lists them). Torch is checked first so a broken native
// install is reported in one line instead of deep inside a run. The heap tuning goes first so every tensor
// buffer, the check's included, comes from the tuned allocator.
if (NativeHeapTuning.Apply() is { } heapWarning) Console.Error.WriteLine($"warning: {heapWarning}");
// Before the first torch call: libgomp reads its wait policy when libtorch loads it.
if (OpenMpWaitPolicy.Apply() is { } waitWarning) Console.Error.WriteLine($"warning: {waitWarning}");
if (TorchStartupCheck.Run() is { } torchProblem)
{
    Console.Error.WriteLine($"error: {torchProblem}");
    return 1;
}
return CliRunner.Run(CliApp.Create(), args);
