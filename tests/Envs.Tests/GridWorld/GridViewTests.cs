using Rims.Envs.GridWorld;

namespace Rims.Envs.Tests.GridWorld;

public class GridViewTests
{
    private static byte[] View(Grid grid, int x, int y, int direction)
    {
        var image = new byte[7 * 7 * 3];
        grid.EncodeView(x, y, direction, null, image);
        return image;
    }

    private static (byte Type, byte Color, byte State) At(byte[] image, int x, int y) =>
        (image[(x * 7 + y) * 3], image[(x * 7 + y) * 3 + 1], image[(x * 7 + y) * 3 + 2]);

    private static Grid Room()
    {
        var grid = new Grid(9, 9);
        grid.ResetToWalledRoom();
        return grid;
    }

    [Fact]
    public void TheAgentSitsAtTheBottomCentreAndSeesWhatIsInFront()
    {
        var grid = Room();
        grid[4, 2] = new Cell(ObjectType.Ball, GridColor.Blue);
        // Facing up from (4, 6): the ball is 4 cells ahead.
        var image = View(grid, 4, 6, 3);
        Assert.Equal(((byte)1, (byte)0, (byte)0), At(image, 3, 6));   // own cell: empty
        Assert.Equal(((byte)6, (byte)2, (byte)0), At(image, 3, 2));   // blue ball
        Assert.Equal(((byte)2, (byte)5, (byte)0), At(image, 3, 0));   // top wall, grey
    }

    [Theory]
    [InlineData(0, 5, 4)]   // facing right: the ball at (5, 4) is one step ahead
    [InlineData(1, 4, 5)]   // facing down
    [InlineData(2, 3, 4)]   // facing left
    [InlineData(3, 4, 3)]   // facing up
    public void EveryDirectionPutsTheCellAheadAtViewPosition3_5(int direction, int ballX, int ballY)
    {
        var grid = Room();
        grid[ballX, ballY] = new Cell(ObjectType.Key, GridColor.Purple);
        var image = View(grid, 4, 4, direction);
        Assert.Equal(((byte)5, (byte)3, (byte)0), At(image, 3, 5));
    }

    [Fact]
    public void LeftAndRightAreMirroredCorrectly()
    {
        var grid = Room();
        grid[2, 4] = new Cell(ObjectType.Ball, GridColor.Red);    // west of the agent
        // Facing up, west is to the left of the view; facing down, it is to the right.
        Assert.Equal(6, At(View(grid, 4, 4, 3), 1, 6).Type);
        Assert.Equal(6, At(View(grid, 4, 4, 1), 5, 6).Type);
    }

    [Fact]
    public void WallsHideWhatIsBehindThem()
    {
        var grid = Room();
        for (int x = 1; x < 8; x++) grid[x, 4] = Cell.Wall;      // a full wall across the room
        grid[4, 2] = new Cell(ObjectType.Ball, GridColor.Green);
        var image = View(grid, 4, 6, 3);
        Assert.Equal(2, At(image, 3, 4).Type);                   // the wall itself is seen
        Assert.Equal((0, 0, 0), ((int)At(image, 3, 2).Type, (int)At(image, 3, 2).Color, (int)At(image, 3, 2).State)); // unseen
        Assert.Equal(0, At(image, 3, 0).Type);
    }

    [Fact]
    public void OutsideTheGridReadsAsWall()
    {
        var grid = Room();
        var image = View(grid, 1, 1, 3);                          // in a corner, facing up
        Assert.Equal(2, At(image, 3, 5).Type);                   // the border wall ahead
        Assert.Equal(2, At(image, 2, 6).Type);                   // the left border wall
        Assert.Equal(0, At(image, 1, 6).Type);                   // beyond it: hidden by the wall
    }
}
