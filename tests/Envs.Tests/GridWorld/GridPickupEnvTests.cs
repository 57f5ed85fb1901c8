using Rims.Envs.GridWorld;

namespace Rims.Envs.Tests.GridWorld;

public class GridPickupEnvTests
{
    private static readonly int ImageSize = 7 * 7 * 3;

    private static (GridPickupEnv Env, byte[] Obs) Start(PickupTask task, int seed)
    {
        var env = new GridPickupEnv(task);
        var obs = new byte[env.ObservationSpec.Size];
        env.Reset(obs, seed);
        return (env, obs);
    }

    /// <summary>Clears the room and puts the agent at (3, 3) facing right with <paramref name="front"/> ahead.</summary>
    private static void Stage(GridPickupEnv env, Cell front)
    {
        env.Grid.ResetToWalledRoom();
        env.AgentPosition = (3, 3);
        env.AgentDirection = 0;
        env.Grid[4, 3] = front;
    }

    [Fact]
    public void ObservationIsTheViewPlusTheMissionVector()
    {
        var (env, obs) = Start(PickupTask.Training, 1);
        Assert.Equal("image[7x7x3] + mission[9] uint8", env.ObservationSpec.ToString());
        var mission = obs[ImageSize..];
        Assert.Equal(1, mission[(int)env.Target.Color]);
        Assert.Equal(1, mission[6 + Array.IndexOf(MissionVector.Types, env.Target.Type)]);
        Assert.Equal(2, mission.Sum(b => b));
        Assert.Equal($"pick up the {env.Target}", env.MissionText);
        Assert.Equal(["left", "right", "forward", "pickup", "drop", "toggle", "done"], env.ActionNames);
    }

    [Fact]
    public void PickingUpTheTargetPaysTheMiniGridReward()
    {
        var (env, obs) = Start(PickupTask.Training, 2);
        Stage(env, new Cell(env.Target.Type, env.Target.Color));
        env.Step((int)GridAction.Left, obs);
        env.Step((int)GridAction.Right, obs);
        var result = env.Step((int)GridAction.Pickup, obs);
        Assert.True(result.Terminated);
        Assert.False(result.Truncated);
        Assert.Equal(1f - 0.9f * 3 / PickupTask.Training.MaxSteps, result.Reward, 6);
        Assert.Equal(1, result.Info.Success);
        Assert.True(result.Info.GameOver);
        Assert.Equal(result.Reward, result.Info.RawReward);
    }

    [Fact]
    public void PickingUpAWrongObjectEndsTheEpisodeWithZero()
    {
        var (env, obs) = Start(PickupTask.Training, 3);
        var wrong = PickupTask.TrainingKinds.First(k => k != env.Target);
        Stage(env, new Cell(wrong.Type, wrong.Color));
        var result = env.Step((int)GridAction.Pickup, obs);
        Assert.True(result.Terminated);
        Assert.Equal(0f, result.Reward);
        Assert.Equal(0, result.Info.Success);
    }

    [Fact]
    public void ForwardMovesIntoEmptyCellsOnlyAndLavaKills()
    {
        var (env, obs) = Start(PickupTask.Training, 4);
        Stage(env, Cell.Wall);
        env.Step((int)GridAction.Forward, obs);
        Assert.Equal((3, 3), env.AgentPosition);
        Stage(env, new Cell(ObjectType.Ball, GridColor.Red));
        env.Step((int)GridAction.Forward, obs);
        Assert.Equal((3, 3), env.AgentPosition);
        Stage(env, Cell.Empty);
        env.Step((int)GridAction.Forward, obs);
        Assert.Equal((4, 3), env.AgentPosition);
        Stage(env, new Cell(ObjectType.Lava, GridColor.Red));
        var result = env.Step((int)GridAction.Forward, obs);
        Assert.True(result.Terminated);
        Assert.Equal(0f, result.Reward);
        Assert.Equal(0, result.Info.Success);
    }

    [Fact]
    public void TurnsChangeDirectionOnly()
    {
        var (env, obs) = Start(PickupTask.Training, 5);
        Stage(env, Cell.Empty);
        env.Step((int)GridAction.Left, obs);
        Assert.Equal(3, env.AgentDirection);
        env.Step((int)GridAction.Right, obs);
        env.Step((int)GridAction.Right, obs);
        Assert.Equal(1, env.AgentDirection);
        Assert.Equal((3, 3), env.AgentPosition);
    }

    [Fact]
    public void TheStepLimitTruncates()
    {
        var (env, obs) = Start(PickupTask.Training with { MaxSteps = 5 }, 6);
        StepResult result = default;
        for (int i = 0; i < 5; i++) result = env.Step((int)GridAction.Done, obs);
        Assert.True(result.Truncated);
        Assert.False(result.Terminated);
        Assert.Equal(0, result.Info.Success);
        Assert.True(result.Info.GameOver);
    }

    [Fact]
    public void TheMemoryVariantShowsTheMissionOnTheFirstObservationOnly()
    {
        var (env, obs) = Start(PickupTask.Memory, 7);
        Assert.Equal(2, obs[ImageSize..].Sum(b => b));
        env.Step((int)GridAction.Left, obs);
        Assert.All(obs[ImageSize..], b => Assert.Equal(0, b));
        var (_, training) = Start(PickupTask.Training, 7);
        Assert.Equal(obs.Length, training.Length);
    }

    [Fact]
    public void TheSameSeedGivesTheSameEpisodes()
    {
        var (a, obsA) = Start(PickupTask.Training, 42);
        var (b, obsB) = Start(PickupTask.Training, 42);
        var random = new Random(0);
        for (int i = 0; i < 500; i++)
        {
            int action = random.Next(7);
            var ra = a.Step(action, obsA);
            var rb = b.Step(action, obsB);
            Assert.Equal(ra, rb);
            Assert.Equal(obsA, obsB);
            if (ra.Done)
            {
                a.Reset(obsA);
                b.Reset(obsB);
                Assert.Equal(a.RenderText(), b.RenderText());
            }
        }
        var (c, _) = Start(PickupTask.Training, 43);
        Assert.NotEqual(a.RenderText(), c.RenderText());
    }

    [Theory]
    [InlineData("GridPickup")]
    [InlineData("GridPickup-Novel")]
    [InlineData("GridPickup-Crowded")]
    public void EveryEpisodeIsSolvableAndFollowsItsSplit(string id)
    {
        using var env = (GridPickupEnv)EnvRegistry.Default.Make(id);
        var obs = new byte[env.ObservationSpec.Size];
        var task = id switch { "GridPickup-Novel" => PickupTask.Novel, "GridPickup-Crowded" => PickupTask.Crowded, _ => PickupTask.Training };
        for (int seed = 0; seed < 300; seed++)
        {
            env.Reset(obs, seed);
            Assert.True(ShortestPathToTarget(env) >= 0, $"{id} seed {seed} is unsolvable:\n{env.RenderText()}");
            int distractors = 0, obstacles = 0;
            for (int x = 0; x < env.Grid.Width; x++)
                for (int y = 0; y < env.Grid.Height; y++)
                {
                    var cell = env.Grid[x, y];
                    bool border = x == 0 || y == 0 || x == env.Grid.Width - 1 || y == env.Grid.Height - 1;
                    if (border) continue;
                    if (cell.Type == task.ObstacleType) obstacles++;
                    else if (cell.CanPickUp && new ObjectKind(cell.Type, cell.Color) != env.Target)
                    {
                        distractors++;
                        Assert.Contains(new ObjectKind(cell.Type, cell.Color), task.DistractorKinds);
                    }
                }
            Assert.InRange(distractors, task.Distractors.Min, task.Distractors.Max);
            Assert.InRange(obstacles, task.Obstacles.Min, task.Obstacles.Max);
            Assert.Contains(env.Target, PickupTask.TrainingKinds);
        }
    }

    [Fact]
    public void NovelKindsNeverAppearInTraining()
    {
        Assert.Empty(PickupTask.NovelKinds.Intersect(PickupTask.TrainingKinds));
        Assert.NotEqual(PickupTask.Training.ObstacleType, PickupTask.Novel.ObstacleType);
        Assert.True(PickupTask.Crowded.Distractors.Min > PickupTask.Training.Distractors.Max);
        Assert.True(PickupTask.Crowded.Obstacles.Min > PickupTask.Training.Obstacles.Max);
    }

    [Fact]
    public void TextRenderingShowsTheLayout()
    {
        var (env, obs) = Start(PickupTask.Training, 8);
        Stage(env, new Cell(ObjectType.Key, GridColor.Blue));
        env.Grid[2, 4] = new Cell(ObjectType.Ball, GridColor.Purple);
        env.Grid[4, 4] = new Cell(ObjectType.Lava, GridColor.Red);
        string expected = string.Join('\n',
            "WGWGWGWGWGWG",
            "WG        WG",
            "WG        WG",
            "WG    >>KBWG",
            "WG  AP  VRWG",
            "WGWGWGWGWGWG");
        Assert.Equal(expected, env.RenderText());
    }

    [Fact]
    public void RgbRenderingDrawsTilesAndTheAgent()
    {
        var (env, _) = Start(PickupTask.Training, 9);
        Stage(env, new Cell(ObjectType.Ball, GridColor.Blue));
        var rgb = new byte[env.RenderHeight * env.RenderWidth * 3];
        env.RenderRgb(rgb);
        Assert.Equal(6 * GridRenderer.TileSize, env.RenderWidth);
        int T = GridRenderer.TileSize;
        (byte, byte, byte) Pixel(int x, int y) => (rgb[(y * env.RenderWidth + x) * 3], rgb[(y * env.RenderWidth + x) * 3 + 1], rgb[(y * env.RenderWidth + x) * 3 + 2]);
        Assert.Equal(((byte)100, (byte)100, (byte)100), Pixel(T / 2, T / 2));                 // a wall tile
        Assert.Equal(((byte)0, (byte)0, (byte)255), Pixel(4 * T + T / 2, 3 * T + T / 2));     // the ball's centre
        Assert.Equal(((byte)255, (byte)0, (byte)0), Pixel(3 * T + T / 2, 3 * T + T / 2));     // the agent
        Assert.Equal(((byte)0, (byte)0, (byte)0), Pixel(2 * T + T / 2, 2 * T + T / 2));       // empty floor
    }

    [Fact]
    public void SteppingAllocatesNothing()
    {
        var (env, obs) = Start(PickupTask.Training, 10);
        var random = new Random(1);
        int[] actions = Enumerable.Range(0, 2000).Select(_ => random.Next(7)).ToArray();
        void Run()
        {
            foreach (var action in actions)
                if (env.Step(action, obs).Done) env.Reset(obs);
        }
        for (int i = 0; i < 5; i++) Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static int ShortestPathToTarget(GridPickupEnv env)
    {
        var seen = new HashSet<(int, int)> { env.AgentPosition };
        var frontier = new Queue<((int X, int Y) P, int D)>([(env.AgentPosition, 0)]);
        while (frontier.Count > 0)
        {
            var (p, d) = frontier.Dequeue();
            for (int k = 0; k < 4; k++)
            {
                var n = (X: p.X + Directions.Dx[k], Y: p.Y + Directions.Dy[k]);
                var cell = env.Grid[n.X, n.Y];
                if (cell.Type == env.Target.Type && cell.Color == env.Target.Color) return d + 1;
                if (cell.IsEmpty && seen.Add(n)) frontier.Enqueue((n, d + 1));
            }
        }
        return -1;
    }
}
