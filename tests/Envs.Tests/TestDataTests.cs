using Rims.Envs.Atari;
using Rims.Envs.Atari.Verification;

namespace Rims.Envs.Tests;

/// <summary>The shared test-data locator reads the product's own variable names, so tests look where `atari verify` and the Atari envs look.</summary>
public class TestDataTests
{
    [Fact]
    public void TheLocatorUsesTheProductsVariableNames()
    {
        Assert.Equal(TraceLocator.EnvironmentVariable, TestData.TracesVariable);
        Assert.Equal(TraceLocator.FallbackEnvironmentVariable, TestData.TracesFallbackVariable);
        Assert.Equal(RomLocator.EnvironmentVariable, TestData.RomsVariable);
    }
}
