namespace Rims.Envs.Tests;

/// <summary>Two specs describe the same observations only when every part's name and shape agree, in order.</summary>
public class ObservationSpecTests
{
    [Fact]
    public void SameLayoutComparesPartNamesAndShapesInOrder()
    {
        var grid = new ObservationSpec(new ObservationPart("image", [7, 7, 3]), new ObservationPart("mission", [9]));
        Assert.True(grid.SameLayout(new ObservationSpec(new ObservationPart("image", [7, 7, 3]), new ObservationPart("mission", [9]))));
        Assert.False(grid.SameLayout(new ObservationSpec(new ObservationPart("image", [7, 7, 3]))));
        Assert.False(grid.SameLayout(new ObservationSpec(new ObservationPart("image", [7, 7, 3]), new ObservationPart("goal", [9]))));
        Assert.False(grid.SameLayout(new ObservationSpec(new ObservationPart("image", [7, 3, 7]), new ObservationPart("mission", [9]))));
        Assert.False(grid.SameLayout(new ObservationSpec(new ObservationPart("mission", [9]), new ObservationPart("image", [7, 7, 3]))));
    }
}
