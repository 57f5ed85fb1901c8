using static TorchSharp.torch;

namespace Rims.Tests;

/// <summary>
/// The hand-written backward of <see cref="RimsCell.Sequence"/> (LstmSequenceFunction) against the same sequence
/// recorded op by op by autograd (<see cref="RimsCell.HandWrittenBackward"/> off): equal outputs and final state
/// (1e-5), identical masks, equal gradients for every parameter, the input and the initial state (1e-4 relative).
/// </summary>
public class HandWrittenBackwardTests
{
    [Theory]
    // steps, batch, units, active, commKey, commValue, with resets
    [InlineData(9, 3, 4, 2, 4, 4, true)]
    [InlineData(9, 3, 4, 2, 4, 4, false)]
    [InlineData(6, 2, 5, 3, 3, 6, true)]   // key and value sizes differ: the fused projection's blocks are narrowed
    [InlineData(1, 1, 3, 3, 4, 4, false)]  // one step, every unit active
    [InlineData(5, 4, 6, 4, 4, 4, true)]   // the PPO default of 6 units, 4 active
    public void MatchesTheAutogradSequence(int steps, int batch, int units, int active, int commKey, int commValue, bool withResets)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(11);
        using var cell = new RimsCell(new RimsConfig
        {
            InputSize = 12, Hidden = 5, Units = units, ActiveUnits = active, InputKey = 8, CommHeads = 2, CommKey = commKey, CommValue = commValue,
        });
        var x = randn(steps, batch, 12);
        var h0 = randn(batch, units * 5);
        var c0 = randn(batch, units * 5);
        Tensor? resets = null;
        if (withResets)
        {
            resets = zeros(steps, batch);
            resets[steps / 2, 0] = tensor(1f);
            resets[steps - 1, batch - 1] = tensor(1f);
        }
        var cotangentH = randn(steps, batch, units * 5);
        var cotangentC = randn(batch, units * 5);

        var fast = Run(handWritten: true);
        var reference = Run(handWritten: false);

        Assert.True(fast.Mask.eq(reference.Mask).all().item<bool>(), "active-unit masks differ");
        AssertClose(reference.H, fast.H, 1e-5, "outputs");
        AssertClose(reference.FinalH, fast.FinalH, 1e-5, "final h");
        AssertClose(reference.FinalC, fast.FinalC, 1e-5, "final c");
        foreach (var (name, expected) in reference.Gradients)
            AssertClose(expected, fast.Gradients[name], 1e-4, $"gradient of {name}");

        (Tensor H, Tensor FinalH, Tensor FinalC, Tensor Mask, Dictionary<string, Tensor> Gradients) Run(bool handWritten)
        {
            cell.HandWrittenBackward = handWritten;
            cell.zero_grad();
            var input = x.detach().requires_grad_(true);
            var h = h0.detach().requires_grad_(true);
            var c = c0.detach().requires_grad_(true);
            var run = cell.Sequence(input, h, c, resets);
            // The final c enters the loss too, so its gradient path through time is checked as well.
            (run.H * cotangentH).sum().add(run.FinalC!.mul(cotangentC).sum()).backward();
            var gradients = cell.CanonicalParameters().ToDictionary(p => p.Name, p => p.Parameter.grad!.clone());
            gradients["x"] = input.grad!.clone();
            gradients["h0"] = h.grad!.clone();
            gradients["c0"] = c.grad!.clone();
            return (run.H.detach(), run.FinalH.detach(), run.FinalC.detach(), run.Mask, gradients);
        }
    }

    [Theory]
    // units, active, commKey, commValue
    [InlineData(6, 4, 4, 4)]
    [InlineData(5, 3, 3, 6)]
    public void ActingStepsWithoutGradientMatchTheAutogradSteps(int units, int active, int commKey, int commValue)
    {
        // Acting (no_grad: RimsCore steps through the sequence path with T = 1) runs the hand-written recurrence with
        // nothing saved; the reference is Step, the op-by-op path. Each side carries its own state through 7 steps.
        using var scope = NewDisposeScope();
        random.manual_seed(12);
        using var cell = new RimsCell(new RimsConfig
        {
            InputSize = 12, Hidden = 5, Units = units, ActiveUnits = active, InputKey = 8, CommHeads = 2, CommKey = commKey, CommValue = commValue,
        });
        using var noGrad = no_grad();
        var x = randn(7, 3, 12);
        var (fastH, fastC) = (randn(3, units * 5), randn(3, units * 5));
        var (referenceH, referenceC) = (fastH, fastC);
        for (int t = 0; t < 7; t++)
        {
            var fast = cell.Sequence(x[t].unsqueeze(0), fastH, fastC);
            var reference = cell.Step(x[t], referenceH, referenceC);
            Assert.True(fast.Mask[0].eq(reference.Mask).all().item<bool>(), $"active-unit masks differ at t={t}");
            AssertClose(reference.H, fast.H[0], 1e-5, $"h at t={t}");
            AssertClose(reference.C!, fast.FinalC!, 1e-5, $"c at t={t}");
            (fastH, fastC, referenceH, referenceC) = (fast.FinalH, fast.FinalC!, reference.H, reference.C!);
        }
    }

    [Fact]
    public void DropoutInTrainingFallsBackToAutograd()
    {
        // The hand-written backward knows no dropout: with it on in training, both settings must draw the same masks
        // from the same seed, which only the shared autograd path does.
        using var scope = NewDisposeScope();
        using var cell = new RimsCell(new RimsConfig { InputSize = 6, Hidden = 4, Units = 3, ActiveUnits = 2, InputKey = 4, CommHeads = 1, CommKey = 4, CommValue = 4, Dropout = 0.5 });
        cell.train();
        var x = randn(4, 2, 6);
        var h = zeros(2, 12);
        Tensor Run(bool handWritten)
        {
            cell.HandWrittenBackward = handWritten;
            random.manual_seed(3);
            return cell.Sequence(x, h, h).H.detach();
        }
        Assert.True(Run(true).eq(Run(false)).all().item<bool>(), "dropout run differs between the two settings");
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        double scale = Math.Max(expected.abs().max().item<float>(), 1e-12);
        double error = (actual - expected).abs().max().item<float>() / scale;
        Assert.True(error <= tolerance, $"{what}: relative error {error:E2} > {tolerance:E0}");
    }
}
