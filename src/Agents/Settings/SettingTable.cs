using System.Reflection;
using System.Text.Json.Serialization;
using Rims.Agents.Ppo;

namespace Rims.Agents.Settings;

/// <summary>
/// Every PPO setting, read once from the declarations on <see cref="PpoConfig"/> and <see cref="RimsOptions"/>: each
/// init property that config.json records is a setting (a setting added later may be written only when set, with
/// JsonIgnore WhenWritingNull, so the config.json of runs that leave it unset keeps its bytes), a record-typed one (<see cref="PpoConfig.Rims"/>) is a group
/// whose settings take its name as prefix (--rims-units). The CLI options, their help and defaults, the simple
/// validation rules and the set `ppo --resume` may change all come from here.
/// </summary>
public static class SettingTable
{
    /// <summary>Every setting in declaration order (the order of config.json and of --help).</summary>
    public static IReadOnlyList<Setting> All { get; } = Read(typeof(PpoConfig), new PpoConfig(), null, "").ToList();

    /// <summary>The options `ppo --resume` may give (<see cref="SettingAttribute.ResumeMayChange"/>).</summary>
    public static IReadOnlyList<string> ResumeChangeable { get; } = All.Where(s => s.ResumeMayChange).Select(s => s.Option).ToList();

    /// <summary>The setting named <paramref name="option"/> (with "--").</summary>
    /// <exception cref="KeyNotFoundException">No setting has that name.</exception>
    public static Setting Named(string option) =>
        All.FirstOrDefault(s => s.Option == option) ?? throw new KeyNotFoundException($"no PPO setting is named {option}");

    /// <summary>Applies every setting's declared rules to <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The first broken rule, naming the option, what it allows and the value.</exception>
    public static void Check(PpoConfig config)
    {
        foreach (var setting in All) setting.Check(config);
    }

    /// <summary>"LearningRate" as an option name: "learning-rate".</summary>
    public static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static IEnumerable<Setting> Read(Type type, object defaults, PropertyInfo? group, string prefix)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .OrderBy(p => p.MetadataToken);
        foreach (var property in properties)
        {
            string name = property.GetCustomAttribute<SettingAttribute>()?.Option ?? KebabCase(property.Name);
            bool isGroup = property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsGenericType;
            if (isGroup)
            {
                foreach (var inner in Read(property.PropertyType, property.GetValue(defaults)!, property, prefix + name + "-")) yield return inner;
                continue;
            }
            yield return new Setting(property, group, "--" + prefix + name, property.GetValue(defaults));
        }
    }
}
