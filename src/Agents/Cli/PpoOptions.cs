using System.CommandLine;
using Rims.Agents.Ppo;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// Every PPO hyperparameter as a command-line option, defaults taken from <see cref="PpoConfig"/> so help
/// shows them; shared by `ppo` and `compare`.
/// </summary>
public sealed class PpoOptions
{
    private static readonly PpoConfig Defaults = new();
    private static readonly RimsOptions RimsDefaults = new();

    /// <summary>--env.</summary>
    public Option<string> Env { get; } = Make("--env", "Environment id (see `envs`)", Defaults.Env);
    /// <summary>--core.</summary>
    public Option<string> Core { get; } = Make("--core", "Core: lstm, gru, rims, or ff (memoryless baseline)", Defaults.Core);
    /// <summary>--total-steps.</summary>
    public Option<long> TotalSteps { get; } = Make("--total-steps", "Agent steps to train for (Atari frames = steps x frame skip)", Defaults.TotalSteps);
    /// <summary>--num-envs.</summary>
    public Option<int> NumEnvs { get; } = Make("--num-envs", "Parallel environments", Defaults.NumEnvs);
    /// <summary>--num-steps.</summary>
    public Option<int> NumSteps { get; } = Make("--num-steps", "Steps per env per rollout", Defaults.NumSteps);
    /// <summary>--seed.</summary>
    public Option<int> Seed { get; } = Make("--seed", "Seed of envs (env i: seed + i), weights and sampling", Defaults.Seed);
    /// <summary>--run-dir.</summary>
    public Option<string?> RunDir { get; } = new("--run-dir") { Description = "Run folder (default: runs/{env}__{core}__{seed}__{utc time})" };
    /// <summary>--threads.</summary>
    public Option<int?> Threads { get; } = new("--threads") { Description = "Torch threads (default: all cores for Atari frames, 1 for grid and vector observations)" };
    /// <summary>--env-threads.</summary>
    public Option<int> EnvThreads { get; } = Make("--env-threads", "Threads stepping the envs", Defaults.EnvThreads);
    /// <summary>--learning-rate.</summary>
    public Option<double> LearningRate { get; } = Make("--learning-rate", "Adam learning rate", Defaults.LearningRate);
    /// <summary>--anneal-lr.</summary>
    public Option<bool> AnnealLr { get; } = Make("--anneal-lr", "Anneal the learning rate linearly to 0", Defaults.AnnealLr);
    /// <summary>--adam-eps.</summary>
    public Option<double> AdamEps { get; } = Make("--adam-eps", "Adam epsilon", Defaults.AdamEps);
    /// <summary>--gamma.</summary>
    public Option<float> Gamma { get; } = Make("--gamma", "Discount", Defaults.Gamma);
    /// <summary>--gae-lambda.</summary>
    public Option<float> GaeLambda { get; } = Make("--gae-lambda", "GAE lambda", Defaults.GaeLambda);
    /// <summary>--num-minibatches.</summary>
    public Option<int> NumMinibatches { get; } = Make("--num-minibatches", "Minibatches per epoch (whole env sequences each)", Defaults.NumMinibatches);
    /// <summary>--update-epochs.</summary>
    public Option<int> UpdateEpochs { get; } = Make("--update-epochs", "Epochs per update", Defaults.UpdateEpochs);
    /// <summary>--norm-adv.</summary>
    public Option<bool> NormAdv { get; } = Make("--norm-adv", "Normalise advantages per minibatch", Defaults.NormAdv);
    /// <summary>--clip-coef.</summary>
    public Option<float> ClipCoef { get; } = Make("--clip-coef", "Policy (and value) clip", Defaults.ClipCoef);
    /// <summary>--clip-vloss.</summary>
    public Option<bool> ClipVloss { get; } = Make("--clip-vloss", "Clip the value loss", Defaults.ClipVloss);
    /// <summary>--ent-coef.</summary>
    public Option<float> EntCoef { get; } = Make("--ent-coef", "Entropy coefficient", Defaults.EntCoef);
    /// <summary>--vf-coef.</summary>
    public Option<float> VfCoef { get; } = Make("--vf-coef", "Value loss coefficient", Defaults.VfCoef);
    /// <summary>--max-grad-norm.</summary>
    public Option<double> MaxGradNorm { get; } = Make("--max-grad-norm", "Global gradient-norm clip", Defaults.MaxGradNorm);
    /// <summary>--target-kl.</summary>
    public Option<double?> TargetKl { get; } = new("--target-kl") { Description = "Stop an update early above this approximate KL (default: never)" };
    /// <summary>--features.</summary>
    public Option<int?> Features { get; } = new("--features") { Description = "Encoder feature width (default: 512 for frames, 128 for grids)" };
    /// <summary>--hidden.</summary>
    public Option<int?> Hidden { get; } = new("--hidden") { Description = "LSTM/GRU state width, and the RIMs total K*h target (default: the feature width)" };
    /// <summary>--save-every.</summary>
    public Option<int> SaveEvery { get; } = Make("--save-every", "Save a checkpoint every N iterations (0: only at the end)", Defaults.SaveEvery);
    /// <summary>--roms.</summary>
    public Option<string?> Roms { get; } = new("--roms") { Description = "Atari ROM folder (default: $RIMS_ROMS, else ./roms)" };
    /// <summary>--sticky-actions.</summary>
    public Option<float?> StickyActions { get; } = new("--sticky-actions") { Description = "Atari: repeat-action probability (default: the env id's)" };
    /// <summary>--no-episodic-life.</summary>
    public Option<bool> NoEpisodicLife { get; } = Make("--no-episodic-life", "Atari: a life loss does not end the learner's episode", false);
    /// <summary>--frame-stack.</summary>
    public Option<int?> FrameStack { get; } = new("--frame-stack") { Description = "Atari: frames stacked per observation (default 4)" };
    /// <summary>--full-action-space.</summary>
    public Option<bool> FullActionSpace { get; } = Make("--full-action-space", "Atari: all 18 actions instead of the minimal set", false);
    /// <summary>--env-option.</summary>
    public Option<string[]> EnvOption { get; } = new("--env-option") { Description = "Env-family option KEY=VALUE (repeatable), e.g. noop-max=30", AllowMultipleArgumentsPerToken = false };
    /// <summary>--rims-units.</summary>
    public Option<int> RimsUnits { get; } = Make("--rims-units", "RIMs: number of units K", RimsDefaults.Units);
    /// <summary>--rims-active.</summary>
    public Option<int> RimsActive { get; } = Make("--rims-active", "RIMs: units updated per step k_A", RimsDefaults.Active);
    /// <summary>--rims-hidden.</summary>
    public Option<int?> RimsHidden { get; } = new("--rims-hidden") { Description = "RIMs: hidden size per unit (default: --hidden / K)" };
    /// <summary>--rims-cell.</summary>
    public Option<string> RimsCell { get; } = Make("--rims-cell", "RIMs: per-unit cell, lstm or gru", RimsDefaults.Cell);
    /// <summary>--rims-selection.</summary>
    public Option<string> RimsSelection { get; } = Make("--rims-selection", "RIMs: null (paper) or softmax (official Atari code)", RimsDefaults.Selection);
    /// <summary>--rims-comm-heads.</summary>
    public Option<int?> RimsCommHeads { get; } = new("--rims-comm-heads") { Description = "RIMs: communication attention heads (default: the cell's)" };
    /// <summary>--rims-comm-key.</summary>
    public Option<int?> RimsCommKey { get; } = new("--rims-comm-key") { Description = "RIMs: communication key size (default: the cell's)" };
    /// <summary>--rims-comm-value.</summary>
    public Option<int?> RimsCommValue { get; } = new("--rims-comm-value") { Description = "RIMs: communication value size (default: the cell's)" };
    /// <summary>--rims-input-key.</summary>
    public Option<int?> RimsInputKey { get; } = new("--rims-input-key") { Description = "RIMs: input attention key size (default: the cell's)" };
    /// <summary>--rims-input-value.</summary>
    public Option<int?> RimsInputValue { get; } = new("--rims-input-value") { Description = "RIMs: input attention value size (default: the cell's)" };
    /// <summary>--rims-dropout.</summary>
    public Option<double> RimsDropout { get; } = Make("--rims-dropout", "RIMs: attention dropout", RimsDefaults.Dropout);

    /// <summary>--rims-init.</summary>
    public Option<string> RimsInit { get; } = Make("--rims-init", "RIMs: initialisation, authors (official code's scales) or fan-in", RimsDefaults.Init);

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public PpoOptions(Command command, bool includeEnvAndCore = true)
    {
        foreach (var property in GetType().GetProperties())
        {
            if (property.GetValue(this) is not Option option) continue;
            if (!includeEnvAndCore && (option == Env || option == Core || option == Seed || option == RunDir)) continue;
            command.Options.Add(option);
        }
    }

    private static Option<T> Make<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>The names of the options typed on the command line (not filled in from their defaults).</summary>
    public IEnumerable<string> Given(ParseResult parse) =>
        from property in GetType().GetProperties()
        where property.GetValue(this) is Option option && parse.GetResult(option) is { Implicit: false }
        select ((Option)property.GetValue(this)!).Name;

    /// <summary>
    /// The config a resume continues with: <paramref name="saved"/> (the checkpoint's), with the options a resume may
    /// change (<see cref="ResumePoint.ChangeableOptions"/>) taken from the command line where given.
    /// </summary>
    public PpoConfig ReadChanges(ParseResult parse, PpoConfig saved)
    {
        bool given(Option option) => parse.GetResult(option) is { Implicit: false };
        return saved with
        {
            TotalSteps = given(TotalSteps) ? parse.GetValue(TotalSteps) : saved.TotalSteps,
            Threads = given(Threads) ? parse.GetValue(Threads) : saved.Threads,
            EnvThreads = given(EnvThreads) ? parse.GetValue(EnvThreads) : saved.EnvThreads,
            Roms = given(Roms) ? parse.GetValue(Roms) : saved.Roms,
        };
    }

    /// <summary>The config the command line describes.</summary>
    public PpoConfig Read(ParseResult parse)
    {
        var envOptions = new Dictionary<string, string>();
        foreach (var pair in parse.GetValue(EnvOption) ?? [])
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0) throw new CliUsageException($"--env-option '{pair}' must look like KEY=VALUE");
            envOptions[pair[..equals]] = pair[(equals + 1)..];
        }
        if (parse.GetValue(StickyActions) is { } sticky) envOptions["sticky-actions"] = sticky.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (parse.GetValue(NoEpisodicLife)) envOptions["episodic-life"] = "false";
        if (parse.GetValue(FrameStack) is { } stack) envOptions["frame-stack"] = stack.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (parse.GetValue(FullActionSpace)) envOptions["full-action-space"] = "true";
        return new PpoConfig
        {
            Env = EnvRegistry.Default.Canonical(parse.GetValue(Env)!),
            // `compare` has no --core (it takes --cores); the plan sets each run's core.
            Core = parse.GetValue(Core)?.ToLowerInvariant() ?? new PpoConfig().Core,
            Seed = parse.GetValue(Seed),
            TotalSteps = parse.GetValue(TotalSteps),
            NumEnvs = parse.GetValue(NumEnvs),
            NumSteps = parse.GetValue(NumSteps),
            Threads = parse.GetValue(Threads),
            EnvThreads = parse.GetValue(EnvThreads),
            LearningRate = parse.GetValue(LearningRate),
            AnnealLr = parse.GetValue(AnnealLr),
            AdamEps = parse.GetValue(AdamEps),
            Gamma = parse.GetValue(Gamma),
            GaeLambda = parse.GetValue(GaeLambda),
            NumMinibatches = parse.GetValue(NumMinibatches),
            UpdateEpochs = parse.GetValue(UpdateEpochs),
            NormAdv = parse.GetValue(NormAdv),
            ClipCoef = parse.GetValue(ClipCoef),
            ClipVloss = parse.GetValue(ClipVloss),
            EntCoef = parse.GetValue(EntCoef),
            VfCoef = parse.GetValue(VfCoef),
            MaxGradNorm = parse.GetValue(MaxGradNorm),
            TargetKl = parse.GetValue(TargetKl),
            Features = parse.GetValue(Features),
            Hidden = parse.GetValue(Hidden),
            SaveEvery = parse.GetValue(SaveEvery),
            Roms = parse.GetValue(Roms),
            EnvOptions = envOptions,
            Rims = new RimsOptions
            {
                Units = parse.GetValue(RimsUnits),
                Active = parse.GetValue(RimsActive),
                Hidden = parse.GetValue(RimsHidden),
                Cell = parse.GetValue(RimsCell)!.ToLowerInvariant(),
                Selection = parse.GetValue(RimsSelection)!.ToLowerInvariant(),
                CommHeads = parse.GetValue(RimsCommHeads),
                CommKey = parse.GetValue(RimsCommKey),
                CommValue = parse.GetValue(RimsCommValue),
                InputKey = parse.GetValue(RimsInputKey),
                InputValue = parse.GetValue(RimsInputValue),
                Dropout = parse.GetValue(RimsDropout),
                Init = parse.GetValue(RimsInit)!.ToLowerInvariant(),
            },
        };
    }
}
