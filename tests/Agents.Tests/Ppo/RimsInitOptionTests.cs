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
    public void TheInitIsWrittenToTheConfigAndOlderConfigsWithoutItStillLoad()
    {
        var json = JsonSerializer.Serialize(new PpoConfig { Rims = new RimsOptions { Init = "fan-in" } }, RunJson.Options);
        Assert.Equal("fan-in", JsonSerializer.Deserialize<PpoConfig>(json, RunJson.Options)!.Rims.Init);
        // A config from before the option: the "init" key is missing.
        var older = json.Replace("\"init\": \"fan-in\",", "").Replace(",\n    \"init\": \"fan-in\"", "");
        Assert.DoesNotContain("\"init\"", older);
        Assert.Equal("authors", JsonSerializer.Deserialize<PpoConfig>(older, RunJson.Options)!.Rims.Init);
    }
}
