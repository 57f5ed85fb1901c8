using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>A sequence pass of a core.</summary>
/// <param name="Outputs">[T, B, OutputSize].</param>
/// <param name="FinalState">[B, StateSize].</param>
/// <param name="ActiveUnits">[T, B, K] for modular cores, else null.</param>
public sealed record CoreSequence(Tensor Outputs, Tensor FinalState, Tensor? ActiveUnits);
