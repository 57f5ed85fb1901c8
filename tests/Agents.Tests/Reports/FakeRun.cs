using System.Text.Json.Nodes;

namespace Rims.Agents.Tests.Reports;

/// <summary>Minimal run folders as `report` reads them (config.json, summary.json, episodes.csv), for pooling tests.</summary>
internal static class FakeRun
{
    /// <summary>
    /// Writes a run of <paramref name="env"/>/<paramref name="core"/>/<paramref name="seed"/>; <paramref name="completed"/>
    /// null leaves summary.json out; <paramref name="settings"/> are further config.json keys (or replace these).
    /// </summary>
    public static string Write(string folder, string env, string core, int seed, bool? completed = true, JsonObject? settings = null)
    {
        Directory.CreateDirectory(folder);
        var config = new JsonObject { ["env"] = env, ["core"] = core, ["seed"] = seed, ["total_steps"] = 100, ["command"] = "ppo (test)" };
        foreach (var (key, value) in settings ?? []) config[key] = value?.DeepClone();
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        if (completed is { } done)
            File.WriteAllText(Path.Combine(folder, "summary.json"), new JsonObject
            {
                ["total_steps"] = done ? 100 : 40, ["completed"] = done, ["mean_return_last_100"] = 0.5, ["sps"] = 10.0,
                ["wall_seconds"] = 1.0, ["parameters"] = 10,
            }.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "episodes.csv"), "global_step,episodic_return,episodic_length,success\n50,0.5,10,1\n100,0.6,9,1\n");
        return folder;
    }
}
