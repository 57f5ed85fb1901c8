using System.Text.Json.Serialization;
using Rims.Envs;

namespace Rims.Agents.Ppo;

/// <summary>
/// Everything a PPO run depends on. Defaults are the RIMs paper's (Kostrikov's Atari PPO command, DESIGN.md §5)
/// with CleanRL ppo_atari_lstm semantics. Serialised to config.json (snake_case) so a run can be reproduced.
/// </summary>
public sealed record PpoConfig
{
    /// <summary>Environment id (see `envs`).</summary>
    public string Env { get; init; } = "GridPickup";

    /// <summary>Core: lstm, gru, rims, or ff (the memoryless baseline).</summary>
    public string Core { get; init; } = "lstm";

    /// <summary>Seed of the envs (env i gets seed + i), the weights and the action sampling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Agent steps (policy decisions summed over envs) to train for; Atari frames = this x frame skip.</summary>
    public long TotalSteps { get; init; } = 10_000_000;

    /// <summary>Parallel environments.</summary>
    public int NumEnvs { get; init; } = 8;

    /// <summary>Steps per env per rollout (the sequence length the core is trained on).</summary>
    public int NumSteps { get; init; } = 128;

    /// <summary>Adam learning rate at the start.</summary>
    public double LearningRate { get; init; } = 2.5e-4;

    /// <summary>Anneal the learning rate linearly to 0 over the run.</summary>
    public bool AnnealLr { get; init; } = true;

    /// <summary>Adam epsilon (1e-5 as in the PPO implementations the paper used, not PyTorch's 1e-8).</summary>
    public double AdamEps { get; init; } = 1e-5;

    /// <summary>Discount.</summary>
    public float Gamma { get; init; } = 0.99f;

    /// <summary>GAE lambda.</summary>
    public float GaeLambda { get; init; } = 0.95f;

    /// <summary>Minibatches per epoch; each holds NumEnvs / NumMinibatches whole env sequences.</summary>
    public int NumMinibatches { get; init; } = 4;

    /// <summary>Passes over the rollout per update.</summary>
    public int UpdateEpochs { get; init; } = 4;

    /// <summary>Normalise advantages within each minibatch.</summary>
    public bool NormAdv { get; init; } = true;

    /// <summary>Policy ratio clip (the paper's Atari command uses 0.1).</summary>
    public float ClipCoef { get; init; } = 0.1f;

    /// <summary>Clip the value loss around the rollout's values with the same coefficient.</summary>
    public bool ClipVloss { get; init; } = true;

    /// <summary>Entropy bonus coefficient.</summary>
    public float EntCoef { get; init; } = 0.01f;

    /// <summary>Value loss coefficient.</summary>
    public float VfCoef { get; init; } = 0.5f;

    /// <summary>Global gradient-norm clip.</summary>
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Stop an update's epochs early when the approximate KL exceeds this (null: never).</summary>
    public double? TargetKl { get; init; }

    /// <summary>Width of the encoder's feature vector (null: 512 for frames, 128 for grids).</summary>
    public int? Features { get; init; }

    /// <summary>Recurrent state width of LSTM/GRU; RIMs use units x hidden-per-unit (null: the feature width).</summary>
    public int? Hidden { get; init; }

    /// <summary>RIMs settings (used when Core is rims).</summary>
    public RimsOptions Rims { get; init; } = new();

    /// <summary>Torch intra-op threads (null: <see cref="DefaultThreads"/> of the env's observation).</summary>
    public int? Threads { get; init; }

    /// <summary>Threads stepping the envs (1 = on the training thread).</summary>
    public int EnvThreads { get; init; } = 1;

    /// <summary>Save a checkpoint every this many iterations (0: only at the end).</summary>
    public int SaveEvery { get; init; }

    /// <summary>Env-family options passed through to the env factory (e.g. sticky-actions).</summary>
    public Dictionary<string, string> EnvOptions { get; init; } = [];

    /// <summary>ROM folder for Atari envs (null: RIMS_ROMS, else ./roms).</summary>
    public string? Roms { get; init; }

    /// <summary>The plugin assembly <see cref="Env"/> comes from (--env-assembly, a full path), loaded again by a resume and by a comparison's child runs; null for Rims' own envs and envs registered in code.</summary>
    public string? EnvAssembly { get; init; }

    /// <summary>
    /// Torch threads when --threads is not given: all cores for Atari frames, whose Nature CNN convolutions split
    /// well across threads; 1 for grid and vector observations. Their models are so small that libtorch's per-op
    /// parallel regions (every bmm over a handful of units is one) cost more in waking a second thread than they
    /// save, and a second thread only adds contention when another job holds a core (README, `--threads`).
    /// </summary>
    public static int DefaultThreads(ObservationSpec spec) =>
        spec.Parts.Any(p => p.Shape is [_, 84, 84]) ? Math.Max(1, Environment.ProcessorCount) : 1;

    /// <summary>Agent steps collected per iteration.</summary>
    [JsonIgnore] public int BatchSize => NumEnvs * NumSteps;

    /// <summary>
    /// Iterations the run performs: <see cref="TotalSteps"/> rounded up to whole rollouts, so a run never trains
    /// fewer steps than asked (CleanRL's integer division rounds down instead); <see cref="StepRoundingNote"/> says so.
    /// </summary>
    [JsonIgnore] public long Iterations => (TotalSteps + BatchSize - 1) / BatchSize;

    /// <summary>Agent steps the run trains: <see cref="Iterations"/> whole rollouts (config.json's trained_steps).</summary>
    public long TrainedSteps => Iterations * BatchSize;

    /// <summary>A line saying what will be trained when <see cref="TotalSteps"/> is not a whole number of rollouts, else null.</summary>
    [JsonIgnore]
    public string? StepRoundingNote => TotalSteps % BatchSize == 0
        ? null
        : $"--total-steps {TotalSteps} is not a whole number of rollouts (--num-envs {NumEnvs} x --num-steps {NumSteps} = {BatchSize}); " +
          $"training {Iterations} rollouts = {TrainedSteps} steps";

    /// <summary>
    /// Checks every setting of a run: <see cref="Validate"/>, and the env id with its env options against
    /// <paramref name="registry"/> (default: <see cref="EnvRegistry.Default"/>; <see cref="EnvRegistry.Check"/>), without
    /// building anything, so a command can refuse bad input before any side effect.
    /// </summary>
    /// <exception cref="ArgumentException">The message names the option (or env option key), the value and what is allowed.</exception>
    public void ValidateForRun(EnvRegistry? registry = null)
    {
        Validate();
        (registry ?? EnvRegistry.Default).Check(Env, EnvSettings);
    }

    /// <summary>
    /// Checks every training setting (everything but the env, which the trainer gets built: see
    /// <see cref="ValidateForRun"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The message names the option, the value and what is allowed.</exception>
    public void Validate()
    {
        static void Require(bool ok, string option, string rule)
        {
            if (!ok) throw new ArgumentException($"{option} {rule}");
        }
        Require(NumEnvs >= 1, "--num-envs", $"must be at least 1 (got {NumEnvs})");
        Require(NumSteps >= 1, "--num-steps", $"must be at least 1 (got {NumSteps})");
        Require(NumMinibatches >= 1 && NumEnvs % NumMinibatches == 0, "--num-minibatches",
            $"must divide --num-envs ({NumEnvs}) because minibatches are whole env sequences (got {NumMinibatches})");
        // Advantage normalisation divides by the minibatch's sample standard deviation, which one sample does not
        // have (torch.std of one element is NaN): refuse rather than train NaN weights.
        int minibatchSamples = NumEnvs / NumMinibatches * NumSteps;
        Require(!NormAdv || minibatchSamples >= 2, "--num-minibatches",
            $"leaves {minibatchSamples} sample per minibatch ((--num-envs {NumEnvs} / {NumMinibatches}) x --num-steps {NumSteps}); " +
            "advantage normalisation needs at least 2: use fewer minibatches, more envs or steps, or --norm-adv false");
        Require(TotalSteps >= BatchSize, "--total-steps",
            $"must be at least one rollout, --num-envs x --num-steps = {BatchSize} (got {TotalSteps})");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, "--learning-rate", $"must be a finite number above 0 (got {LearningRate})");
        Require(double.IsFinite(AdamEps) && AdamEps > 0, "--adam-eps", $"must be a finite number above 0 (got {AdamEps})");
        Require(Gamma is >= 0 and <= 1, "--gamma", $"must be in [0, 1] (got {Gamma})");
        Require(GaeLambda is >= 0 and <= 1, "--gae-lambda", $"must be in [0, 1] (got {GaeLambda})");
        Require(UpdateEpochs >= 1, "--update-epochs", $"must be at least 1 (got {UpdateEpochs})");
        Require(float.IsFinite(ClipCoef) && ClipCoef > 0, "--clip-coef", $"must be a finite number above 0 (got {ClipCoef})");
        Require(float.IsFinite(EntCoef) && EntCoef >= 0, "--ent-coef", $"must be a finite number, 0 or more (got {EntCoef})");
        Require(float.IsFinite(VfCoef) && VfCoef >= 0, "--vf-coef", $"must be a finite number, 0 or more (got {VfCoef})");
        Require(double.IsFinite(MaxGradNorm) && MaxGradNorm > 0, "--max-grad-norm", $"must be a finite number above 0 (got {MaxGradNorm})");
        Require(TargetKl is null || (double.IsFinite(TargetKl.Value) && TargetKl > 0), "--target-kl",
            $"must be a finite number above 0, or left out for no early stop (got {TargetKl})");
        Require(Threads is null or >= 1, "--threads", $"must be at least 1 (got {Threads})");
        // Env i is seeded with seed + i, and gymnasium/numpy seeds are non-negative integers.
        Require(Seed >= 0 && (long)Seed + NumEnvs - 1 <= int.MaxValue, "--seed",
            $"must be 0 or more and leave room for one seed per env (seed + num-envs - 1 <= {int.MaxValue}) (got {Seed})");
        Require(EnvThreads >= 1, "--env-threads", $"must be at least 1 (got {EnvThreads})");
        Require(SaveEvery >= 0, "--save-every", $"must be 0 or more (got {SaveEvery})");
        Require(Features is null or > 0, "--features", $"must be positive (got {Features})");
        Require(Hidden is null or > 0, "--hidden", $"must be positive (got {Hidden})");
        Require(CoreFactory.Names.Contains(Core), "--core", $"must be {CoreFactory.NamesText} (got '{Core}')");
        Require(Rims.Init is "authors" or "fan-in", "--rims-init", $"must be authors or fan-in (got '{Rims.Init}')");
        // The RIMs options are checked with the sizes they will get (feature width unknown here: any positive one).
        if (Core == "rims") CoreFactory.RimsConfigOf(Rims, Features ?? 128, Hidden ?? Features ?? 128);
    }

    /// <summary>The settings every env of the run is built with: <see cref="Roms"/> and <see cref="EnvOptions"/>.</summary>
    [JsonIgnore] public EnvSettings EnvSettings => new() { RomsDirectory = Roms, Options = EnvOptions };
}

/// <summary>RIMs core settings as the CLI exposes them; null sizes take the cell's defaults.</summary>
public sealed record RimsOptions
{
    /// <summary>Number of units K.</summary>
    public int Units { get; init; } = 6;

    /// <summary>Units updated per step, k_A.</summary>
    public int Active { get; init; } = 4;

    /// <summary>Hidden size per unit (null: the core width divided by Units, so K*h is close to the LSTM's).</summary>
    public int? Hidden { get; init; }

    /// <summary>Per-unit cell: lstm or gru.</summary>
    public string Cell { get; init; } = "lstm";

    /// <summary>Selection rule: null (variant A, the paper) or softmax (variant B, the official Atari code).</summary>
    public string Selection { get; init; } = "null";

    /// <summary>Communication attention heads (null: default).</summary>
    public int? CommHeads { get; init; }

    /// <summary>Communication key size (null: default).</summary>
    public int? CommKey { get; init; }

    /// <summary>Communication value size (null: default).</summary>
    public int? CommValue { get; init; }

    /// <summary>Input attention key size (null: default).</summary>
    public int? InputKey { get; init; }

    /// <summary>Input attention value size (null: default).</summary>
    public int? InputValue { get; init; }

    /// <summary>Dropout inside the attentions (0 in RL so acting and re-evaluation agree).</summary>
    public double Dropout { get; init; }

    /// <summary>
    /// Initialisation: authors (the official code's scales) or fan-in. Checkpoints and config.json files written before
    /// this option existed lack the field and read as authors; the value only matters when weights are drawn.
    /// </summary>
    public string Init { get; init; } = "authors";
}
