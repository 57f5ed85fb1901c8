using static TorchSharp.torch;

namespace Rims.Policies.Tests;

/// <summary>Proves libtorch loads in the test process (the Debian 12 ELF fix worked) and computes correctly.</summary>
public class TorchLoadsTests
{
    [Fact]
    public void MatrixProductRunsInProcess()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var product = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }
}
