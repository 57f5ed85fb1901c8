using System.Text;
using System.Text.Json.Nodes;

namespace Rims.Agents.Reports;

/// <summary>The closing section of every report: the exact commands, code versions and machines behind its runs.</summary>
public static class Provenance
{
    /// <summary>
    /// Appends the section for runs given as (folder, config.json) pairs; <paramref name="builtWith"/>, when given, is
    /// the `report` command that built it (its options, the run folders being those listed), so it can be rebuilt as it was;
    /// <paramref name="leftOut"/>, when given, lists runs the report saw and did not pool, each with the reason.
    /// </summary>
    public static void Append(StringBuilder md, IReadOnlyList<(string Directory, JsonObject Config)> runs, string? builtWith = null,
        IReadOnlyList<string>? leftOut = null)
    {
        md.AppendLine("## Provenance").AppendLine();
        md.AppendLine("Commands:").AppendLine().AppendLine("```");
        foreach (var (_, config) in runs) md.AppendLine(config["command"]?.ToString() ?? "(unknown)");
        md.AppendLine("```").AppendLine();
        md.AppendLine($"Code version(s): {string.Join(", ", runs.Select(r => r.Config["git_commit"]?.ToString() ?? "unknown").Distinct())}. " +
                      $"Machine(s): {string.Join("; ", runs.Select(r => r.Config["machine"]?.ToString() ?? "unknown").Distinct())}.");
        // As given to the report (relative paths stay relative), so the report can be rebuilt from them.
        md.AppendLine().AppendLine("Run folders: " + string.Join(", ", runs.Select(r => r.Directory.TrimEnd('/'))));
        if (builtWith is not null) md.AppendLine().AppendLine($"Built with: `{builtWith}`");
        // A comparison's report says which runs beside its own it saw and did not pool, so a reader of the report alone
        // knows they exist (ComparisonReport).
        if (leftOut is { Count: > 0 })
        {
            md.AppendLine().AppendLine("Runs of this comparison's folder left out of this report:").AppendLine();
            foreach (var line in leftOut) md.AppendLine($"- {line}");
        }
    }
}
