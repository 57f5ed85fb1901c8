using System.Collections.Concurrent;
using System.Reflection;

namespace Rims.Envs.Atari;

public sealed partial class AleInterface
{
    // "ALES" + format version: a state from another format or game is refused with a clear message.
    private const uint StateMagic = 0x53454C41;
    private const int StateVersion = 1;

    // The per-episode fields of each game class (score, latches, trackers, reward/terminal/lives), found once per type.
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> GameStateFields = new();

    /// <summary>
    /// ALE's cloneState (with the RNGs): the whole machine (CPU, RIOT, TIA with both frame buffers, cartridge bank,
    /// core RNG), the environment RNG, the game's bookkeeping (score, lives, terminal, trackers), frame counters,
    /// paddle positions, the sticky actions, mode and difficulty. <see cref="RestoreState"/> on an instance loaded
    /// from the same ROM continues bit-identically.
    /// </summary>
    public byte[] SaveState()
    {
        using var stream = new MemoryStream(64 * 1024);
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(StateMagic);
            writer.Write(StateVersion);
            writer.Write(md5);
            machine.Save(writer);
            envRng.Save(writer);
            writer.Write(FrameNumber);
            writer.Write(EpisodeFrameNumber);
            writer.Write(paddleA);
            writer.Write(paddleB);
            writer.Write(stickyA);
            writer.Write(stickyB);
            writer.Write(mode);
            writer.Write(difficulty);
            writer.Write(nextMode);
            writer.Write(nextDifficulty);
            writer.Write(DisplayFormat);
            SaveGame(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Restores a state made by <see cref="SaveState"/> of an instance running the same ROM.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a state, or belong to another ROM.</exception>
    public void RestoreState(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(state, writable: false));
            if (reader.ReadUInt32() != StateMagic)
                throw new InvalidDataException("The bytes are not an AleInterface state (bad magic); pass what SaveState() returned.");
            int version = reader.ReadInt32();
            if (version != StateVersion)
                throw new InvalidDataException($"AleInterface state format {version} is not supported (this build reads {StateVersion}).");
            string md5 = reader.ReadString();
            if (md5 != this.md5)
                throw new InvalidDataException(
                    $"The state was saved from the ROM with md5 {md5}, but this instance runs {game.Name} (md5 {this.md5}); " +
                    "restore it into an AleInterface loaded from the same ROM.");
            machine.Load(reader);
            envRng.Load(reader);
            FrameNumber = reader.ReadInt64();
            EpisodeFrameNumber = reader.ReadInt64();
            paddleA = reader.ReadInt32();
            paddleB = reader.ReadInt32();
            stickyA = reader.ReadInt32();
            stickyB = reader.ReadInt32();
            mode = reader.ReadInt32();
            difficulty = reader.ReadInt32();
            nextMode = reader.ReadInt32();
            nextDifficulty = reader.ReadInt32();
            DisplayFormat = reader.ReadString();
            LoadGame(reader);
            if (reader.BaseStream.Position != state.Length)
                throw new InvalidDataException($"The AleInterface state has {state.Length - reader.BaseStream.Position} unexpected trailing bytes.");
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The AleInterface state is truncated; pass the whole array SaveState() returned.", e);
        }
    }

    // The game classes keep their per-episode state in private int/bool fields (and auto-property backing fields);
    // they are saved by reflection so every game is covered without each one implementing its own serialisation.
    private void SaveGame(BinaryWriter writer)
    {
        var fields = FieldsOf(game.GetType());
        writer.Write(fields.Length);
        foreach (var field in fields)
        {
            switch (field.GetValue(game))
            {
                case int i: writer.Write(i); break;
                case bool b: writer.Write(b); break;
                case long l: writer.Write(l); break;
                case double d: writer.Write(d); break;
                default: throw new InvalidOperationException($"{field.DeclaringType?.Name}.{field.Name} has an unsupported type.");
            }
        }
    }

    private void LoadGame(BinaryReader reader)
    {
        var fields = FieldsOf(game.GetType());
        int count = reader.ReadInt32();
        if (count != fields.Length)
            throw new InvalidDataException($"The state holds {count} game fields but {game.Name} has {fields.Length}; it was saved by another build.");
        foreach (var field in fields)
        {
            object value = field.FieldType == typeof(int) ? reader.ReadInt32()
                : field.FieldType == typeof(bool) ? reader.ReadBoolean()
                : field.FieldType == typeof(long) ? reader.ReadInt64()
                : reader.ReadDouble();
            field.SetValue(game, value);
        }
    }

    private static FieldInfo[] FieldsOf(Type type) => GameStateFields.GetOrAdd(type, static t =>
    {
        var list = new List<FieldInfo>();
        for (Type? current = t; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsInitOnly) continue; // identity (readonly) fields never change
                if (field.FieldType != typeof(int) && field.FieldType != typeof(bool) && field.FieldType != typeof(long) && field.FieldType != typeof(double))
                    throw new NotSupportedException(
                        $"{current.Name}.{field.Name} ({field.FieldType.Name}) cannot be saved in an ALE state; keep game state in int/bool/long/double fields.");
                list.Add(field);
            }
        }
        // Reflection order is not guaranteed; sort so save and load agree.
        list.Sort((x, y) => string.CompareOrdinal(x.DeclaringType!.FullName + "." + x.Name, y.DeclaringType!.FullName + "." + y.Name));
        return list.ToArray();
    });
}
