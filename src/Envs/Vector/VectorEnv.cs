namespace Rims.Envs.Vector;

/// <summary>
/// N environments in one process, stepped sequentially or on a <see cref="EnvWorkerPool"/>. Observations are
/// one contiguous uint8 batch [N, Size]. An env whose episode ends is reset in the same step: the batch then
/// holds the next episode's first observation, and the final observation is kept in
/// <see cref="FinalObservations"/> for bootstrapping a truncated episode. Nothing is allocated per step.
/// </summary>
public sealed class VectorEnv : IDisposable
{
    private readonly IEnv[] envs;
    private readonly int[] actions;
    private readonly double[] runningReturns;
    private readonly int[] runningLengths;
    private readonly bool[] episodeEnded;
    private readonly EpisodeEnd[] endedEpisodes;
    private readonly EpisodeEnd[] finished;
    private readonly EnvWorkerPool pool;
    private int finishedCount;

    /// <summary>Wraps <paramref name="envs"/> (all with the same spec and action count).</summary>
    /// <param name="envs">The environments; the vector env owns and disposes them.</param>
    /// <param name="threads">Threads that step envs (1 = sequential on the caller's thread).</param>
    public VectorEnv(IReadOnlyList<IEnv> envs, int threads = 1)
    {
        if (envs.Count == 0) throw new ArgumentException("a vectorised env needs at least one env", nameof(envs));
        this.envs = [.. envs];
        Spec = envs[0].ObservationSpec;
        ActionCount = envs[0].ActionCount;
        for (int i = 1; i < envs.Count; i++)
            if (!envs[i].ObservationSpec.SameLayout(Spec) || envs[i].ActionCount != ActionCount)
                throw new ArgumentException($"env {i} has spec {envs[i].ObservationSpec} / {envs[i].ActionCount} actions, env 0 has {Spec} / {ActionCount}");
        int n = envs.Count;
        Observations = new byte[n * Spec.Size];
        FinalObservations = new byte[n * Spec.Size];
        Rewards = new float[n];
        Terminated = new bool[n];
        Truncated = new bool[n];
        Infos = new StepInfo[n];
        actions = new int[n];
        runningReturns = new double[n];
        runningLengths = new int[n];
        episodeEnded = new bool[n];
        endedEpisodes = new EpisodeEnd[n];
        finished = new EpisodeEnd[n];
        pool = new EnvWorkerPool(n, threads, StepSlice);
    }

    /// <summary>Number of environments.</summary>
    public int Count => envs.Length;

    /// <summary>The shared observation layout.</summary>
    public ObservationSpec Spec { get; }

    /// <summary>The shared action count.</summary>
    public int ActionCount { get; }

    /// <summary>The environments (for rendering and inspection).</summary>
    public IReadOnlyList<IEnv> Envs => envs;

    /// <summary>Threads stepping the envs.</summary>
    public int ThreadCount => pool.ThreadCount;

    /// <summary>Bytes allocated so far on the worker threads (see <see cref="EnvWorkerPool.WorkerAllocatedBytes"/>).</summary>
    public long WorkerAllocatedBytes => pool.WorkerAllocatedBytes;

    /// <summary>Current observations [N, Spec.Size]: after a done, the next episode's first observation.</summary>
    public byte[] Observations { get; }

    /// <summary>Where Terminated or Truncated is set, the last observation of the episode that just ended.</summary>
    public byte[] FinalObservations { get; }

    /// <summary>The learner's rewards of the last step.</summary>
    public float[] Rewards { get; }

    /// <summary>Per env: the last step ended its episode in a terminal state.</summary>
    public bool[] Terminated { get; }

    /// <summary>Per env: the last step cut its episode by a time limit.</summary>
    public bool[] Truncated { get; }

    /// <summary>Per env: the side information of the last step.</summary>
    public StepInfo[] Infos { get; }

    /// <summary>Statistics episodes (whole games) that ended in the last step.</summary>
    public ReadOnlySpan<EpisodeEnd> FinishedEpisodes => finished.AsSpan(0, finishedCount);

    /// <summary>Resets every env; env i is seeded with seed + i (gymnasium's convention).</summary>
    public void Reset(int seed)
    {
        int size = Spec.Size;
        for (int i = 0; i < envs.Length; i++)
        {
            EnvCall.Reset(envs[i], Observations.AsSpan(i * size, size), seed + i);
            runningReturns[i] = 0;
            runningLengths[i] = 0;
        }
        Array.Clear(Terminated);
        Array.Clear(Truncated);
        finishedCount = 0;
    }

    /// <summary>
    /// Writes, per env, whether it can snapshot itself (<see cref="ISnapshotEnv"/>) and if so its state, its current
    /// observation and its statistics-episode return and length so far.
    /// </summary>
    public void SaveState(BinaryWriter writer)
    {
        int size = Spec.Size;
        writer.Write(envs.Length);
        writer.Write(size);
        for (int i = 0; i < envs.Length; i++)
        {
            if (envs[i] is not ISnapshotEnv snapshot)
            {
                writer.Write(false);
                continue;
            }
            writer.Write(true);
            snapshot.SaveState(writer);
            writer.Write(Observations, i * size, size);
            writer.Write(runningReturns[i]);
            writer.Write(runningLengths[i]);
        }
    }

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote into the same number of envs of the same id. Envs saved without
    /// a state keep the episode they are in (after <see cref="Reset"/>, a fresh one).
    /// </summary>
    /// <returns>Per env: true if its state was restored.</returns>
    /// <exception cref="InvalidDataException">The state is for another number of envs or another observation size.</exception>
    public bool[] LoadState(BinaryReader reader)
    {
        int size = Spec.Size;
        int count = reader.ReadInt32(), savedSize = reader.ReadInt32();
        if (count != envs.Length || savedSize != size)
            throw new InvalidDataException($"the saved envs are {count} with {savedSize}-byte observations, these {envs.Length} with {size}");
        var restored = new bool[envs.Length];
        for (int i = 0; i < envs.Length; i++)
        {
            if (!reader.ReadBoolean()) continue;
            if (envs[i] is not ISnapshotEnv snapshot)
                throw new InvalidDataException($"env {i} was saved with its state but {envs[i].GetType().Name} cannot restore one");
            snapshot.LoadState(reader);
            reader.ReadExactly(Observations.AsSpan(i * size, size));
            runningReturns[i] = reader.ReadDouble();
            runningLengths[i] = reader.ReadInt32();
            restored[i] = true;
        }
        return restored;
    }

    /// <summary>Steps every env with its action and auto-resets those whose episode ended.</summary>
    public void Step(ReadOnlySpan<int> actionBatch)
    {
        if (actionBatch.Length != envs.Length)
            throw new ArgumentException($"got {actionBatch.Length} actions for {envs.Length} envs");
        actionBatch.CopyTo(actions);
        pool.Run();
        finishedCount = 0;
        for (int i = 0; i < envs.Length; i++)
            if (episodeEnded[i]) finished[finishedCount++] = endedEpisodes[i];
    }

    private void StepSlice(int start, int end)
    {
        int size = Spec.Size;
        for (int i = start; i < end; i++)
        {
            var observation = Observations.AsSpan(i * size, size);
            var result = EnvCall.Step(envs[i], actions[i], observation);
            Rewards[i] = result.Reward;
            Terminated[i] = result.Terminated;
            Truncated[i] = result.Truncated;
            Infos[i] = result.Info;
            runningReturns[i] += result.Info.RawReward;
            runningLengths[i]++;
            // Statistics follow the game: a life lost ends the learner's episode but not the game's.
            episodeEnded[i] = result.Info.GameOver;
            if (result.Info.GameOver)
            {
                endedEpisodes[i] = new EpisodeEnd(i, runningReturns[i], runningLengths[i], result.Info.Success);
                runningReturns[i] = 0;
                runningLengths[i] = 0;
            }
            if (result.Done)
            {
                observation.CopyTo(FinalObservations.AsSpan(i * size, size));
                EnvCall.Reset(envs[i], observation);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        pool.Dispose();
        foreach (var env in envs) env.Dispose();
    }
}
