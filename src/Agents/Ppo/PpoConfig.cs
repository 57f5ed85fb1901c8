using System.Text.Json.Serialization;
using Rims.Agents.Settings;
using Rims.Envs;

namespace Rims.Agents.Ppo;

/// <summary>
/// Everything a PPO run depends on. Defaults are the RIMs paper's (Kostrikov's Atari PPO command, DESIGN.md §5)
/// with CleanRL ppo_atari_lstm semantics. Serialised to config.json (snake_case) so a run can be reproduced.
/// </summary>
/// <remarks>
/// Each init property is a setting declared once (<see cref="SettingTable"/>): its XML summary is the --help line,
/// its initial value the default, its rule attributes (<see cref="SettingRuleAttribute"/>) the simple validation and
/// <see cref="SettingAttribute"/> the rest; the `ppo`, `compare` and `bench ppo` options, validation, config.json and
/// what `ppo --resume` may change all derive from it. Rules across settings are code, in <see cref="Validate"/>.
/// </remarks>
public sealed record PpoConfig
{
    /// <summary>Environment id (see `envs`).</summary>
    public string Env { get; init; } = "GridPickup";

    /// <summary>Core: lstm, gru, rims, or ff (the memoryless baseline).</summary>
    [Setting(Lowercase = true)]
    public string Core { get; init; } = "lstm";

    /// <summary>Seed of the envs (env i gets seed + i), the weights and the action sampling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Agent steps (policy decisions summed over envs) to train for, rounded up to whole rollouts; Atari frames = this x frame skip.</summary>
    [Setting(ResumeMayChange = true)]
    [AtLeast(1)]
    public long TotalSteps { get; init; } = 10_000_000;

    /// <summary>Parallel environments.</summary>
    [AtLeast(1)]
    public int NumEnvs { get; init; } = 8;

    /// <summary>Steps per env per rollout (the sequence length the core is trained on).</summary>
    [AtLeast(1)]
    public int NumSteps { get; init; } = 128;

    /// <summary>Adam learning rate at the start.</summary>
    [AboveZero]
    public double LearningRate { get; init; } = 2.5e-4;

    /// <summary>Anneal the learning rate linearly to 0 over the run.</summary>
    public bool AnnealLr { get; init; } = true;

    /// <summary>Adam epsilon (1e-5 as in the PPO implementations the paper used, not PyTorch's 1e-8).</summary>
    [AboveZero]
    public double AdamEps { get; init; } = 1e-5;

    /// <summary>Discount.</summary>
    [UnitInterval]
    public float Gamma { get; init; } = 0.99f;

    /// <summary>GAE lambda.</summary>
    [UnitInterval]
    public float GaeLambda { get; init; } = 0.95f;

    /// <summary>Minibatches per epoch; each holds num-envs / num-minibatches whole env sequences.</summary>
    [AtLeast(1)]
    public int NumMinibatches { get; init; } = 4;

    /// <summary>Passes over the rollout per update.</summary>
    [AtLeast(1)]
    public int UpdateEpochs { get; init; } = 4;

    /// <summary>Normalise advantages within each minibatch.</summary>
    public bool NormAdv { get; init; } = true;

    /// <summary>Policy ratio clip (the paper's Atari command uses 0.1).</summary>
    [AboveZero]
    public float ClipCoef { get; init; } = 0.1f;

    /// <summary>Clip the value loss around the rollout's values (by --vf-clip-coef).</summary>
    public bool ClipVloss { get; init; } = true;

    /// <summary>
    /// Value clip range when --clip-vloss (default: --clip-coef, as CleanRL; Stable-Baselines3's clip_range_vf, which
    /// value scales far from 1 need).
    /// </summary>
    [AboveZero, JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float? VfClipCoef { get; init; }

    /// <summary>Entropy bonus coefficient.</summary>
    [NotNegative]
    public float EntCoef { get; init; } = 0.01f;

    /// <summary>Value loss coefficient.</summary>
    [NotNegative]
    public float VfCoef { get; init; } = 0.5f;

    /// <summary>Global gradient-norm clip.</summary>
    [AboveZero]
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Stop an update's epochs early when the approximate KL exceeds this (default: never).</summary>
    [AboveZero]
    public double? TargetKl { get; init; }

    /// <summary>Width of the encoder's feature vector (default: 512 for frames, 128 for grids).</summary>
    [AtLeast(1)]
    public int? Features { get; init; }

    /// <summary>Recurrent state width of LSTM/GRU; RIMs use units x hidden-per-unit (default: the feature width).</summary>
    [AtLeast(1)]
    public int? Hidden { get; init; }

    /// <summary>RIMs settings (used when Core is rims); on the command line each is --rims-{name}.</summary>
    public RimsOptions Rims { get; init; } = new();

    /// <summary>Torch intra-op threads (default: all cores for Atari frames, 1 for grid and vector observations).</summary>
    [AtLeast(1), Setting(ResumeMayChange = true)]
    public int? Threads { get; init; }

    /// <summary>Threads stepping the envs (1 = on the training thread).</summary>
    [AtLeast(1), Setting(ResumeMayChange = true)]
    public int EnvThreads { get; init; } = 1;

    /// <summary>Save a checkpoint every this many iterations (0: only at the end).</summary>
    [AtLeast(0)]
    public int SaveEvery { get; init; }

    /// <summary>
    /// Keep only the newest this many --save-every checkpoints, deleting older ones as new ones are written (unset: keep
    /// all; final.ckpt is always kept).
    /// </summary>
    /// <remarks>
    /// Hugging Face Trainer's save_total_limit. A resume continues from the newest checkpoint, so 1 is enough to resume;
    /// more keep earlier policies to evaluate. Written to config.json only when set; a resume may change it.
    /// </remarks>
    [AtLeast(1), Setting(ResumeMayChange = true), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? KeepCheckpoints { get; init; }

    /// <summary>Env-family option KEY=VALUE (repeatable), e.g. noop-max=30; each env family declares its keys (README's Environments lists them; an unknown key's error names them).</summary>
    [Setting(Option = "env-option")]
    public Dictionary<string, string> EnvOptions { get; init; } = [];

    /// <summary>Atari ROM folder (default: $RIMS_ROMS, else ./roms).</summary>
    [Setting(ResumeMayChange = true)]
    public string? Roms { get; init; }

    /// <summary>
    /// A .NET assembly declaring envs (a public IEnvPlugin class), loaded before the env id is read; runs record its full
    /// path, so a resume, an evaluation and compare's child runs load it again.
    /// </summary>
    /// <remarks>Null for Rims' own envs and envs a program registers in code. Written to config.json only when set.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
          $"training {Counted.Of(Iterations, "rollout")} = {TrainedSteps} steps";

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
    /// <see cref="ValidateForRun"/>): each setting's declared rules (<see cref="SettingTable.Check"/>), then the rules
    /// across settings.
    /// </summary>
    /// <exception cref="ArgumentException">The message names the option, the value and what is allowed.</exception>
    public void Validate()
    {
        static void Require(bool ok, string option, string rule)
        {
            if (!ok) throw new ArgumentException($"{option} {rule}");
        }
        SettingTable.Check(this);
        Require(NumEnvs % NumMinibatches == 0, "--num-minibatches",
            $"must divide --num-envs ({NumEnvs}) because minibatches are whole env sequences (got {NumMinibatches})");
        // Advantage normalisation divides by the minibatch's sample standard deviation, which one sample does not
        // have (torch.std of one element is NaN): refuse rather than train NaN weights.
        int minibatchSamples = NumEnvs / NumMinibatches * NumSteps;
        Require(!NormAdv || minibatchSamples >= 2, "--num-minibatches",
            $"leaves {minibatchSamples} sample per minibatch ((--num-envs {NumEnvs} / {NumMinibatches}) x --num-steps {NumSteps}); " +
            "advantage normalisation needs at least 2: use fewer minibatches, more envs or steps, or --norm-adv false");
        // Env i is seeded with seed + i, and gymnasium/numpy seeds are non-negative integers.
        Require(Seed >= 0 && (long)Seed + NumEnvs - 1 <= int.MaxValue, "--seed",
            $"must be 0 or more and leave room for one seed per env (seed + num-envs - 1 <= {int.MaxValue}) (got {Seed})");
        // Without periodic checkpoints the option would do nothing, and a user who gave it expects it to.
        Require(KeepCheckpoints is null || SaveEvery > 0, "--keep-checkpoints",
            "needs --save-every N: it keeps the newest --save-every checkpoints, and without --save-every there are none (final.ckpt is always kept; " +
            $"a resumed run keeps the --save-every it started with, so one started without it cannot have them) (got {KeepCheckpoints})");
        Require(CoreFactory.Names.Contains(Core), "--core", $"must be {CoreFactory.NamesText} (got '{Core}')");
        // The RIMs options are checked with the sizes they will get (feature width unknown here: any positive one).
        if (Core == "rims") CoreFactory.RimsConfigOf(Rims, Features ?? 128, Hidden ?? Features ?? 128);
    }

    /// <summary>The settings every env of the run is built with: <see cref="Roms"/> and <see cref="EnvOptions"/>.</summary>
    [JsonIgnore] public EnvSettings EnvSettings => new() { RomsDirectory = Roms, Options = EnvOptions };
}

/// <summary>
/// RIMs core settings, declared like <see cref="PpoConfig"/>'s (the command line's --rims-{name}); unset sizes take the
/// cell's defaults.
/// </summary>
public sealed record RimsOptions : IJsonOnDeserializing
{
    /// <summary>Number of units K.</summary>
    [AtLeast(1)]
    public int Units { get; init; } = 6;

    /// <summary>Units updated per step, k_A (at most the number of units).</summary>
    [AtLeast(1)]
    public int Active { get; init; } = 4;

    /// <summary>Hidden size per unit (default: the core width divided by the units, so K*h is close to the LSTM's).</summary>
    [AtLeast(1)]
    public int? Hidden { get; init; }

    /// <summary>Per-unit cell: lstm or gru.</summary>
    [OneOf("lstm", "gru"), Setting(Lowercase = true)]
    public string Cell { get; init; } = "lstm";

    /// <summary>Unit selection: null (variant A, the paper: top-k_A by attention to the null input) or softmax (variant B, the official Atari code).</summary>
    [OneOf("null", "softmax"), Setting(Lowercase = true)]
    public string Selection { get; init; } = "null";

    /// <summary>Communication attention heads (default: the cell's).</summary>
    [AtLeast(1)]
    public int? CommHeads { get; init; }

    /// <summary>Communication key size (default: the cell's).</summary>
    [AtLeast(1)]
    public int? CommKey { get; init; }

    /// <summary>Communication value size (default: the cell's).</summary>
    [AtLeast(1)]
    public int? CommValue { get; init; }

    /// <summary>Input attention key size (default: the cell's).</summary>
    [AtLeast(1)]
    public int? InputKey { get; init; }

    /// <summary>Input attention value size (default: the cell's).</summary>
    [AtLeast(1)]
    public int? InputValue { get; init; }

    /// <summary>Dropout inside the attentions (0 in RL so acting and re-evaluation agree).</summary>
    [UnitInterval(BelowOne = true)]
    public double Dropout { get; init; }

    /// <summary>Initialisation: authors (the official code's scales, the default) or fan-in.</summary>
    /// <remarks>
    /// Checkpoints and config.json files written before this option existed (commit 7568582, 2026-11-29) lack the field
    /// and read as fan-in, the only initialisation there was then, so a resume or a `compare` re-run never takes such a
    /// run for one with the authors' scales. The value only matters when weights are drawn.
    /// </remarks>
    [OneOf("authors", "fan-in"), Setting(Lowercase = true)]
    public string Init { get => initialisation; init => initialisation = value; }

    private string initialisation = "authors";

    // Called by System.Text.Json before a file's fields are read: a file without "init" keeps this value.
    void IJsonOnDeserializing.OnDeserializing() => initialisation = "fan-in";
}
