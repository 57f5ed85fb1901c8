using Rims.Policies.Cores;
using Rims.Policies.Encoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Policies;

/// <summary>One acting step: logits [B, A], values [B], next state [B, S], active units [B, K] or null.</summary>
public sealed record PolicyStep(Tensor Logits, Tensor Values, Tensor State, Tensor? ActiveUnits);

/// <summary>A sequence replay: logits [T, B, A], values [T, B], active units [T, B, K] or null.</summary>
public sealed record PolicySequence(Tensor Logits, Tensor Values, Tensor? ActiveUnits);

/// <summary>
/// Encoder -> core -> actor and critic heads. The heads read the core's output (for RIMs the
/// concatenated state of all units), never the encoder features directly: the official RIMs Atari code
/// bypassed its core that way and its RIM weights never learned.
/// </summary>
public sealed class ActorCritic : nn.Module
{
    private readonly ObservationEncoder encoder;
    private readonly SequenceCore core;
    private readonly Linear actor;
    private readonly Linear critic;

    /// <summary>Builds the policy; heads get orthogonal init with gain 0.01 (actor) and 1 (critic).</summary>
    public ActorCritic(ObservationEncoder encoder, SequenceCore core, int actionCount) : base("actor_critic")
    {
        if (core.InputSize != encoder.FeatureSize)
            throw new ArgumentException($"core input {core.InputSize} != encoder features {encoder.FeatureSize}");
        this.encoder = encoder;
        this.core = core;
        ActionCount = actionCount;
        actor = nn.Linear(core.OutputSize, actionCount);
        critic = nn.Linear(core.OutputSize, 1);
        RegisterComponents();
        using var noGrad = no_grad();
        nn.init.orthogonal_(actor.weight!, 0.01);
        nn.init.zeros_(actor.bias!);
        nn.init.orthogonal_(critic.weight!, 1.0);
        nn.init.zeros_(critic.bias!);
    }

    /// <summary>The core between the encoder and the heads.</summary>
    public SequenceCore Core => core;

    /// <summary>Number of discrete actions.</summary>
    public int ActionCount { get; }

    /// <summary>Trainable parameter count.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>One step: obs uint8 [B, ObsSize], state [B, S], episodeStart [B] (1 = state reset before this step).</summary>
    public PolicyStep Step(Tensor observations, Tensor state, Tensor episodeStart)
    {
        using var features = encoder.forward(observations);
        var step = core.Step(features, state, episodeStart);
        var logits = actor.forward(step.Output);
        var values = critic.forward(step.Output).squeeze(-1);
        return new PolicyStep(logits, values, step.State, step.ActiveUnits);
    }

    /// <summary>
    /// Replays sequences from the state stored at rollout start: obs [T, B, ObsSize], episodeStarts [T, B].
    /// The encoder runs once over all T*B observations; only the core loops over time.
    /// </summary>
    public PolicySequence Sequence(Tensor observations, Tensor initialState, Tensor episodeStarts)
    {
        long steps = observations.shape[0], batch = observations.shape[1];
        using var flat = observations.reshape(steps * batch, observations.shape[2]);
        using var features = encoder.forward(flat);
        using var sequenceFeatures = features.reshape(steps, batch, features.shape[1]);
        var sequence = core.Sequence(sequenceFeatures, initialState, episodeStarts);
        var logits = actor.forward(sequence.Outputs);
        var values = critic.forward(sequence.Outputs).squeeze(-1);
        return new PolicySequence(logits, values, sequence.ActiveUnits);
    }
}
