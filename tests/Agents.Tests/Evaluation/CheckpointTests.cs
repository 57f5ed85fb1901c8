using Rims.Agents.Evaluation;
using Rims.Agents.Ppo;
using Rims.Agents.Runs;
using Rims.Agents.Tests.Ppo;
using Rims.Envs;
using Rims.Envs.Vector;
using static TorchSharp.torch;

namespace Rims.Agents.Tests.Evaluation;

public class CheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("rims-ckpt-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly PpoConfig Config = new()
    {
        Env = "recall", Core = "gru", Seed = 5, TotalSteps = 4 * 16 * 3, NumEnvs = 4, NumSteps = 16, NumMinibatches = 2,
        Features = 16, Hidden = 16, Threads = 1,
    };

    [Fact]
    public void SaveThenLoadGivesIdenticalActionsAndValues()
    {
        using var trainer = RecallTrainer.Make(Config);
        trainer.RunIteration();
        var path = Path.Combine(directory, "a.ckpt");
        Checkpoint.Save(path, trainer, Config);

        using var scope = NewDisposeScope();
        var spec = new RecallEnv().ObservationSpec;
        random.manual_seed(99);   // a different init, overwritten by the load
        using var loaded = PolicyFactory.Create(Config, spec, 2);
        var header = Checkpoint.LoadPolicy(path, loaded);
        Assert.Equal(1, header.Iteration);
        Assert.Equal(64, header.GlobalStep);
        Assert.Equal(Config.Core, header.Config.Core);

        var observations = randint(0, 255, [6, spec.Size], dtype: ScalarType.Byte);
        var state = randn(6, trainer.Policy.Core.StateSize);
        var starts = zeros(6);
        var original = trainer.Policy.Step(observations, state, starts);
        var restored = loaded.Step(observations, state, starts);
        Assert.True(original.Logits.eq(restored.Logits).all().item<bool>());
        Assert.True(original.Values.eq(restored.Values).all().item<bool>());
    }

    [Fact]
    public void RestoreResumesTheSameTraining()
    {
        var path = Path.Combine(directory, "resume.ckpt");
        IterationStats expected;
        using (var trainer = RecallTrainer.Make(Config))
        {
            trainer.RunIteration();
            Checkpoint.Save(path, trainer, Config);
            trainer.RunIteration();
            expected = trainer.RunIteration();
        }
        using var resumed = RecallTrainer.Make(Config);
        Checkpoint.Restore(path, resumed);
        Assert.Equal(1, resumed.Iteration);
        // Envs restart from their seeds on resume, so only the optimiser path is compared: the learning rate
        // schedule and counters continue where the checkpoint left them.
        resumed.RunIteration();
        var third = resumed.RunIteration();
        Assert.Equal(expected.LearningRate, third.LearningRate);
        Assert.Equal(expected.GlobalStep, third.GlobalStep);
    }

    [Fact]
    public void AWriteThatDiesHalfwayLeavesThePreviousFileIntact()
    {
        var path = Path.Combine(directory, "good.ckpt");
        File.WriteAllText(path, "last good checkpoint");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, temporary =>
        {
            File.WriteAllText(temporary, "half a checkp");
            throw new IOException("process killed");
        }));
        Assert.Equal("last good checkpoint", File.ReadAllText(path));
        Assert.Equal(["good.ckpt"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void ANonCheckpointFileIsRejectedByName()
    {
        var path = Path.Combine(directory, "notes.txt");
        File.WriteAllText(path, "hello world, not a checkpoint");
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadHeader(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void EvaluatorPlaysWholeGamesWithACheckpoint()
    {
        using var trainer = RecallTrainer.Make(Config);
        trainer.RunIteration();
        var path = Path.Combine(directory, "eval.ckpt");
        Checkpoint.Save(path, trainer, Config);
        using var env = new RecallEnv();
        using var policy = new CheckpointPolicy(path, env.ObservationSpec, env.ActionCount, seed: 1, deterministic: true);
        var result = Evaluator.Run(env, policy, new EvalSettings("recall", Episodes: 20, Seed: 3, Deterministic: true, "eval.ckpt"));
        Assert.Equal(20, result.Returns.Length);
        Assert.All(result.Lengths, l => Assert.Equal(4, l));
        Assert.Equal(result.Returns.Average(), result.Mean, 10);
        Assert.Equal(result.Successes.Average(), result.SuccessRate!.Value, 10);
    }
}
