using Rims.Envs.GridWorld;
using Rims.Envs.NumpyRandom;

namespace Rims.Envs.MiniGrid;

/// <summary>
/// The core of Farama Minigrid 3.1.0's <c>MiniGridEnv</c> (minigrid/minigrid_env.py), step for step and seed for seed:
/// the grid, the agent's pose, the carried object, the seven actions with MiniGrid's rules, the egocentric
/// observation, and the random placement helpers drawing from numpy's generator exactly as the reference does.
/// Subclasses lay out the grid and judge success.
/// <para>Observation (uint8): <c>image</c> [7, 7, 3] (MiniGrid's encoding, indexed [x, y, channel]), <c>direction</c>
/// [1] (obs["direction"], 0 right .. 3 up), <c>mission</c> [9] (the mission as a <see cref="MissionVector"/>); the
/// mission string itself is <see cref="MissionText"/>.</para>
/// <para>Snapshots (<see cref="ISnapshotEnv"/>) hold the whole env, the generator included, so a restored env draws
/// the same next episodes; subclasses add what their layout drew (<see cref="SaveLayout"/>).</para>
/// </summary>
public abstract class MiniGridEnv : IEnv, IRenderableEnv, ISnapshotEnv
{
    /// <summary>Bytes of the image part.</summary>
    public const int ImageSize = Grid.ViewSize * Grid.ViewSize * 3;

    private readonly byte[] mission = new byte[MissionVector.Size];

    /// <summary>Creates the env with an empty grid; <see cref="Reset"/> lays it out.</summary>
    /// <param name="width">Grid width in cells, walls included.</param>
    /// <param name="height">Grid height in cells, walls included.</param>
    /// <param name="maxSteps">Steps before truncation (max_steps).</param>
    /// <param name="seeThroughWalls">MiniGrid's see_through_walls: every view cell visible, no occlusion.</param>
    protected MiniGridEnv(int width, int height, int maxSteps, bool seeThroughWalls)
    {
        Grid = new Grid(width, height);
        MaxSteps = maxSteps;
        SeeThroughWalls = seeThroughWalls;
        ObservationSpec = new ObservationSpec(
            new ObservationPart("image", [Grid.ViewSize, Grid.ViewSize, 3]),
            new ObservationPart("direction", [1]),
            new ObservationPart("mission", [MissionVector.Size]));
    }

    /// <inheritdoc />
    public ObservationSpec ObservationSpec { get; }

    /// <inheritdoc />
    public int ActionCount => GridActions.Names.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> ActionNames => GridActions.Names;

    /// <summary>The grid (the agent is not stored in it).</summary>
    public Grid Grid { get; }

    /// <summary>The env's random generator (gymnasium's np_random). Until the first seeded reset it is seeded with 0.</summary>
    public NumpyGenerator Random { get; } = new(0);

    /// <summary>Agent position (x, y); (-1, -1) while a layout is placing objects, as in MiniGrid.</summary>
    public (int X, int Y) AgentPosition { get; protected internal set; }

    /// <summary>Agent direction: 0 right (+x), 1 down (+y), 2 left, 3 up.</summary>
    public int AgentDirection { get; protected internal set; }

    /// <summary>The carried object, or null.</summary>
    public Cell? Carrying { get; private set; }

    /// <summary>Steps taken in this episode (step_count).</summary>
    public int StepCount { get; private set; }

    /// <summary>Steps before truncation (max_steps).</summary>
    public int MaxSteps { get; }

    /// <summary>MiniGrid's see_through_walls.</summary>
    public bool SeeThroughWalls { get; }

    /// <summary>The mission string of this episode, exactly as the reference's obs["mission"].</summary>
    public string MissionText { get; protected set; } = "";

    /// <summary>What the mission asks for, as the policy reads it.</summary>
    public ObjectDescription Mission { get; protected set; }

    /// <summary>
    /// The last step's reward in double precision, as the reference computes it (<see cref="StepResult.Reward"/> is
    /// this value rounded to float).
    /// </summary>
    public double LastReward { get; private set; }

    /// <summary>
    /// Starts an episode as MiniGridEnv.reset does: re-seeds when <paramref name="seed"/> is given (gymnasium builds
    /// a new generator from it; null continues the stream), puts the agent at (-1, -1), lays the grid out, clears
    /// the carried object and the step count, and writes the first observation.
    /// </summary>
    public void Reset(Span<byte> observation, int? seed = null)
    {
        if (seed is { } s) Random.Seed(s);
        AgentPosition = (-1, -1);
        AgentDirection = -1;
        GenerateGrid();
        Carrying = null;
        StepCount = 0;
        LastReward = 0;
        Mission.WriteVector(mission);
        WriteObservation(observation);
    }

    /// <summary>Lays out the grid, places the agent and sets the mission (MiniGrid's _gen_grid), drawing from <see cref="Random"/>.</summary>
    protected abstract void GenerateGrid();

    /// <summary>
    /// The env's own judgement after the base step (the reference applies it in the subclass's step, after MiniGrid's):
    /// whether the episode terminates and with which reward.
    /// </summary>
    /// <param name="action">The action just taken.</param>
    /// <param name="carriedBefore">What was carried before the step.</param>
    protected abstract (bool Terminated, double Reward) Judge(GridAction action, Cell? carriedBefore);

    /// <summary>MiniGrid's success reward, <c>1 - 0.9 * (step_count / max_steps)</c>, in double and in this order.</summary>
    protected double SuccessReward() => 1 - 0.9 * ((double)StepCount / MaxSteps);

    /// <summary>
    /// One MiniGrid step: step_count first, the cell in front read before acting, then left/right turn, forward moves
    /// onto empty cells, pickup takes a key, ball or box when nothing is carried, drop puts the carried object on an
    /// empty cell in front, toggle deletes a box (its contents, none here, would replace it), done does nothing;
    /// truncated when step_count reaches max_steps; then <see cref="Judge"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is not 0..6.</exception>
    public StepResult Step(int action, Span<byte> observation)
    {
        GridActions.Validate(action);
        StepCount++;
        var (frontX, frontY) = Directions.Front(AgentPosition, AgentDirection);
        var front = Grid[frontX, frontY];
        var carriedBefore = Carrying;
        switch ((GridAction)action)
        {
            case GridAction.Left or GridAction.Right:
                AgentDirection = Directions.Turn(AgentDirection, (GridAction)action);
                break;
            case GridAction.Forward when front.CanOverlap:
                // No goal or lava in these layouts, so moving never ends an episode.
                AgentPosition = (frontX, frontY);
                break;
            case GridAction.Pickup when front.CanPickUp && Carrying is null:
                Carrying = front;
                Grid[frontX, frontY] = Cell.Empty;
                break;
            case GridAction.Drop when front.IsEmpty && Carrying is { } carried:
                Grid[frontX, frontY] = carried;
                Carrying = null;
                break;
            case GridAction.Toggle when front.Type == ObjectType.Box:
                // Box.toggle replaces the box by what it contains, and nothing is ever put in one here.
                Grid[frontX, frontY] = Cell.Empty;
                break;
        }
        bool truncated = StepCount >= MaxSteps;
        var (terminated, reward) = Judge((GridAction)action, carriedBefore);
        LastReward = reward;
        WriteObservation(observation);
        sbyte success = terminated ? (reward > 0 ? (sbyte)1 : (sbyte)0) : truncated ? (sbyte)0 : (sbyte)-1;
        return new StepResult((float)reward, terminated, truncated, new StepInfo((float)reward, terminated || truncated, success));
    }

    /// <summary>
    /// MiniGrid's place_obj: draws x in [top.x, min(top.x + size.x, width)) then y likewise until the cell is empty,
    /// is not the agent's, and (with <paramref name="rejectNextToAgent"/>, BabyAI's reject_next_to) is at Manhattan
    /// distance 2 or more from the agent; puts <paramref name="cell"/> there (null: only finds the cell). Returns
    /// false when <paramref name="maxTries"/> + 1 draws all failed, where the reference raises RecursionError.
    /// </summary>
    protected bool TryPlaceObject(Cell? cell, (int X, int Y) top, (int X, int Y) size, bool rejectNextToAgent, int maxTries,
                                  out (int X, int Y) position)
    {
        int endX = Math.Min(top.X + size.X, Grid.Width), endY = Math.Min(top.Y + size.Y, Grid.Height);
        for (int tries = 0; tries <= maxTries; tries++)
        {
            int x = Random.Integers(top.X, endX);
            int y = Random.Integers(top.Y, endY);
            if (!Grid[x, y].IsEmpty || (x, y) == AgentPosition) continue;
            if (rejectNextToAgent && Math.Abs(AgentPosition.X - x) + Math.Abs(AgentPosition.Y - y) < 2) continue;
            if (cell is { } placed) Grid[x, y] = placed;
            position = (x, y);
            return true;
        }
        position = (-1, -1);
        return false;
    }

    /// <summary>
    /// MiniGrid's place_agent: agent at (-1, -1), a cell found as <see cref="TryPlaceObject"/> does, then
    /// direction = integers(0, 4). False when the placement ran out of tries.
    /// </summary>
    protected bool TryPlaceAgent((int X, int Y) top, (int X, int Y) size, int maxTries)
    {
        AgentPosition = (-1, -1);
        if (!TryPlaceObject(null, top, size, rejectNextToAgent: false, maxTries, out var position)) return false;
        AgentPosition = position;
        AgentDirection = Random.Integers(0, 4);
        return true;
    }

    /// <summary>The cell in front of the agent (MiniGrid's front_pos).</summary>
    protected Cell FrontCell
    {
        get
        {
            var (x, y) = Directions.Front(AgentPosition, AgentDirection);
            return Grid[x, y];
        }
    }

    private void WriteObservation(Span<byte> observation)
    {
        Grid.EncodeView(AgentPosition.X, AgentPosition.Y, AgentDirection, Carrying, observation[..ImageSize], SeeThroughWalls);
        observation[ImageSize] = (byte)AgentDirection;
        mission.CopyTo(observation.Slice(ImageSize + 1, MissionVector.Size));
    }

    /// <inheritdoc />
    /// <remarks>
    /// The grid, the agent's pose, the carried object, the step count, the last reward, the mission (text, description
    /// and vector), the generator's full PCG64 state (<see cref="Pcg64.Save"/>), then the subclass's layout
    /// (<see cref="SaveLayout"/>).
    /// </remarks>
    public void SaveState(BinaryWriter writer)
    {
        Grid.Save(writer);
        writer.Write(AgentPosition.X);
        writer.Write(AgentPosition.Y);
        writer.Write(AgentDirection);
        writer.Write(Carrying.HasValue);
        Carrying.GetValueOrDefault().Save(writer);
        writer.Write(StepCount);
        writer.Write(LastReward);
        writer.Write(MissionText);
        Mission.Save(writer);
        writer.Write(mission);
        Random.BitGenerator.Save(writer);
        SaveLayout(writer);
    }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader)
    {
        Grid.Load(reader);
        AgentPosition = (reader.ReadInt32(), reader.ReadInt32());
        AgentDirection = reader.ReadInt32();
        bool carrying = reader.ReadBoolean();
        var carried = Cell.Load(reader);
        Carrying = carrying ? carried : null;
        StepCount = reader.ReadInt32();
        LastReward = reader.ReadDouble();
        MissionText = reader.ReadString();
        Mission = ObjectDescription.Load(reader);
        reader.ReadExactly(mission);
        Random.BitGenerator.Load(reader);
        LoadLayout(reader);
    }

    /// <summary>Writes what <see cref="GenerateGrid"/> drew that later steps read and the base does not hold (the target, the objects).</summary>
    protected abstract void SaveLayout(BinaryWriter writer);

    /// <summary>Restores what <see cref="SaveLayout"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The layout was saved by an env of another kind or variant.</exception>
    protected abstract void LoadLayout(BinaryReader reader);

    /// <summary>MiniGrid-style text of the whole grid: two characters per cell, the agent as &gt;&gt; V V &lt;&lt; ^^.</summary>
    public string RenderText() => GridText.Render(Grid, AgentPosition, AgentDirection);

    /// <inheritdoc />
    public int RenderHeight => Grid.Height * GridRenderer.TileSize;

    /// <inheritdoc />
    public int RenderWidth => Grid.Width * GridRenderer.TileSize;

    /// <inheritdoc />
    public void RenderRgb(Span<byte> rgb) => GridRenderer.Render(Grid, AgentPosition, AgentDirection, rgb);

    /// <inheritdoc />
    public void Dispose() { }
}
