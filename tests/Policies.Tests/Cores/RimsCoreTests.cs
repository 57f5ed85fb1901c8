using Rims.Policies.Cores;
using static TorchSharp.torch;

namespace Rims.Policies.Tests.Cores;

public class RimsCoreTests
{
    private static RimsCore Make(RimsCellType cell = RimsCellType.Lstm, RimsSelection selection = RimsSelection.NullInput) =>
        new(12, new RimsConfig { InputSize = 0, Hidden = 5, Units = 4, ActiveUnits = 2, Cell = cell, Selection = selection, InputKey = 8, CommHeads = 2, CommKey = 4, CommValue = 4 });

    [Fact]
    public void StateHoldsHThenCForEveryUnit()
    {
        using var lstm = Make();
        Assert.Equal(20, lstm.OutputSize);
        Assert.Equal(40, lstm.StateSize);
        Assert.Equal(4, lstm.Units);
        using var gru = Make(RimsCellType.Gru);
        Assert.Equal(20, gru.StateSize);
    }

    [Theory]
    [InlineData(RimsCellType.Lstm, RimsSelection.NullInput)]
    [InlineData(RimsCellType.Gru, RimsSelection.SoftmaxOverUnits)]
    public void InactiveUnitsKeepTheirStateExactly(RimsCellType cell, RimsSelection selection)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        var core = Make(cell, selection);
        var state = randn(3, core.StateSize);
        var step = core.Step(randn(3, 12), state, zeros(3));
        Assert.Equal(new long[] { 3, 4 }, step.ActiveUnits!.shape);
        Assert.All(step.ActiveUnits.sum(1).data<float>().ToArray(), active => Assert.Equal(2f, active));
        int blocks = core.StateSize / 5;
        for (int b = 0; b < 3; b++)
            for (int k = 0; k < 4; k++)
            {
                bool active = step.ActiveUnits[b, k].item<float>() == 1f;
                for (int block = k; block < blocks; block += 4)   // h block, and c block for LSTM
                {
                    var before = state[b].narrow(0, block * 5, 5);
                    var after = step.State[b].narrow(0, block * 5, 5);
                    Assert.Equal(!active, before.eq(after).all().item<bool>());
                }
            }
    }

    [Fact]
    public void SequenceEqualsSteppingAndMasksResetTheState()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var core = Make();
        var x = randn(5, 2, 12);
        var starts = zeros(5, 2);
        starts[3, 0] = tensor(1f);
        var initial = randn(2, core.StateSize);
        var sequence = core.Sequence(x, initial, starts);
        var state = initial;
        for (int t = 0; t < 5; t++)
        {
            var step = core.Step(x[t], state, starts[t]);
            Assert.True(step.Output.allclose(sequence.Outputs[t], atol: 1e-6));
            Assert.True(step.ActiveUnits!.eq(sequence.ActiveUnits![t]).all().item<bool>());
            state = step.State;
        }
        var fromZero = core.Step(x[0], zeros(2, core.StateSize), zeros(2));
        var masked = core.Step(x[0], randn(2, core.StateSize), ones(2));
        Assert.True(fromZero.Output.allclose(masked.Output));
    }

    [Theory]
    [InlineData(RimsCellType.Lstm, RimsSelection.NullInput)]
    [InlineData(RimsCellType.Gru, RimsSelection.SoftmaxOverUnits)]
    public void ActingWithoutGradientEqualsTheRecordedStep(RimsCellType cell, RimsSelection selection)
    {
        // Without gradient recording a step takes the sequence path with T = 1 (the hand-written recurrence for
        // LSTM/null-input); with it, the op-by-op step. Same outputs, state and masks through 6 steps with resets.
        using var scope = NewDisposeScope();
        random.manual_seed(8);
        var core = Make(cell, selection);
        var x = randn(6, 3, 12);
        var starts = zeros(6, 3);
        starts[2, 1] = tensor(1f);
        var acting = randn(3, core.StateSize);
        var recorded = acting.clone();
        for (int t = 0; t < 6; t++)
        {
            CoreStep fast;
            using (no_grad()) fast = core.Step(x[t], acting, starts[t]);
            var reference = core.Step(x[t], recorded, starts[t]);
            Assert.True(fast.ActiveUnits!.eq(reference.ActiveUnits!).all().item<bool>(), $"masks differ at t={t}");
            AssertClose(reference.Output.detach(), fast.Output, $"output at t={t}");
            AssertClose(reference.State.detach(), fast.State, $"state at t={t}");
            (acting, recorded) = (fast.State, reference.State.detach());
        }
    }

    [Theory]
    [InlineData(RimsCellType.Lstm, RimsSelection.NullInput)]
    [InlineData(RimsCellType.Gru, RimsSelection.NullInput)]
    [InlineData(RimsCellType.Gru, RimsSelection.SoftmaxOverUnits)]
    public void SequencePathEqualsSteppingInOutputsMasksAndGradients(RimsCellType cell, RimsSelection selection)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var core = Make(cell, selection);
        const int steps = 9, batch = 3;
        var x = randn(steps, batch, 12);
        // Episode starts in the middle (one row twice), so the replay must zero the state exactly where acting did.
        var starts = zeros(steps, batch);
        starts[3, 1] = tensor(1f);
        starts[6, 0] = tensor(1f);
        starts[6, 1] = tensor(1f);
        var initial = randn(batch, core.StateSize);
        var cotangent = randn(steps, batch, core.OutputSize);

        var (sequenceOutputs, sequenceMasks, sequenceFinal, sequenceGradients) = Run(useSequence: true);
        var (steppedOutputs, steppedMasks, steppedFinal, steppedGradients) = Run(useSequence: false);

        Assert.True(sequenceMasks.eq(steppedMasks).all().item<bool>(), "active-unit masks differ");
        AssertClose(steppedOutputs, sequenceOutputs, "outputs");
        AssertClose(steppedFinal, sequenceFinal, "final state");
        foreach (var name in steppedGradients.Keys)
        {
            var expected = steppedGradients[name];
            double scale = Math.Max(expected.abs().max().item<float>(), 1e-12);
            double error = (sequenceGradients[name] - expected).abs().max().item<float>() / scale;
            Assert.True(error <= 1e-4, $"gradient of {name}: relative error {error:E2} > 1e-4");
        }

        (Tensor Outputs, Tensor Masks, Tensor Final, Dictionary<string, Tensor> Gradients) Run(bool useSequence)
        {
            core.zero_grad();
            var input = x.detach().requires_grad_(true);
            var state0 = initial.detach().requires_grad_(true);
            Tensor outputs, masks, final;
            if (useSequence)
            {
                var sequence = core.Sequence(input, state0, starts);
                (outputs, masks, final) = (sequence.Outputs, sequence.ActiveUnits!, sequence.FinalState);
            }
            else
            {
                var state = state0;
                var (outs, actives) = (new List<Tensor>(), new List<Tensor>());
                for (int t = 0; t < steps; t++)
                {
                    var step = core.Step(input[t], state, starts[t]);
                    outs.Add(step.Output);
                    actives.Add(step.ActiveUnits!);
                    state = step.State;
                }
                (outputs, masks, final) = (stack(outs), stack(actives), state);
            }
            (outputs * cotangent).sum().backward();
            var gradients = core.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.clone());
            gradients["x"] = input.grad!.clone();
            gradients["initial state"] = state0.grad!.clone();
            return (outputs.detach(), masks, final.detach(), gradients);
        }
    }

    [Fact]
    public void DropoutIsDrawnInTrainingAndOffInEval()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(6);
        var core = new RimsCore(12, new RimsConfig { InputSize = 0, Hidden = 5, Units = 4, ActiveUnits = 2, InputKey = 8, CommHeads = 2, CommKey = 4, CommValue = 4, Dropout = 0.5 });
        var (x, state, starts) = (randn(4, 2, 12), randn(2, core.StateSize), zeros(4, 2));
        core.train();
        var first = core.Sequence(x, state, starts).Outputs;
        var second = core.Sequence(x, state, starts).Outputs;
        Assert.False(first.allclose(second), "training-mode dropout drew the same masks twice");
        core.eval();
        Assert.True(core.Sequence(x, state, starts).Outputs.allclose(core.Sequence(x, state, starts).Outputs));
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        double error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= 1e-5, $"{what}: max abs difference {error:E2} > 1e-5");
    }

    [Fact]
    public void EveryParameterGetsGradientFromTheOutputs()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        var core = Make();
        var outputs = core.Sequence(randn(6, 4, 12), randn(4, core.StateSize), zeros(6, 4)).Outputs;
        (outputs * randn(outputs.shape)).sum().backward();
        foreach (var (name, p) in core.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
    }

    [Theory]
    [InlineData(0, 4, "k_A")]
    [InlineData(5, 4, "k_A")]
    [InlineData(2, 0, "number of units")]
    public void BadConfigsAreRejectedByName(int active, int units, string named)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new RimsConfig { InputSize = 3, Hidden = 2, Units = units, ActiveUnits = active }.Validated());
        Assert.Contains(named, error.Message);
    }
}
