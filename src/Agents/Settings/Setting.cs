using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Settings;

/// <summary>
/// One PPO setting as declared by its property on <see cref="PpoConfig"/> (or on <see cref="RimsOptions"/>, reached
/// through <see cref="PpoConfig.Rims"/>): the option name, help line, default, rules and resume flag the CLI,
/// validation and resume derive from it.
/// </summary>
public sealed class Setting
{
    private readonly PropertyInfo? group;

    internal Setting(PropertyInfo property, PropertyInfo? group, string option, object? defaultValue)
    {
        Property = property;
        this.group = group;
        Option = option;
        Default = defaultValue;
        var declared = property.GetCustomAttribute<SettingAttribute>();
        ResumeMayChange = declared?.ResumeMayChange ?? false;
        Lowercase = declared?.Lowercase ?? false;
        Rules = property.GetCustomAttributes<SettingRuleAttribute>().ToList();
        Help = XmlDocSummary.Of(property).TrimEnd('.');
    }

    /// <summary>The declaring property.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The property's type (what the option parses to; a dictionary is a repeatable KEY=VALUE option).</summary>
    public Type Type => Property.PropertyType;

    /// <summary>The command-line name, with "--" (e.g. "--learning-rate", "--rims-units").</summary>
    public string Option { get; }

    /// <summary>
    /// The group of a grouped setting as options spell it ("rims" for --rims-units), which is also the core its
    /// settings apply to; null for a top-level setting.
    /// </summary>
    public string? Group => group is null ? null : SettingTable.KebabCase(group.Name);

    /// <summary>
    /// The setting's value in a run's config.json (<paramref name="config"/>): its key ("learning_rate"), inside its
    /// group's object for a grouped one ("rims": {"units"}); null when absent (a setting written only when set).
    /// </summary>
    public JsonNode? ConfigValue(JsonObject config)
    {
        var (holder, key) = Location(config, create: false);
        return holder?[key];
    }

    /// <summary>
    /// Writes <paramref name="value"/> as the setting's value into a run's config.json (<paramref name="config"/>), where
    /// <see cref="ConfigValue"/> reads it; a null value for a key the config does not hold leaves it out (a setting
    /// written only when set).
    /// </summary>
    public void SetConfigValue(JsonObject config, JsonNode? value)
    {
        var (holder, key) = Location(config, create: value is not null);
        if (holder is null || (value is null && !holder.ContainsKey(key))) return;
        holder[key] = value?.DeepClone();
    }

    /// <summary>
    /// The object of <paramref name="config"/> that holds the setting (its group's, for a grouped one; made when
    /// <paramref name="create"/> and missing, else null) and its key there.
    /// </summary>
    private (JsonObject? Holder, string Key) Location(JsonObject config, bool create)
    {
        var naming = RunJson.Options.PropertyNamingPolicy!;
        var key = naming.ConvertName(Property.Name);
        if (group is null) return (config, key);
        var groupKey = naming.ConvertName(group.Name);
        if (config[groupKey] is JsonObject existing) return (existing, key);
        if (!create) return (null, key);
        JsonObject made = [];
        config[groupKey] = made;
        return (made, key);
    }

    /// <summary>Whether the setting applies to runs of <paramref name="core"/>: a grouped one (--rims-*) to its group's core only.</summary>
    public bool AppliesTo(string core) => Group is null || string.Equals(Group, core, StringComparison.OrdinalIgnoreCase);

    /// <summary>The one-line help: the property's XML summary (without its final full stop, like every help line).</summary>
    public string Help { get; }

    /// <summary>The value a fresh config has (null: unset, the code picks the value the help line names).</summary>
    public object? Default { get; }

    /// <summary>Whether the value may be unset (a nullable type).</summary>
    public bool Optional => Default is null;

    /// <summary>See <see cref="SettingAttribute.ResumeMayChange"/>.</summary>
    public bool ResumeMayChange { get; }

    /// <summary>See <see cref="SettingAttribute.Lowercase"/>.</summary>
    public bool Lowercase { get; }

    /// <summary>The rules its values must pass.</summary>
    public IReadOnlyList<SettingRuleAttribute> Rules { get; }

    /// <summary>The setting's value in <paramref name="config"/>.</summary>
    public object? Get(PpoConfig config) => Property.GetValue(group is null ? config : group.GetValue(config));

    /// <summary>A copy of <paramref name="config"/> with this setting set to <paramref name="value"/>.</summary>
    public PpoConfig With(PpoConfig config, object? value)
    {
        var copy = Copy(config);
        if (this.group is null)
        {
            Property.SetValue(copy, value);
            return copy;
        }
        var group = Copy(this.group.GetValue(config)!);
        Property.SetValue(group, value);
        this.group.SetValue(copy, group);
        return copy;
    }

    /// <summary>Throws when the value in <paramref name="config"/> breaks one of <see cref="Rules"/>.</summary>
    /// <exception cref="ArgumentException">"--option must be {what the rule allows} (got value)".</exception>
    public void Check(PpoConfig config)
    {
        if (Get(config) is not { } value) return;
        foreach (var rule in Rules)
            if (!rule.Allows(value))
                throw new ArgumentException($"{Option} must be {rule.Allowed}{(Optional ? ", or left out" : "")} (got {Show(value)})");
    }

    /// <summary>A value as the command line would spell it (names quoted).</summary>
    public static string Show(object value) =>
        value is string text ? $"'{text}'" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    // Records copy through their compiler-generated clone, so `with` semantics hold for every other property.
    private static T Copy<T>(T record) where T : notnull =>
        (T)record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;

    /// <inheritdoc/>
    public override string ToString() => Option;
}
