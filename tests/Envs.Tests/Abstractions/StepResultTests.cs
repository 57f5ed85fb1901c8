namespace Rims.Envs.Tests.Abstractions;

public class StepResultTests
{
    [Fact]
    public void WithoutSideInformationTheStatisticsFollowTheLearnersEpisode()
    {
        // A plugin env that passed `default` here used to leave GameOver false forever: no episode ever ended for the
        // statistics, and evaluation never finished.
        Assert.Equal(new StepInfo(2f, GameOver: true), new StepResult(2f, true, false, default).Info);
        Assert.Equal(new StepInfo(-1f, GameOver: true), new StepResult(-1f, false, true).Info);
        Assert.Equal(new StepInfo(0.5f, GameOver: false), new StepResult(0.5f, false, false).Info);
    }

    [Fact]
    public void GivenSideInformationIsKeptAndAWrapperChangingTheRewardKeepsTheRawOne()
    {
        var lifeLost = new StepResult(1f, true, false, new StepInfo(7f, GameOver: false, Success: 0));
        Assert.Equal(new StepInfo(7f, false, 0), lifeLost.Info);
        var clipped = new StepResult(7f, false, false) with { Reward = 1f };
        Assert.Equal((1f, 7f), (clipped.Reward, clipped.Info.RawReward));
    }
}

public class EnvCallTests
{
    /// <summary>An env whose every step pays <paramref name="reward"/>.</summary>
    private sealed class PayingEnv(float reward) : IEnv
    {
        public ObservationSpec ObservationSpec { get; } = new(new ObservationPart("state", [1]));
        public int ActionCount => 2;
        public IReadOnlyList<string> ActionNames { get; } = ["a", "b"];
        public void Reset(Span<byte> observation, int? seed = null) => observation.Clear();
        public StepResult Step(int action, Span<byte> observation) => new(reward, false, false);
        public void Dispose() { }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ARewardThatIsNotAFiniteNumberIsRefusedNamingTheEnv(float reward)
    {
        using var env = new PayingEnv(reward);
        var error = Assert.Throws<InvalidDataException>(() => EnvCall.Step(env, 0, new byte[1]));
        Assert.StartsWith($"env PayingEnv returned a reward that is not a finite number from Step (reward {reward}", error.Message);
    }

    [Fact]
    public void AFiniteRewardPassesUnchanged()
    {
        using var env = new PayingEnv(-3.5f);
        Assert.Equal(new StepResult(-3.5f, false, false), EnvCall.Step(env, 1, new byte[1]));
    }
}
