using Rims.Envs;
using Rims.Policies.Cores;
using Rims.Policies.Encoders;
using static TorchSharp.torch;

namespace Rims.Policies.Tests;

public class ActorCriticTests
{
    private static readonly ObservationSpec GridSpec = new(new ObservationPart("image", [7, 7, 3]), new ObservationPart("mission", [5]));

    private static ActorCritic Make(ObservationSpec spec, SequenceCore core) =>
        new(EncoderFactory.Create(spec, 16), core, 7);

    private static Tensor RandomObservations(params long[] shape) => randint(0, 6, shape, dtype: ScalarType.Byte);

    [Fact]
    public void SequenceReplayReproducesTheActingLogitsAndValues()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var policy = Make(GridSpec, new LstmCore(16, 12));
        const int steps = 6, batch = 4;
        var observations = RandomObservations(steps, batch, GridSpec.Size);
        var starts = zeros(steps, batch);
        starts[0] = ones(batch);
        starts[3, 2] = tensor(1f);
        var initial = randn(batch, policy.Core.StateSize);
        var state = initial;
        var actingLogits = new List<Tensor>();
        var actingValues = new List<Tensor>();
        for (int t = 0; t < steps; t++)
        {
            var step = policy.Step(observations[t], state, starts[t]);
            actingLogits.Add(step.Logits);
            actingValues.Add(step.Values);
            state = step.State;
        }
        var replay = policy.Sequence(observations, initial, starts);
        Assert.True(stack(actingLogits).allclose(replay.Logits, rtol: 1e-5, atol: 1e-6));
        Assert.True(stack(actingValues).allclose(replay.Values, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void HeadsStartNearUniformAndEveryParameterGetsGradient()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        var policy = Make(GridSpec, new GruCore(16, 12));
        var replay = policy.Sequence(RandomObservations(3, 2, GridSpec.Size), zeros(2, 12), zeros(3, 2));
        // Actor gain 0.01: initial logits are tiny, so the initial policy is close to uniform.
        Assert.True(replay.Logits.abs().max().item<float>() < 0.1f);
        (replay.Logits.sum() + replay.Values.sum()).backward();
        foreach (var (name, p) in policy.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
    }

    [Fact]
    public void NatureCnnReadsStackedFrames()
    {
        using var scope = NewDisposeScope();
        var spec = new ObservationSpec(new ObservationPart("frames", [4, 84, 84]));
        var encoder = EncoderFactory.Create(spec, 512);
        Assert.IsType<NatureCnn>(encoder);
        var features = encoder.forward(RandomObservations(2, spec.Size));
        Assert.Equal(new long[] { 2, 512 }, features.shape);
    }

    [Fact]
    public void GridCnnReadsMiniGridsDirection()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        var spec = new ObservationSpec(new ObservationPart("image", [7, 7, 3]), new ObservationPart("direction", [1]),
                                       new ObservationPart("mission", [9]));
        var encoder = EncoderFactory.Create(spec, 16);
        Assert.IsType<GridCnn>(encoder);
        var observations = RandomObservations(1, spec.Size);
        var turned = observations.clone();
        observations[0, 147] = tensor((byte)0);
        turned[0, 147] = tensor((byte)2);
        Assert.False(encoder.forward(observations).allclose(encoder.forward(turned)));
        Assert.Throws<ArgumentException>(() => new GridCnn(new ObservationSpec(new ObservationPart("image", [7, 7, 3]), new ObservationPart("direction", [4]))));
    }

    [Fact]
    public void GridCnnRejectsAWrongImageShape()
    {
        var spec = new ObservationSpec(new ObservationPart("image", [5, 5, 3]));
        Assert.Throws<ArgumentException>(() => new GridCnn(spec));
        Assert.IsType<MlpEncoder>(EncoderFactory.Create(spec, 8));
    }

    [Fact]
    public void SampledActionsFollowTheLogits()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 0, 0, 5f }).reshape(1, 3).expand(2000, 3);
        using var generator = new TorchSharp.torch.Generator(7);
        var actions = ActionDistribution.Sample(logits, generator);
        double share = actions.eq(2).to_type(ScalarType.Float32).mean().item<float>();
        double expected = Math.Exp(5) / (2 + Math.Exp(5));
        Assert.InRange(share, expected - 0.02, expected + 0.02);
        var logProb = ActionDistribution.LogProb(logits[..1], tensor(new long[] { 2 }));
        Assert.Equal(Math.Log(expected), logProb.item<float>(), 4);
        var entropy = ActionDistribution.Entropy(zeros(1, 4));
        Assert.Equal(Math.Log(4), entropy.item<float>(), 5);
    }
}
