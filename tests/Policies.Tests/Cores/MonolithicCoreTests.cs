using Rims.Policies.Cores;
using TorchSharp;
using static TorchSharp.torch;

namespace Rims.Policies.Tests.Cores;

public class MonolithicCoreTests
{
    public static TheoryData<string> Cores => new() { "lstm", "gru" };

    private static SequenceCore Make(string kind, int input, int hidden) => kind switch
    {
        "lstm" => new LstmCore(input, hidden),
        _ => new GruCore(input, hidden),
    };

    [Theory]
    [MemberData(nameof(Cores))]
    public void StateHasTheDocumentedWidth(string kind)
    {
        using var core = Make(kind, 5, 7);
        Assert.Equal(kind == "lstm" ? 14 : 7, core.StateSize);
        Assert.Equal(7, core.OutputSize);
        using var state = core.InitialState(3);
        Assert.Equal(new long[] { 3, core.StateSize }, state.shape);
        Assert.Equal(0f, state.abs().sum().item<float>());
    }

    [Theory]
    [MemberData(nameof(Cores))]
    public void SequenceEqualsSteppingWithTheSameMasks(string kind)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        var core = Make(kind, 4, 6);
        var x = randn(5, 3, 4);
        var starts = zeros(5, 3);
        starts[2, 1] = tensor(1f);
        starts[4, 0] = tensor(1f);
        var state = randn(3, core.StateSize);
        var sequence = core.Sequence(x, state, starts);
        var stepped = state;
        for (int t = 0; t < 5; t++)
        {
            var step = core.Step(x[t], stepped, starts[t]);
            Assert.True(step.Output.allclose(sequence.Outputs[t], rtol: 1e-5, atol: 1e-6), $"output differs at t={t}");
            stepped = step.State;
        }
        Assert.True(stepped.allclose(sequence.FinalState, rtol: 1e-5, atol: 1e-6));
    }

    [Theory]
    [MemberData(nameof(Cores))]
    public void AnEpisodeStartZeroesTheStateBeforeTheStep(string kind)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        var core = Make(kind, 4, 6);
        var x = randn(2, 4);
        var fromZero = core.Step(x, core.InitialState(2), zeros(2)).Output;
        var masked = core.Step(x, randn(2, core.StateSize) * 5, ones(2)).Output;
        var unmasked = core.Step(x, randn(2, core.StateSize) * 5, zeros(2)).Output;
        Assert.True(masked.allclose(fromZero));
        Assert.False(unmasked.allclose(fromZero));
    }

    [Theory]
    [MemberData(nameof(Cores))]
    public void WeightsAreOrthogonalAndBiasesZero(string kind)
    {
        using var scope = NewDisposeScope();
        var core = Make(kind, 8, 8);
        foreach (var (name, p) in core.named_parameters())
        {
            if (name.Contains("bias")) Assert.Equal(0f, p.abs().sum().item<float>());
            else
            {
                // Orthogonal rows: W W^T = I for the (gates*hidden) x input matrix's smaller side.
                var w = p.shape[0] > p.shape[1] ? p.t() : p;
                var gram = w.matmul(w.t());
                Assert.True(gram.allclose(eye(gram.shape[0]), atol: 1e-4), $"{name} is not orthogonal");
            }
        }
    }

    [Fact]
    public void ParameterNamesStayWhatCheckpointsHold()
    {
        // Checkpoints store parameters by name: renaming a core's field or moving it into a base class must not
        // change these, or older checkpoints stop loading.
        using var lstm = new LstmCore(4, 6);
        using var gru = new GruCore(4, 6);
        using var ff = new FeedForwardCore(4, 6);
        string[] cell = ["cell.weight_ih", "cell.weight_hh", "cell.bias_ih", "cell.bias_hh"];
        Assert.Equal(cell, lstm.named_parameters().Select(p => p.name));
        Assert.Equal(cell, gru.named_parameters().Select(p => p.name));
        Assert.Equal(["layer.weight", "layer.bias"], ff.named_parameters().Select(p => p.name));
    }
}
