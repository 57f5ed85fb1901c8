namespace Rims.Envs.GridWorld;

/// <summary>
/// The pickup task in a MiniGrid room: find and pick up the object the mission names among distractors and
/// obstacle tiles. Observation: MiniGrid's egocentric 7x7x3 "image" plus a "mission" vector (<see cref="MissionVector"/>: one-hot
/// colour, 6 slots, then one-hot type: key, ball, box). Reward 1 - 0.9 * t / max_steps for the right object; picking up
/// a wrong object, or walking into lava, ends the episode with 0; max_steps truncates. The room has no doors, so
/// toggle, drop and done change nothing (they still cost a step, as in MiniGrid).
/// </summary>
public sealed class GridPickupEnv : IEnv, IRenderableEnv, ISnapshotEnv
{
    /// <summary>Length of the mission vector (<see cref="MissionVector"/>).</summary>
    public const int MissionSize = MissionVector.Size;

    private readonly PickupTask task;
    private readonly Grid grid;
    private readonly byte[] mission = new byte[MissionSize];
    private readonly int[] distances;
    private readonly int[] queue;
    private Random random = new(0);
    private int stepCount;

    /// <summary>Creates the env for <paramref name="task"/>.</summary>
    public GridPickupEnv(PickupTask task)
    {
        task.Validate();
        this.task = task;
        grid = new Grid(task.RoomSize, task.RoomSize);
        distances = new int[task.RoomSize * task.RoomSize];
        queue = new int[task.RoomSize * task.RoomSize];
        ObservationSpec = new ObservationSpec(new ObservationPart("image", [Grid.ViewSize, Grid.ViewSize, 3]), new ObservationPart("mission", [MissionSize]));
    }

    /// <inheritdoc />
    public ObservationSpec ObservationSpec { get; }

    /// <inheritdoc />
    public int ActionCount => GridActions.Names.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames => GridActions.Names;

    /// <summary>The grid (for tests and rendering).</summary>
    public Grid Grid => grid;

    /// <summary>Agent position.</summary>
    public (int X, int Y) AgentPosition { get; internal set; }

    /// <summary>Agent direction (0 right, 1 down, 2 left, 3 up).</summary>
    public int AgentDirection { get; internal set; }

    /// <summary>The object to pick up.</summary>
    public ObjectKind Target { get; private set; }

    /// <summary>"pick up the &lt;colour&gt; &lt;type&gt;".</summary>
    public string MissionText => $"pick up the {Target}";

    /// <summary>Steps taken in this episode.</summary>
    public int StepCount => stepCount;

    /// <inheritdoc />
    public void Reset(Span<byte> observation, int? seed = null)
    {
        if (seed is { } s) random = new Random(s);
        // Rejection sampling: rare layouts where the target is walled off are drawn again.
        while (!TryGenerate()) { }
        stepCount = 0;
        MissionVector.Write(mission, Target.Color, Target.Type);
        WriteObservation(observation);
    }

    /// <summary>Places the agent, the target, the distractors and the obstacles; false if the target is unreachable.</summary>
    private bool TryGenerate()
    {
        grid.ResetToWalledRoom();
        Target = PickupTask.TrainingKinds[random.Next(PickupTask.TrainingKinds.Length)];
        Place(new Cell(Target.Type, Target.Color));
        int distractors = random.Next(task.Distractors.Min, task.Distractors.Max + 1);
        for (int i = 0; i < distractors; i++)
        {
            ObjectKind kind;
            // A distractor never looks like the target, or the mission would be ambiguous.
            do kind = task.DistractorKinds[random.Next(task.DistractorKinds.Length)];
            while (kind == Target);
            Place(new Cell(kind.Type, kind.Color));
        }
        int obstacles = random.Next(task.Obstacles.Min, task.Obstacles.Max + 1);
        var obstacle = task.ObstacleType == ObjectType.Lava ? new Cell(ObjectType.Lava, GridColor.Red) : Cell.Wall;
        for (int i = 0; i < obstacles; i++) Place(obstacle);
        // The agent is placed last and is not stored in the grid, so its cell stays empty.
        AgentPosition = FreeCell();
        AgentDirection = random.Next(4);
        return TargetReachable();
    }

    private (int X, int Y) FreeCell()
    {
        while (true)
        {
            int x = random.Next(1, grid.Width - 1), y = random.Next(1, grid.Height - 1);
            if (grid[x, y].IsEmpty) return (x, y);
        }
    }

    private void Place(Cell cell)
    {
        var (x, y) = FreeCell();
        grid[x, y] = cell;
    }

    /// <summary>Breadth-first search over empty cells from the agent to a cell next to the target.</summary>
    private bool TargetReachable()
    {
        int width = grid.Width;
        Array.Fill(distances, -1);
        int head = 0, tail = 0;
        int start = AgentPosition.Y * width + AgentPosition.X;
        distances[start] = 0;
        queue[tail++] = start;
        while (head < tail)
        {
            int current = queue[head++], x = current % width, y = current / width;
            for (int d = 0; d < 4; d++)
            {
                int nx = x + Directions.Dx[d], ny = y + Directions.Dy[d];
                var cell = grid[nx, ny];
                if (cell.Type == Target.Type && cell.Color == Target.Color) return true;
                int next = ny * width + nx;
                if (!cell.IsEmpty || distances[next] >= 0) continue;
                distances[next] = distances[current] + 1;
                queue[tail++] = next;
            }
        }
        return false;
    }

    /// <inheritdoc />
    public StepResult Step(int action, Span<byte> observation)
    {
        GridActions.Validate(action);
        stepCount++;
        bool terminated = false;
        float reward = 0;
        sbyte success = -1;
        var (fx, fy) = Directions.Front(AgentPosition, AgentDirection);
        var front = grid[fx, fy];
        switch ((GridAction)action)
        {
            case GridAction.Left or GridAction.Right:
                AgentDirection = Directions.Turn(AgentDirection, (GridAction)action);
                break;
            case GridAction.Forward when front.CanOverlap:
                AgentPosition = (fx, fy);
                if (front.Type == ObjectType.Lava)
                {
                    terminated = true;
                    success = 0;
                }
                break;
            case GridAction.Pickup when front.CanPickUp:
                grid[fx, fy] = Cell.Empty;
                terminated = true;
                bool right = front.Type == Target.Type && front.Color == Target.Color;
                success = right ? (sbyte)1 : (sbyte)0;
                if (right) reward = 1f - 0.9f * stepCount / task.MaxSteps;
                break;
        }
        bool truncated = !terminated && stepCount >= task.MaxSteps;
        if (truncated) success = 0;
        WriteObservation(observation);
        return new StepResult(reward, terminated, truncated, new StepInfo(reward, terminated || truncated, success));
    }

    private void WriteObservation(Span<byte> observation)
    {
        grid.EncodeView(AgentPosition.X, AgentPosition.Y, AgentDirection, null, observation[..(Grid.ViewSize * Grid.ViewSize * 3)]);
        var missionPart = observation.Slice(Grid.ViewSize * Grid.ViewSize * 3, MissionSize);
        if (task.MissionOnFirstStepOnly && stepCount > 0) missionPart.Clear();
        else mission.CopyTo(missionPart);
    }

    /// <inheritdoc />
    /// <remarks>The layout, agent, target, mission, step count and random stream.</remarks>
    public void SaveState(BinaryWriter writer)
    {
        grid.Save(writer);
        writer.Write(AgentPosition.X);
        writer.Write(AgentPosition.Y);
        writer.Write(AgentDirection);
        writer.Write((byte)Target.Type);
        writer.Write((byte)Target.Color);
        writer.Write(mission);
        writer.Write(stepCount);
        RandomState.Save(random, writer);
    }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader)
    {
        grid.Load(reader);
        AgentPosition = (reader.ReadInt32(), reader.ReadInt32());
        AgentDirection = reader.ReadInt32();
        Target = new ObjectKind((ObjectType)reader.ReadByte(), (GridColor)reader.ReadByte());
        reader.ReadExactly(mission);
        stepCount = reader.ReadInt32();
        random = RandomState.Load(reader);
    }

    /// <summary>MiniGrid-style text of the whole grid: two characters per cell, the agent as &gt;&gt; V V &lt;&lt; ^^.</summary>
    public string RenderText() => GridText.Render(grid, AgentPosition, AgentDirection);

    /// <inheritdoc />
    public int RenderHeight => grid.Height * GridRenderer.TileSize;

    /// <inheritdoc />
    public int RenderWidth => grid.Width * GridRenderer.TileSize;

    /// <inheritdoc />
    public void RenderRgb(Span<byte> rgb) => GridRenderer.Render(grid, AgentPosition, AgentDirection, rgb);

    /// <inheritdoc />
    public void Dispose() { }
}
