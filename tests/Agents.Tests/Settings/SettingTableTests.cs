using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rims.Agents.Cli;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Agents.Settings;

namespace Rims.Agents.Tests.Settings;

/// <summary>
/// Each PPO setting is declared once on PpoConfig / RimsOptions, and the CLI options, their help, parsing, validation,
/// the resume set and config.json all follow that declaration.
/// </summary>
public class SettingTableTests
{
    [Fact]
    public void EveryConfigJsonKeyIsOneSettingWithItsOwnOptionAndAHelpLine()
    {
        var json = (JsonObject)JsonSerializer.SerializeToNode(new PpoConfig(), RunJson.Options)!;
        var keys = json.Where(p => p.Key is not ("rims" or "trained_steps")).Select(p => p.Key)
            .Concat(((JsonObject)json["rims"]!).Select(p => "rims_" + p.Key)).ToList();
        var options = SettingTable.All.Select(s => s.Option).ToList();
        var written = keys.Select(k => "--" + k.Replace('_', '-').Replace("env-options", "env-option")).ToList();
        Assert.Empty(written.Except(options));
        // Settings absent from a default config.json are those written only when set (added after runs exist).
        Assert.All(SettingTable.All.Where(s => !written.Contains(s.Option)), s => Assert.Equal(
            System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            s.Property.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonIgnoreAttribute>().Single().Condition));
        Assert.Equal(options.Count, options.Distinct().Count());
        Assert.All(SettingTable.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Help), $"{s.Option} has no help line (XML summary)"));
    }

    [Fact]
    public void HelpListsEverySettingWithItsDocLine()
    {
        var command = new RootCommand("ppo");
        _ = new PpoOptions(command);
        var output = new StringWriter();
        command.Parse("--help").Invoke(new InvocationConfiguration { Output = output });
        // Help wraps long lines; compare with the whitespace collapsed.
        string help = System.Text.RegularExpressions.Regex.Replace(output.ToString(), @"\s+", " ");
        foreach (var setting in SettingTable.All)
        {
            Assert.Contains(setting.Option + " ", help);
            Assert.Contains(setting.Help[..Math.Min(40, setting.Help.Length)], help);
        }
        Assert.Contains("[default: 0.00025]", help);
    }

    [Fact]
    public void ReadmeListsEverySetting()
    {
        string readme = File.ReadAllText(Path.Combine(Rims.Testing.TestData.RepositoryRoot, "README.md"));
        var missing = SettingTable.All.Where(s => !readme.Contains($"`{s.Option}")).Select(s => s.Option).ToList();
        Assert.True(missing.Count == 0, "README's `ppo` options table lacks " + string.Join(", ", missing));
    }

    [Fact]
    public void TheCommandLineSetsEverySetting()
    {
        // A value other than the default for every setting, spelt the way a user might type it.
        var typed = new Dictionary<string, string>
        {
            ["--env"] = "gridpickup-novel", ["--core"] = "RIMS", ["--rims-cell"] = "GRU", ["--rims-selection"] = "Softmax",
            ["--rims-init"] = "Fan-In", ["--roms"] = "/tmp/roms", ["--env-option"] = "noop-max=0",
        };
        var expected = new Dictionary<string, object?>
        {
            ["--env"] = "GridPickup-Novel", ["--core"] = "rims", ["--rims-cell"] = "gru", ["--rims-selection"] = "softmax",
            ["--rims-init"] = "fan-in", ["--roms"] = "/tmp/roms",
        };
        var args = new List<string>();
        foreach (var setting in SettingTable.All)
        {
            if (!typed.TryGetValue(setting.Option, out string? text))
            {
                object value = OtherThanDefault(setting);
                expected[setting.Option] = value;
                text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant();
            }
            args.AddRange([setting.Option, text]);
        }
        var command = new Command("ppo");
        var options = new PpoOptions(command);
        var config = options.Read(command.Parse(args));
        foreach (var (option, value) in expected) Assert.Equal(value, SettingTable.Named(option).Get(config));
        Assert.Equal(new Dictionary<string, string> { ["noop-max"] = "0" }, config.EnvOptions);
    }

    [Fact]
    public void EachDeclaredRuleRefusesAValueOutsideItNamingTheOption()
    {
        var valid = new PpoConfig { TotalSteps = 2048 };
        valid.Validate();
        int checkedRules = 0;
        foreach (var setting in SettingTable.All)
            foreach (var rule in setting.Rules)
            {
                object bad = rule switch
                {
                    AtLeastAttribute atLeast => Convert.ChangeType(atLeast.Minimum - 1, Nullable.GetUnderlyingType(setting.Type) ?? setting.Type),
                    OneOfAttribute => "none-of-these",
                    _ => Convert.ChangeType(double.NaN, Nullable.GetUnderlyingType(setting.Type) ?? setting.Type),
                };
                var error = Assert.Throws<ArgumentException>(() => setting.With(valid, bad).Validate());
                Assert.StartsWith($"{setting.Option} must be {rule.Allowed}", error.Message);
                checkedRules++;
            }
        Assert.True(checkedRules > 20, $"only {checkedRules} rules declared");
    }

    [Fact]
    public void AResumeMayChangeExactlyTheSettingsThatDoNotAlterWhatTheRunComputes()
    {
        Assert.Equal(["--total-steps", "--threads", "--env-threads", "--keep-checkpoints", "--roms"], ResumePoint.ChangeableOptions);
        var saved = new PpoConfig { TotalSteps = 2048 };
        var point = new ResumePoint("run", "run/checkpoints/final.ckpt", new CheckpointHeader(saved, 2, 2048), []);
        point.CheckChanges(saved with { TotalSteps = 4096, Threads = 2, EnvThreads = 2, KeepCheckpoints = 3, Roms = "/roms" });
        // A setting config.json writes only when set is refused whichever side sets it.
        Assert.Contains("--vf-clip-coef", Assert.Throws<ArgumentException>(() => point.CheckChanges(saved with { VfClipCoef = 0.2f })).Message);
        var setBefore = point with { Header = new CheckpointHeader(saved with { VfClipCoef = 0.2f }, 2, 2048) };
        Assert.Contains("--vf-clip-coef", Assert.Throws<ArgumentException>(() => setBefore.CheckChanges(saved)).Message);
    }

    /// <summary>config.json's PpoConfig part as the code before the setting table wrote it (a 15efc55 run).</summary>
    private const string WrittenBefore = """
        {
          "env": "GridPickup",
          "core": "rims",
          "seed": 1,
          "total_steps": 40,
          "num_envs": 2,
          "num_steps": 16,
          "learning_rate": 0.00025,
          "anneal_lr": true,
          "adam_eps": 1E-05,
          "gamma": 0.99,
          "gae_lambda": 0.95,
          "num_minibatches": 1,
          "update_epochs": 4,
          "norm_adv": true,
          "clip_coef": 0.1,
          "clip_vloss": true,
          "ent_coef": 0.01,
          "vf_coef": 0.5,
          "max_grad_norm": 0.5,
          "target_kl": 0.02,
          "features": 16,
          "hidden": 16,
          "rims": {
            "units": 6,
            "active": 4,
            "hidden": null,
            "cell": "lstm",
            "selection": "null",
            "comm_heads": 2,
            "comm_key": null,
            "comm_value": null,
            "input_key": null,
            "input_value": null,
            "dropout": 0,
            "init": "fan-in"
          },
          "threads": 1,
          "env_threads": 1,
          "save_every": 3,
          "env_options": {},
          "roms": null,
          "trained_steps": 64
        }
        """;

    [Fact]
    public void AConfigJsonWrittenBeforeReadsAsTheSameConfigAndWritesTheSameBytes()
    {
        var config = JsonSerializer.Deserialize<PpoConfig>(WrittenBefore, RunJson.Options)!;
        Assert.Equal(new PpoConfig
        {
            Env = "GridPickup", Core = "rims", TotalSteps = 40, NumEnvs = 2, NumSteps = 16, NumMinibatches = 1, TargetKl = 0.02,
            Features = 16, Hidden = 16, Threads = 1, SaveEvery = 3, EnvOptions = config.EnvOptions,
            Rims = new RimsOptions { CommHeads = 2, Init = "fan-in" },
        }, config);
        Assert.Equal(WrittenBefore.ReplaceLineEndings("\n"), JsonSerializer.Serialize(config, RunJson.Options).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TheCommittedDemonAttackRunStillReadsAndResumesWithItsSettings()
    {
        string file = Path.Combine(Rims.Testing.TestData.RepositoryRoot, "runs", "reports", "demonattack-rims", "runs", "DemonAttack__rims__1", "config.json");
        var old = (JsonObject)JsonNode.Parse(File.ReadAllText(file))!;
        var config = JsonSerializer.Deserialize<PpoConfig>(old.ToJsonString(), RunJson.Options)!;
        // Trained before --rims-init existed, so with the only initialisation there was: fan-in.
        Assert.Equal(("DemonAttack", "rims", 720896L, 2, 100, "fan-in"), (config.Env, config.Core, config.TotalSteps, config.Threads, config.SaveEvery, config.Rims.Init));
        // Written again: the same keys in the same order with the same values; only keys added since (init, trained_steps) are new.
        var again = (JsonObject)JsonSerializer.SerializeToNode(config, RunJson.Options)!;
        Assert.Equal(old.Select(p => p.Key).Where(again.ContainsKey), again.Select(p => p.Key).Where(old.ContainsKey));
        foreach (var (key, value) in again)
            if (old.ContainsKey(key) && key != "rims") Assert.True(JsonNode.DeepEquals(old[key], value), key);
        var rims = (JsonObject)again["rims"]!;
        Assert.Equal(((JsonObject)old["rims"]!).Select(p => p.Key), rims.Select(p => p.Key).Where(k => k != "init"));
    }

    private static object OtherThanDefault(Setting setting)
    {
        var type = Nullable.GetUnderlyingType(setting.Type) ?? setting.Type;
        if (type == typeof(bool)) return !(bool)setting.Default!;
        // Small enough for every rule and every cross-setting rule (sizes, minibatches, rates in [0, 1]).
        double value = setting.Default is { } d && Convert.ToDouble(d) == 0.5 ? 0.25 : 0.5;
        if (type == typeof(int) || type == typeof(long)) value = setting.Default is { } n && Convert.ToInt64(n) == 3 ? 2 : 3;
        return Convert.ChangeType(value, type);
    }
}
