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
