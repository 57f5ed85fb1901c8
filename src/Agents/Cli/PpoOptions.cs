using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Rims.Agents.Ppo;
using Rims.Agents.Settings;
using Rims.Envs;

namespace Rims.Agents.Cli;

/// <summary>
/// Every PPO setting as a command-line option, generated from its declaration (<see cref="SettingTable"/>: name,
/// help line, default shown in --help), plus the run folder and the Atari shortcuts; shared by `ppo`, `compare` and
/// `bench ppo`.
/// </summary>
public sealed class PpoOptions
{
    private readonly List<(Setting Setting, Option Option)> settings;
    private readonly Option<string[]> envOption;

    /// <summary>--run-dir (where the run is written; not part of the config).</summary>
    public Option<string?> RunDir { get; } = new("--run-dir") { Description = "Run folder (default: runs/{env}__{core}__{seed}__{utc time})" };

    // Atari shortcuts for the most used env-family options (the same keys --env-option takes). Those with a value take
    // it as text and hand it to the env family's own parser, so a shortcut and its --env-option key accept the same
    // values and refuse them in the same words.
    private readonly Option<string?> stickyActions = new("--sticky-actions") { Description = "Atari: repeat-action probability, or true = 0.25, false = 0 (default: the env id's)" };
    private readonly Option<bool> noEpisodicLife = new("--no-episodic-life") { Description = "Atari: a life loss does not end the learner's episode", DefaultValueFactory = _ => false };
    private readonly Option<string?> frameStack = new("--frame-stack") { Description = "Atari: frames stacked per observation (default 4)" };
    private readonly Option<bool> fullActionSpace = new("--full-action-space") { Description = "Atari: all 18 actions instead of the minimal set", DefaultValueFactory = _ => false };

    /// <summary>
    /// Adds every option to <paramref name="command"/>; without <paramref name="includeEnvAndCore"/> --env, --core,
    /// --seed and --run-dir are left out (the verb adds those it takes), and the options named in
    /// <paramref name="leftOut"/> are left out too (a verb that would ignore them, so typing one is an unknown option).
    /// </summary>
    public PpoOptions(Command command, bool includeEnvAndCore = true, params string[] leftOut)
    {
        settings = SettingTable.All.Select(s => (s, Create(s))).ToList();
        envOption = (Option<string[]>)OptionOf(SettingTable.Named("--env-option"));
        var perRun = new[] { Env, Core, Seed, RunDir };
        foreach (var option in All)
            if ((includeEnvAndCore || !perRun.Contains(option)) && !leftOut.Contains(option.Name)) command.Options.Add(option);
    }

    /// <summary>--env.</summary>
    public Option<string> Env => (Option<string>)OptionOf(SettingTable.Named("--env"));

    /// <summary>--env-assembly (loaded by <see cref="EnvAssemblyOption"/> before the env id is read).</summary>
    public Option<string?> EnvAssembly => (Option<string?>)OptionOf(SettingTable.Named("--env-assembly"));

    /// <summary>--seed.</summary>
    public Option<int> Seed => (Option<int>)OptionOf(SettingTable.Named("--seed"));

    private Option Core => OptionOf(SettingTable.Named("--core"));

    private IEnumerable<Option> All =>
        settings.Select(s => s.Option).Concat([RunDir, stickyActions, noEpisodicLife, frameStack, fullActionSpace]);

    private Option OptionOf(Setting setting) => settings.First(s => s.Setting == setting).Option;

    /// <summary>The names of the options typed on the command line (not filled in from their defaults).</summary>
    public IEnumerable<string> Given(ParseResult parse) =>
        from option in All where parse.GetResult(option) is { Implicit: false } select option.Name;

    /// <summary>
    /// The config a resume continues with: <paramref name="saved"/> (the checkpoint's), with the options a resume may
    /// change (<see cref="ResumePoint.ChangeableOptions"/>) taken from the command line where given.
    /// </summary>
    public PpoConfig ReadChanges(ParseResult parse, PpoConfig saved) =>
        settings.Where(s => s.Setting.ResumeMayChange && parse.GetResult(s.Option) is { Implicit: false })
            .Aggregate(saved, (config, s) => s.Setting.With(config, ValueOf(parse, s.Setting, s.Option)));

    /// <summary>The config the command line describes (settings whose option the verb lacks keep their defaults).</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="cores">The cores the settings will train (a verb's --cores); null: the config's --core.</param>
    /// <exception cref="CliUsageException">
    /// An --env-option is not KEY=VALUE, or a core's own option (--rims-units) was typed while none of the cores is
    /// that core (it would be silently ignored).
    /// </exception>
    public PpoConfig Read(ParseResult parse, IReadOnlyCollection<string>? cores = null)
    {
        var config = new PpoConfig();
        var taken = parse.CommandResult.Command.Options;
        foreach (var (setting, option) in settings.Where(s => taken.Contains(s.Option) && s.Option != envOption))
            config = setting.With(config, ValueOf(parse, setting, option));
        CheckCoreSettingsApply(parse, cores ?? [config.Core]);
        return config with { Env = EnvRegistry.Default.Canonical(config.Env), EnvOptions = EnvOptions(parse) };
    }

    private void CheckCoreSettingsApply(ParseResult parse, IReadOnlyCollection<string> cores)
    {
        foreach (var (setting, option) in settings)
            if (setting.Group is { } core && parse.GetResult(option) is { Implicit: false } && !cores.Contains(core, StringComparer.OrdinalIgnoreCase))
                throw new CliUsageException(cores.Count == 1 && parse.CommandResult.Command.Options.Contains(Core)
                    ? $"{setting.Option} applies to --core {core} only (got --core {cores.First()})"
                    : $"{setting.Option} applies to --core {core} only, and {core} is not among --cores ({string.Join(',', cores)})");
    }

    private Dictionary<string, string> EnvOptions(ParseResult parse)
    {
        var envOptions = new Dictionary<string, string>();
        // How each key was given, so a key given twice (by --env-option twice, or by it and a shortcut) names both
        // (the shortcut first).
        var givenAs = new Dictionary<string, string>();
        void Add(string key, string value, string how)
        {
            if (givenAs.TryGetValue(key, out var first))
                throw new CliUsageException($"{key} is given twice ({first} and {how}); give it once");
            givenAs[key] = how;
            envOptions[key] = value;
        }
        if (parse.GetValue(stickyActions) is { } sticky) Add("sticky-actions", sticky, stickyActions.Name);
        if (parse.GetValue(noEpisodicLife)) Add("episodic-life", "false", noEpisodicLife.Name);
        if (parse.GetValue(frameStack) is { } stack) Add("frame-stack", stack, frameStack.Name);
        if (parse.GetValue(fullActionSpace)) Add("full-action-space", "true", fullActionSpace.Name);
        foreach (var pair in parse.GetValue(envOption) ?? [])
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0) throw new CliUsageException($"--env-option '{pair}' must look like KEY=VALUE");
            Add(pair[..equals], pair[(equals + 1)..], $"--env-option {pair}");
        }
        return envOptions;
    }

    private static object? ValueOf(ParseResult parse, Setting setting, Option option)
    {
        object? value = GetValueMethod.MakeGenericMethod(option.ValueType).Invoke(null, [parse, option]);
        return setting.Lowercase && value is string text ? text.ToLowerInvariant() : value;
    }

    // A dictionary setting is a repeatable KEY=VALUE option; every other one parses to the property's type.
    private static Option Create(Setting setting) =>
        setting.Type == typeof(Dictionary<string, string>)
            ? new Option<string[]>(setting.Option) { Description = setting.Help, AllowMultipleArgumentsPerToken = false }
            : (Option)CreateMethod.MakeGenericMethod(setting.Type).Invoke(null, [setting])!;

    private static readonly MethodInfo CreateMethod = typeof(PpoOptions).GetMethod(nameof(CreateTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo GetValueMethod = typeof(PpoOptions).GetMethod(nameof(GetTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Option<T> CreateTyped<T>(Setting setting)
    {
        var option = new Option<T>(setting.Option) { Description = setting.Help };
        if (setting.Default is T defaultValue) option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    private static T? GetTyped<T>(ParseResult parse, Option<T> option) => parse.GetValue(option);
}
