namespace Rims.Agents.Tests;

public class CountedTests
{
    [Fact]
    public void OneIsSingularAndEveryOtherCountPlural()
    {
        Assert.Equal("1 episode", Counted.Of(1, "episode"));
        Assert.Equal("0 episodes", Counted.Of(0, "episode"));
        Assert.Equal("30 episodes", Counted.Of(30, "episode"));
    }
}
