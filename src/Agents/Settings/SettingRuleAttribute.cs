using System.Globalization;

namespace Rims.Agents.Settings;

/// <summary>
/// A validation rule declared on a setting's property; <see cref="SettingTable.Check"/> applies every rule and
/// reports "--option must be {Allowed} (got value)". A null value (an unset optional setting) passes every rule.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class SettingRuleAttribute : Attribute
{
    /// <summary>What the rule allows, completing "must be ...".</summary>
    public abstract string Allowed { get; }

    /// <summary>Whether <paramref name="value"/> (never null) satisfies the rule.</summary>
    public abstract bool Allows(object value);

    /// <summary>The value as a double (every numeric setting type converts exactly enough to compare).</summary>
    protected static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);
}

/// <summary>An integer count or size of at least <see cref="Minimum"/>.</summary>
/// <param name="minimum">The smallest allowed value.</param>
public sealed class AtLeastAttribute(long minimum) : SettingRuleAttribute
{
    /// <summary>The smallest allowed value.</summary>
    public long Minimum { get; } = minimum;

    /// <inheritdoc/>
    public override string Allowed => Minimum == 0 ? "0 or more" : $"at least {Minimum}";

    /// <inheritdoc/>
    public override bool Allows(object value) => Number(value) >= Minimum;
}

/// <summary>A finite number above 0 (rates, epsilons, clips: 0 or infinity would stop or break training).</summary>
public sealed class AboveZeroAttribute : SettingRuleAttribute
{
    /// <inheritdoc/>
    public override string Allowed => "a finite number above 0";

    /// <inheritdoc/>
    public override bool Allows(object value) => double.IsFinite(Number(value)) && Number(value) > 0;
}

/// <summary>A finite number, 0 or more (loss coefficients: 0 switches the term off).</summary>
public sealed class NotNegativeAttribute : SettingRuleAttribute
{
    /// <inheritdoc/>
    public override string Allowed => "a finite number, 0 or more";

    /// <inheritdoc/>
    public override bool Allows(object value) => double.IsFinite(Number(value)) && Number(value) >= 0;
}

/// <summary>A number in [0, 1], or in [0, 1) when <see cref="BelowOne"/> (a probability that must leave something).</summary>
public sealed class UnitIntervalAttribute : SettingRuleAttribute
{
    /// <summary>1 itself is excluded.</summary>
    public bool BelowOne { get; init; }

    /// <inheritdoc/>
    public override string Allowed => BelowOne ? "in [0, 1)" : "in [0, 1]";

    /// <inheritdoc/>
    public override bool Allows(object value) => Number(value) is var x && x >= 0 && (BelowOne ? x < 1 : x <= 1);
}

/// <summary>One of a fixed set of names.</summary>
/// <param name="names">The allowed names.</param>
public sealed class OneOfAttribute(params string[] names) : SettingRuleAttribute
{
    /// <summary>The allowed names.</summary>
    public IReadOnlyList<string> Names { get; } = names;

    /// <inheritdoc/>
    public override string Allowed => Names.Count == 2 ? $"{Names[0]} or {Names[1]}" : "one of " + string.Join(", ", Names);

    /// <inheritdoc/>
    public override bool Allows(object value) => Names.Contains((string)value);
}
