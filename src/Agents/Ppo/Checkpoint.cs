using System.Text;
using System.Text.Json;
using Rims.Agents.Runs;
using Rims.Policies;
using static TorchSharp.torch;

namespace Rims.Agents.Ppo;

/// <summary>What a checkpoint says about the run that wrote it.</summary>
/// <param name="Config">The run's full config.</param>
/// <param name="Iteration">Iterations done.</param>
/// <param name="GlobalStep">Agent steps done.</param>
public sealed record CheckpointHeader(PpoConfig Config, long Iteration, long GlobalStep);

/// <summary>
/// A training checkpoint in one file: a magic tag and version, a JSON header (config, counters), the policy
/// weights, the Adam state and the sampling generator's state. Written to a temporary file and renamed, so
/// a crash mid-write leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "RIMSCKPT";
    private const int Version = 1;

    /// <summary>Saves the trainer's state to <paramref name="path"/>.</summary>
    public static void Save(string path, PpoTrainer trainer, PpoConfig config) =>
        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            using var writer = new BinaryWriter(stream, Encoding.UTF8);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(Version);
            writer.Write(JsonSerializer.Serialize(new CheckpointHeader(config, trainer.Iteration, trainer.GlobalStep), RunJson.Options));
            trainer.Policy.save(writer);
            trainer.Optimizer.save_state_dict(writer);
            using var generatorState = trainer.Sampler.get_state();
            var bytes = generatorState.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        });

    /// <summary>Reads only the header (to rebuild the policy the weights belong to).</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads the weights of <paramref name="path"/> into <paramref name="policy"/>.</summary>
    public static CheckpointHeader LoadPolicy(string path, ActorCritic policy)
    {
        using var reader = Open(path);
        var header = ReadHeader(reader, path);
        policy.load(reader);
        return header;
    }

    /// <summary>Restores weights, optimizer, sampler and counters into <paramref name="trainer"/> (to resume).</summary>
    public static CheckpointHeader Restore(string path, PpoTrainer trainer)
    {
        using var reader = Open(path);
        var header = ReadHeader(reader, path);
        trainer.Policy.load(reader);
        trainer.Optimizer.load_state_dict(reader);
        int length = reader.ReadInt32();
        var bytes = reader.ReadBytes(length);
        using var state = tensor(bytes);
        trainer.Sampler.set_state(state);
        trainer.RestoreCounters(header.Iteration, header.GlobalStep);
        return header;
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint {path} does not exist", path);
        var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var magic = reader.ReadBytes(Magic.Length);
        if (Encoding.ASCII.GetString(magic) != Magic)
        {
            reader.Dispose();
            throw new InvalidDataException($"{path} is not a Rims checkpoint (no {Magic} tag)");
        }
        return reader;
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        int version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"{path} is checkpoint version {version}; this build reads version {Version}");
        return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString(), RunJson.Options)
               ?? throw new InvalidDataException($"{path} has an empty header");
    }
}
