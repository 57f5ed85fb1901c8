using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>The line a second signal prints as it exits at once: true whether or not the checkpoint was written.</summary>
public class StopSignalsTests
{
    [Fact]
    public void ASecondSignalAfterTheCheckpointSaysItWasWritten()
    {
        string line = StopSignals.SecondSignalMessage("SIGTERM", ["runs/a/checkpoints/final.ckpt"]);
        Assert.Equal("SIGTERM again: stopping at once; runs/a/checkpoints/final.ckpt was written, so ppo --resume continues from it", line);
    }

    [Fact]
    public void ASecondSignalBeforeTheCheckpointSaysNoneIsWritten()
    {
        string line = StopSignals.SecondSignalMessage("SIGINT", []);
        Assert.StartsWith("SIGINT again: stopping at once without writing a checkpoint;", line);
    }
}
