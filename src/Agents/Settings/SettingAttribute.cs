namespace Rims.Agents.Settings;

/// <summary>
/// How a property of <see cref="Ppo.PpoConfig"/> or <see cref="Ppo.RimsOptions"/> appears on the command line, beyond
/// what <see cref="SettingTable"/> derives by itself (the option name is the property name in kebab case, with the
/// group's prefix; the help line is the property's XML summary; the default is the property's initial value).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute : Attribute
{
    /// <summary>The option name without "--" where it is not the kebab-case property name (e.g. "env-option").</summary>
    public string? Option { get; init; }

    /// <summary>
    /// `ppo --resume` may change it: the setting does not alter what the run computes (a larger total only trains
    /// longer and stretches the learning-rate annealing).
    /// </summary>
    public bool ResumeMayChange { get; init; }

    /// <summary>The command line's value is read in lower case (names such as lstm, gru, softmax).</summary>
    public bool Lowercase { get; init; }
}
