using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rims.Agents.Runs;
using Rims.Envs;
using Rims.Policies;

namespace Rims.Agents.Ppo;

/// <summary>What a checkpoint says about the run that wrote it.</summary>
/// <param name="Config">The run's full config.</param>
/// <param name="Iteration">Iterations done.</param>
/// <param name="GlobalStep">Agent steps done.</param>
/// <param name="Totals">The run's summary figures so far (null in checkpoints written outside a run).</param>
public sealed record CheckpointHeader(PpoConfig Config, long Iteration, long GlobalStep, RunTotals? Totals = null);

/// <summary>
/// A training checkpoint in one file. Layout: the tag "RIMSCKPT", the format version (int32), the payload length
/// in bytes (int64) and the payload's SHA-256 (32 bytes), then the payload: a JSON header
/// (<see cref="CheckpointHeader"/>), the policy weights, the Adam state and the trainer's state
/// (<see cref="PpoTrainer.SaveState"/>: recurrent state, episode starts, RNG streams, every env). The length and
/// checksum make a truncated or damaged file an error that names it, never a silently different run. Written to
/// a temporary file and renamed, so a crash mid-write leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "RIMSCKPT";
    private const int Version = 2;
    private const int PrefixLength = 8 + sizeof(int) + sizeof(long) + SHA256.HashSizeInBytes;

    /// <summary>Saves the trainer's state to <paramref name="path"/>; call between iterations.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="trainer">The trainer.</param>
    /// <param name="config">The run's config (the trainer's).</param>
    /// <param name="totals">The run's summary figures so far, for a resumed run's summary.</param>
    public static void Save(string path, PpoTrainer trainer, PpoConfig config, RunTotals? totals = null)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(JsonSerializer.Serialize(new CheckpointHeader(config, trainer.Iteration, trainer.GlobalStep, totals), RunJson.Options));
            trainer.Policy.save(writer);
            trainer.Optimizer.save_state_dict(writer);
            trainer.SaveState(writer);
        }
        var bytes = new ArraySegment<byte>(payload.GetBuffer(), 0, (int)payload.Length);
        var prefix = new byte[PrefixLength];
        Encoding.ASCII.GetBytes(Magic, prefix);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(8), Version);
        BinaryPrimitives.WriteInt64LittleEndian(prefix.AsSpan(12), bytes.Count);
        SHA256.HashData(bytes, prefix.AsSpan(20));
        AtomicFile.Write(path, temporary =>
        {
            using var file = File.Create(temporary);
            file.Write(prefix);
            file.Write(bytes);
        });
    }

    /// <summary>Reads only the header (to rebuild the policy the weights belong to).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a complete, undamaged checkpoint of this format.</exception>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var reader = Open(path);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads the weights of <paramref name="path"/> into <paramref name="policy"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is damaged, or its weights do not fit <paramref name="policy"/> (the message names the env and core
    /// the checkpoint was trained for).
    /// </exception>
    public static CheckpointHeader LoadPolicy(string path, ActorCritic policy)
    {
        using var reader = Open(path);
        var header = ReadHeader(reader, path);
        LoadWeights(reader, policy, header, path);
        return header;
    }

    /// <summary>
    /// Restores weights, optimizer, counters and the trainer's state (RNG streams, recurrent state, envs) into
    /// <paramref name="trainer"/>, built from the checkpoint's config, so training continues bit-exactly.
    /// </summary>
    /// <returns>The header, and how many envs could not restore their state and start fresh episodes.</returns>
    /// <exception cref="InvalidDataException">The file is damaged or was written for another policy or env count.</exception>
    public static (CheckpointHeader Header, int FreshEnvs) Restore(string path, PpoTrainer trainer)
    {
        using var reader = Open(path);
        var header = ReadHeader(reader, path);
        LoadWeights(reader, trainer.Policy, header, path);
        trainer.Optimizer.load_state_dict(reader);
        int fresh = trainer.LoadState(reader);
        trainer.RestoreCounters(header.Iteration, header.GlobalStep);
        return (header, fresh);
    }

    private static void LoadWeights(BinaryReader reader, ActorCritic policy, CheckpointHeader header, string path)
    {
        try
        {
            policy.load(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException)
        {
            throw new InvalidDataException(
                $"{path} holds a policy trained on {header.Config.Env} with the {header.Config.Core} core; its weights do not fit " +
                $"this env's policy ({e.Message}). Use it with --env {header.Config.Env}", e);
        }
    }

    /// <summary>
    /// For a folder given as a checkpoint: the run folder's final (else newest) checkpoint to give instead, where its
    /// runs are for a report folder, or null.
    /// </summary>
    private static string? FileInFolder(string folder)
    {
        // The run folder, or its checkpoints/ folder given itself.
        var checkpoints = Directory.Exists(Path.Combine(folder, "checkpoints")) || File.Exists(RunFolder.ConfigPath(folder)) ? Path.Combine(folder, "checkpoints") : folder;
        if (File.Exists(Path.Combine(checkpoints, "final.ckpt"))) return $"give the run's checkpoint file, e.g. {Path.Combine(checkpoints, "final.ckpt")}";
        // Newest by the iteration in the name, as a resume picks it (names past iteration 999,999 outgrow the padding).
        var newest = Directory.Exists(checkpoints)
            ? Directory.GetFiles(checkpoints, "iter_*.ckpt").Where(f => RunFolder.PeriodicCheckpointIteration(f) is not null).MaxBy(f => RunFolder.PeriodicCheckpointIteration(f))
            : null;
        if (newest is not null) return $"give a checkpoint file, e.g. {newest} (the run has no final.ckpt yet)";
        if (File.Exists(RunFolder.ConfigPath(folder)))
            return "this run folder holds no checkpoint (the run copies in a report keep none): give the checkpoint file of a run that has one";
        var report = RunFolder.RunsInsideHint(folder);
        return report.Length > 0 ? $"give a checkpoint file{report}" : null;
    }

    /// <summary>Reads the whole file, checks tag, version, length and checksum, and returns a reader over the payload.</summary>
    private static BinaryReader Open(string path)
    {
        InputPaths.RequireFile(path, "checkpoint", FileInFolder);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || Encoding.ASCII.GetString(bytes, 0, Magic.Length) != Magic)
            throw new InvalidDataException($"{path} is not a Rims checkpoint (no {Magic} tag)");
        if (bytes.Length < PrefixLength)
            throw new InvalidDataException($"{path} is truncated: {bytes.Length} bytes, less than the {PrefixLength}-byte checkpoint header");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version != Version) throw new InvalidDataException($"{path} is checkpoint version {version}; this build reads version {Version}");
        long length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        long actual = bytes.Length - PrefixLength;
        if (actual != length)
            throw new InvalidDataException($"{path} is {(actual < length ? "truncated" : "too long")}: its header says {length} payload bytes, the file has {actual}");
        var payload = bytes.AsSpan(PrefixLength);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(20, SHA256.HashSizeInBytes)))
            throw new InvalidDataException($"{path} is corrupt: its SHA-256 checksum does not match its contents");
        return new BinaryReader(new MemoryStream(bytes, PrefixLength, (int)length, writable: false), Encoding.UTF8);
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadString(), RunJson.Options)
                   ?? throw new InvalidDataException($"{path} has an empty header");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} has an unreadable header{(e.LineNumber is null ? "" : $" (JSON line {e.LineNumber + 1}, column {e.BytePositionInLine + 1})")}", e);
        }
    }
}
