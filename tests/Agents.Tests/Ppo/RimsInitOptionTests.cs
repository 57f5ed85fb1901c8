using System.Text.Json;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Ppo;

/// <summary>--rims-init: chosen per run, recorded in config.json, absent from older files.</summary>
public class RimsInitOptionTests
{
    [Theory]
    [InlineData("authors", RimsInit.Authors)]
    [InlineData("fan-in", RimsInit.FanIn)]
    public void TheOptionReachesTheCell(string option, RimsInit expected) =>
        Assert.Equal(expected, CoreFactory.RimsConfigOf(new RimsOptions { Init = option }, 32, 24).Init);

    [Fact]
    public void AnUnknownInitIsRejectedNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new PpoConfig { Core = "lstm", Rims = new RimsOptions { Init = "xavier" } }.Validate());
        Assert.Contains("--rims-init", error.Message);
        Assert.Contains("authors or fan-in", error.Message);
    }

    [Fact]
    public void TheInitIsWrittenToTheConfigAndOlderConfigsWithoutItReadAsFanIn()
    {
        Assert.Equal("authors", new RimsOptions().Init);
        var authors = JsonSerializer.Serialize(new PpoConfig(), RunJson.Options);
        Assert.Equal("authors", JsonSerializer.Deserialize<PpoConfig>(authors, RunJson.Options)!.Rims.Init);
        var json = JsonSerializer.Serialize(new PpoConfig { Rims = new RimsOptions { Init = "fan-in" } }, RunJson.Options);
        Assert.Equal("fan-in", JsonSerializer.Deserialize<PpoConfig>(json, RunJson.Options)!.Rims.Init);
        // A config from before the option (7568582): the "init" key is missing, and fan-in was the only initialisation.
        var older = authors.Replace("\"init\": \"authors\",", "").Replace(",\n    \"init\": \"authors\"", "");
        Assert.DoesNotContain("\"init\"", older);
        Assert.Equal("fan-in", JsonSerializer.Deserialize<PpoConfig>(older, RunJson.Options)!.Rims.Init);
    }

    [Fact]
    public void AResumeOrCompareOverARunFromBeforeTheOptionIsRefusedRatherThanTakenForAnAuthorsRun()
    {
        var requested = new PpoConfig { Core = "rims", TotalSteps = 2048 };
        var json = JsonSerializer.Serialize(requested, RunJson.Options);
        var older = JsonSerializer.Deserialize<PpoConfig>(json.Replace(",\n    \"init\": \"authors\"", ""), RunJson.Options)!;
        var point = new ResumePoint("run", "run/checkpoints/final.ckpt", new CheckpointHeader(older, 2, 2048), []);
        var error = Assert.Throws<ArgumentException>(() => point.CheckChanges(requested));
        Assert.Contains("--rims", error.Message);
        Assert.Contains("fan-in", error.Message);
        point.CheckChanges(requested with { Rims = new RimsOptions { Init = "fan-in" } });
    }
}
