using Rims.Envs.GridWorld;

namespace Rims.Envs.Tests.GridWorld;

public class DirectionsTests
{
    [Fact]
    public void TurnsFollowMiniGridsDirectionOrder()
    {
        // 0 right, 1 down, 2 left, 3 up: right turns go clockwise, left turns back.
        Assert.Equal([1, 2, 3, 0], Enumerable.Range(0, 4).Select(d => Directions.Turn(d, GridAction.Right)));
        Assert.Equal([3, 0, 1, 2], Enumerable.Range(0, 4).Select(d => Directions.Turn(d, GridAction.Left)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Directions.Turn(0, GridAction.Forward));
    }

    [Fact]
    public void FrontIsOneStepAlongTheDirection()
    {
        Assert.Equal((4, 3), Directions.Front((3, 3), 0));
        Assert.Equal((3, 4), Directions.Front((3, 3), 1));
        Assert.Equal((2, 3), Directions.Front((3, 3), 2));
        Assert.Equal((3, 2), Directions.Front((3, 3), 3));
    }
}
