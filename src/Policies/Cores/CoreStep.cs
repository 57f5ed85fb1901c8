using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>One step of a core.</summary>
/// <param name="Output">What the actor and critic read, [B, OutputSize].</param>
/// <param name="State">The next flat state, [B, StateSize].</param>
/// <param name="ActiveUnits">For modular cores (RIMs): which units updated this step, [B, K] in {0,1}; else null.</param>
public sealed record CoreStep(Tensor Output, Tensor State, Tensor? ActiveUnits);
