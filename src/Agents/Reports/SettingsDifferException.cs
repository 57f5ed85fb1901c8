namespace Rims.Agents.Reports;

/// <summary>
/// Runs given to one report differ in settings it does not pool across (<see cref="RunPool.Read"/>). The message adds
/// what `report` can do about it; <see cref="Differences"/> is the finding alone, for a caller that has other advice
/// (`compare`, which takes neither --variant nor --allow-mixed).
/// </summary>
/// <param name="differences">The runs and the settings they differ in, with both values.</param>
/// <param name="message">The differences followed by `report`'s options for them.</param>
public sealed class SettingsDifferException(string differences, string message) : ArgumentException(message)
{
    /// <summary>The runs and the settings they differ in, with both values ("a and b differ in --total-steps (4096 vs 2048)").</summary>
    public string Differences { get; } = differences;
}
