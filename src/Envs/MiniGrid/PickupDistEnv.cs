using Rims.Envs.GridWorld;

namespace Rims.Envs.MiniGrid;

/// <summary>
/// BabyAI's PickupDist (minigrid/envs/babyai/pickup.py; BabyAI-PickupDist-v0, and -Debug-v0 with a strict
/// verifier): one 7x7 room with five objects of distinct (type, colour), keys, balls and boxes of any colour; the
/// mission names one by its type, its colour or both ("pick up the/a ..."). Picking up an object the description
/// matches (while carrying nothing before) succeeds with the MiniGrid reward. Non-strict: a wrong pickup is kept and
/// may be dropped again; strict: a pickup that does not succeed while something is carried ends the episode with 0.
/// max_steps = 49; walls occlude the view.
/// <para>Layout, draw for draw as the reference (RoomGridLevel._gen_grid): border walls, agent provisionally at the
/// centre; five objects (colour = COLOR_NAMES[integers(0, 6)], then type = [key, ball, box][integers(0, 3)]; a pair
/// already used is skipped) each placed with place_obj over the room, at Manhattan distance 2 or more from the centre,
/// at most 1000 retries; the agent placed again (at most 1000 retries) until the cell in front is empty or a wall;
/// target = objects[integers(0, 5)]; described by ["type", "color", "both"][integers(0, 3)]. A placement that runs
/// out of tries starts the layout over, the stream continuing, as the reference's RecursionError retry does.</para>
/// <para>The <see cref="PickupDistSplit"/> variants keep all of that and add: Known skips a drawn kind outside the known
/// kinds exactly as it skips an already used one (after its two draws); Novel starts the layout over, like BabyAI's
/// RejectSampling retry, unless the target is a known kind and some other object a novel kind.</para>
/// </summary>
public sealed class PickupDistEnv : MiniGridEnv
{
    /// <summary>Room side, walls included.</summary>
    public const int RoomSize = 7;

    /// <summary>Objects in the room.</summary>
    public const int ObjectCount = 5;

    /// <summary>max_steps: num_navs (1) * room_size^2.</summary>
    public const int EpisodeSteps = RoomSize * RoomSize;

    /// <summary>Tries of place_obj inside the room (RoomGrid.place_in_room and RoomGrid.place_agent).</summary>
    private const int PlacementTries = 1000;

    private static readonly ObjectType[] Types = [ObjectType.Key, ObjectType.Ball, ObjectType.Box];
    private static readonly (int X, int Y) Centre = (RoomSize / 2, RoomSize / 2);
    private readonly Cell[] objects = new Cell[ObjectCount];

    /// <summary>Creates the env.</summary>
    /// <param name="strict">PickupDistDebug's strict verifier: a wrong pickup ends the episode.</param>
    /// <param name="split">Which object kinds may appear (<see cref="PickupDistSplit.Reference"/> for the standard ids).</param>
    public PickupDistEnv(bool strict = false, PickupDistSplit split = PickupDistSplit.Reference)
        : base(RoomSize, RoomSize, EpisodeSteps, seeThroughWalls: false)
    {
        Strict = strict;
        Split = split;
    }

    /// <summary>The verifier is strict (PickupDistDebug).</summary>
    public bool Strict { get; }

    /// <summary>Which object kinds may appear.</summary>
    public PickupDistSplit Split { get; }

    /// <summary>The five objects as placed at reset (type and colour), in placement order.</summary>
    public ReadOnlySpan<Cell> Objects => objects;

    /// <summary>The object the mission was drawn from (others may match the description too).</summary>
    public Cell Target { get; private set; }

    /// <inheritdoc />
    protected override void GenerateGrid()
    {
        while (true)
        {
            Grid.ResetToWalledRoom();
            AgentPosition = Centre;
            AgentDirection = 0;
            if (!TryAddObjects() || !TryPlaceAgentFacingNoObject()) continue;
            Target = objects[Random.Integers(0, ObjectCount)];
            Mission = Random.Integers(0, 3) switch
            {
                0 => new ObjectDescription(null, Target.Type),
                1 => new ObjectDescription(Target.Color, null),
                _ => new ObjectDescription(Target.Color, Target.Type),
            };
            if (Split == PickupDistSplit.Novel && !HasNovelDistractorAndKnownTarget()) continue;
            break;
        }
        MissionText = MissionTexts.PickUp(Mission, unique: Mission.CountMatches(Grid) == 1);
    }

    /// <summary>RoomGrid.add_distractors(num_distractors=5): false when a placement ran out of tries.</summary>
    private bool TryAddObjects()
    {
        int count = 0;
        while (count < ObjectCount)
        {
            var color = MiniGridNames.ColorNames[Random.Integers(0, MiniGridNames.ColorNames.Length)];
            var type = Types[Random.Integers(0, Types.Length)];
            var cell = new Cell(type, color);
            if (objects.AsSpan(0, count).Contains(cell)) continue;
            if (Split == PickupDistSplit.Known && !IsKnown(cell)) continue;
            // The room is drawn with integers(0, 1) for its column and row, which consumes nothing in a 1x1 room grid.
            if (!TryPlaceObject(cell, (0, 0), (RoomSize, RoomSize), rejectNextToAgent: true, PlacementTries, out _)) return false;
            objects[count++] = cell;
        }
        return true;
    }

    /// <summary>RoomGrid.place_agent: place until the cell in front is empty or a wall.</summary>
    private bool TryPlaceAgentFacingNoObject()
    {
        while (true)
        {
            if (!TryPlaceAgent((0, 0), (RoomSize, RoomSize), PlacementTries)) return false;
            var front = FrontCell;
            if (front.IsEmpty || front.Type == ObjectType.Wall) return true;
        }
    }

    private bool HasNovelDistractorAndKnownTarget()
    {
        if (!IsKnown(Target)) return false;
        foreach (var cell in objects)
            if (!IsKnown(cell)) return true;
        return false;
    }

    private static bool IsKnown(Cell cell) => PickupTask.TrainingKinds.Contains(new ObjectKind(cell.Type, cell.Color));

    /// <inheritdoc />
    /// <remarks>The variant (strict verifier, split) as a check, the five objects and the target.</remarks>
    protected override void SaveLayout(BinaryWriter writer)
    {
        writer.Write(Strict);
        writer.Write((byte)Split);
        foreach (var cell in objects) cell.Save(writer);
        Target.Save(writer);
    }

    /// <inheritdoc />
    protected override void LoadLayout(BinaryReader reader)
    {
        bool strict = reader.ReadBoolean();
        var split = (PickupDistSplit)reader.ReadByte();
        if (strict != Strict || split != Split)
            throw new InvalidDataException($"the state is of a PickupDist env with strict = {strict}, split {split}; this one has strict = {Strict}, split {Split}");
        for (int i = 0; i < objects.Length; i++) objects[i] = Cell.Load(reader);
        Target = Cell.Load(reader);
    }

    /// <inheritdoc />
    protected override (bool Terminated, double Reward) Judge(GridAction action, Cell? carriedBefore)
    {
        // PickupInstr.verify_action: only a pickup is judged; success iff nothing was carried before this step and the
        // object now carried is one the description matched at reset. The five kinds are distinct, so matching by
        // type and colour is matching by identity.
        if (action != GridAction.Pickup) return (false, 0);
        if (carriedBefore is null && Carrying is { } carried && Mission.Matches(carried)) return (true, SuccessReward());
        return Strict && Carrying is not null ? (true, 0) : (false, 0);
    }
}
