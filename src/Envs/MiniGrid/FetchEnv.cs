using Rims.Envs.GridWorld;

namespace Rims.Envs.MiniGrid;

/// <summary>
/// MiniGrid's Fetch (minigrid/envs/fetch.py; MiniGrid-Fetch-5x5-N2-v0, -6x6-N2-v0, -8x8-N3-v0): keys and balls of
/// random colours in a walled square room; the mission names one of them ("get a", "go get a", "fetch a",
/// "go fetch a" or "you must fetch a" + " {colour} {type}"). Picking anything up ends the episode: with the success
/// reward if its type and colour are the target's (any such object counts), else with 0. max_steps = 5 * size^2;
/// the agent sees through walls.
/// </summary>
public sealed class FetchEnv : MiniGridEnv
{
    private static readonly ObjectType[] Types = [ObjectType.Key, ObjectType.Ball];
    private readonly Cell[] objects;

    /// <summary>A <paramref name="size"/> x <paramref name="size"/> room (walls included) with <paramref name="objectCount"/> objects.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The room has no interior or cannot hold the objects and the agent.</exception>
    public FetchEnv(int size = 8, int objectCount = 3) : base(size, size, 5 * size * size, seeThroughWalls: true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(objectCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(objectCount, (size - 2) * (size - 2) - 1);
        objects = new Cell[objectCount];
    }

    /// <summary>The type and colour the mission asks for.</summary>
    public Cell Target { get; private set; }

    /// <inheritdoc />
    protected override void GenerateGrid()
    {
        Grid.ResetToWalledRoom();
        for (int i = 0; i < objects.Length; i++)
        {
            var type = Types[Random.Integers(0, Types.Length)];
            var color = MiniGridNames.ColorNames[Random.Integers(0, MiniGridNames.ColorNames.Length)];
            objects[i] = new Cell(type, color);
            // Fetch places without a try limit, so this always succeeds.
            TryPlaceObject(objects[i], (0, 0), (Grid.Width, Grid.Height), rejectNextToAgent: false, int.MaxValue, out _);
        }
        TryPlaceAgent((0, 0), (Grid.Width, Grid.Height), int.MaxValue);
        Target = objects[Random.Integers(0, objects.Length)];
        int phrasing = Random.Integers(0, MissionTexts.FetchPhrasings.Length);
        Mission = new ObjectDescription(Target.Color, Target.Type);
        MissionText = MissionTexts.FetchMission(phrasing, Target.Color, Target.Type);
    }

    /// <inheritdoc />
    /// <remarks>The target; the other objects are only drawn and placed, so the grid holds all that is left of them.</remarks>
    protected override void SaveLayout(BinaryWriter writer) => Target.Save(writer);

    /// <inheritdoc />
    protected override void LoadLayout(BinaryReader reader) => Target = Cell.Load(reader);

    /// <inheritdoc />
    protected override (bool Terminated, double Reward) Judge(GridAction action, Cell? carriedBefore) =>
        Carrying is { } carried
            ? (true, carried.Type == Target.Type && carried.Color == Target.Color ? SuccessReward() : 0)
            : (false, 0);
}
