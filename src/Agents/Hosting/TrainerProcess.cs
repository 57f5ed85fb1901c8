namespace Rims.Agents.Hosting;

/// <summary>What <see cref="TrainerProcess.Prepare"/> found.</summary>
/// <param name="Warnings">Tunings that could not be applied (training works, only slower); one line each.</param>
/// <param name="TorchProblem">Why libtorch cannot be used, naming the fix, or null when it works.</param>
public sealed record TrainerProcessStatus(IReadOnlyList<string> Warnings, string? TorchProblem);

/// <summary>
/// The process set-up every trainer wants, in the order it must happen: <see cref="NativeHeapTuning"/> (before any
/// tensor buffer exists), <see cref="OpenMpWaitPolicy"/> (before libtorch loads libgomp) and <see cref="TorchStartupCheck"/>
/// (libtorch loads and computes). The `rims` tool calls it first thing; a program on the training API should too,
/// before its first torch call, else it trains correctly but slower (the README's numbers assume it).
/// </summary>
public static class TrainerProcess
{
    /// <summary>Applies the tunings and checks torch; never throws.</summary>
    public static TrainerProcessStatus Prepare()
    {
        var warnings = new List<string>();
        if (NativeHeapTuning.Apply() is { } heap) warnings.Add(heap);
        if (OpenMpWaitPolicy.Apply() is { } wait) warnings.Add(wait);
        return new TrainerProcessStatus(warnings, TorchStartupCheck.Run());
    }
}
