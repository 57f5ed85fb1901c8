namespace Rims.Tests.Plugins;

/// <summary>The corridor's rules, in their own assembly so the plugin has a dependency to resolve.</summary>
public static class CorridorRules
{
    // Properties, not constants: a constant would be copied into the plugin at compile time, and the plugin would
    // never load this assembly (the loader test removes it to check the missing-dependency error).

    /// <summary>Cells of the corridor; the agent starts in cell 0 and wins at the last one.</summary>
    public static int Length => 4;

    /// <summary>Steps before the episode is truncated.</summary>
    public static int MaxSteps => 12;
}
