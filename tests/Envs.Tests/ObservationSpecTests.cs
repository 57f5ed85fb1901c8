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

    [Fact]
    public void AFloatPartTakesFourBytesPerElementAndIsWrittenAsFloats()
    {
        var spec = new ObservationSpec(new ObservationPart("flags", [3]), new ObservationPart("state", [4], ObservationDType.Float32));
        Assert.Equal(3 + 16, spec.Size);
        Assert.Equal([0, 3], spec.Offsets);
        Assert.False(spec.IsBytesOnly);
        Assert.Equal("flags[3] + state[4] float32", spec.ToString());

        var observation = new byte[spec.Size];
        spec.Floats(observation, "state")[1] = -2.5f;
        Assert.Equal(-2.5f, BitConverter.ToSingle(observation, 3 + 4));
        Assert.Throws<ArgumentException>(() => spec.Floats(observation, "flags"));
        // The same names and shapes with bytes instead of floats are another layout.
        Assert.False(spec.SameLayout(new ObservationSpec(new ObservationPart("flags", [3]), new ObservationPart("state", [4]))));
        Assert.Equal("image[7x7x3] uint8", new ObservationSpec(new ObservationPart("image", [7, 7, 3])).ToString());
    }
}
