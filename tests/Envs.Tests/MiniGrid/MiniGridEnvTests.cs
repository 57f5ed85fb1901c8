using Rims.Envs.GridWorld;
using Rims.Envs.MiniGrid;

namespace Rims.Envs.Tests.MiniGrid;

public class MiniGridEnvTests
{
    private static (T Env, byte[] Obs) Start<T>(string id, int seed) where T : MiniGridEnv
    {
        var env = (T)EnvRegistry.Default.Make(id);
        var obs = new byte[env.ObservationSpec.Size];
        env.Reset(obs, seed);
        return (env, obs);
    }

    private static byte[] MissionPart(byte[] obs) => obs[(MiniGridEnv.ImageSize + 1)..];

    /// <summary>Empties the room and puts the agent at (2, 2) facing right with <paramref name="front"/> ahead.</summary>
    private static void Stage(MiniGridEnv env, Cell front)
    {
        env.Grid.ResetToWalledRoom();
        env.AgentPosition = (2, 2);
        env.AgentDirection = 0;
        env.Grid[3, 2] = front;
    }

    [Theory]
    [InlineData("BabyAI-PickupDist-v0")]
    [InlineData("BabyAI-PickupDistDebug-v0")]
    [InlineData("MiniGrid-Fetch-5x5-N2-v0")]
    [InlineData("MiniGrid-Fetch-6x6-N2-v0")]
    [InlineData("MiniGrid-Fetch-8x8-N3-v0")]
    [InlineData("BabyAI-PickupDist-Known-v0")]
    [InlineData("BabyAI-PickupDist-Novel-v0")]
    public void TheObservationIsTheImageTheDirectionAndTheMissionVector(string id)
    {
        var (env, obs) = Start<MiniGridEnv>(id, 4);
        Assert.Equal("image[7x7x3] + direction[1] + mission[9] uint8", env.ObservationSpec.ToString());
        Assert.Equal(["left", "right", "forward", "pickup", "drop", "toggle", "done"], env.ActionNames);
        for (int t = 0; t < 4; t++)
        {
            Assert.Equal(env.AgentDirection, obs[MiniGridEnv.ImageSize]);
            env.Step((int)GridAction.Left, obs);
        }
        Assert.Equal(env.AgentDirection, obs[MiniGridEnv.ImageSize]);
    }

    [Theory]
    // Recorded by the reference (shared/minigrid-traces): both parts, type only, colour only (walls make grey "a").
    [InlineData(0, "pick up the green key", 1, 0)]
    [InlineData(1, "pick up a key", -1, 0)]
    [InlineData(4, "pick up the green object", 1, -1)]
    [InlineData(7, "pick up a grey object", 5, -1)]
    [InlineData(8, "pick up the purple box", 3, 2)]
    public void ThePickupMissionBecomesAColourAndATypeOneHotWithZerosForAnUnnamedPart(int seed, string text, int colorSlot, int typeSlot)
    {
        var (env, obs) = Start<PickupDistEnv>("BabyAI-PickupDist-v0", seed);
        Assert.Equal(text, env.MissionText);
        var expected = new byte[MissionVector.Size];
        if (colorSlot >= 0) expected[colorSlot] = 1;
        if (typeSlot >= 0) expected[MissionVector.ColorSlots + typeSlot] = 1;
        Assert.Equal(expected, MissionPart(obs));
        env.Step((int)GridAction.Right, obs);
        Assert.Equal(expected, MissionPart(obs));
    }

    [Fact]
    public void EveryFetchPhrasingGivesTheSameVectorForTheSameObject()
    {
        var phrasings = new HashSet<string>();
        for (int seed = 0; seed < 60; seed++)
        {
            var (env, obs) = Start<FetchEnv>("MiniGrid-Fetch-8x8-N3-v0", seed);
            string name = $"{MiniGridNames.Name(env.Target.Color)} {MiniGridNames.Name(env.Target.Type)}";
            Assert.EndsWith(" a " + name, env.MissionText);
            phrasings.Add(env.MissionText[..^name.Length]);
            var expected = new byte[MissionVector.Size];
            MissionVector.Write(expected, env.Target.Color, env.Target.Type);
            Assert.Equal(expected, MissionPart(obs));
        }
        Assert.Equal(MissionTexts.FetchPhrasings.Length, phrasings.Count);
    }

    [Fact]
    public void FetchEndsOnAnyPickupWithSuccessOnlyForTheTargetKind()
    {
        var (env, obs) = Start<FetchEnv>("MiniGrid-Fetch-6x6-N2-v0", 1);
        Stage(env, env.Target);
        var right = env.Step((int)GridAction.Pickup, obs);
        Assert.True(right.Terminated);
        Assert.Equal(1, right.Info.Success);
        Assert.Equal(1 - 0.9 * (1.0 / 180), env.LastReward);
        Assert.Equal((float)env.LastReward, right.Reward);

        env.Reset(obs, 1);
        var wrongColor = MiniGridNames.ColorNames.First(c => c != env.Target.Color);
        Stage(env, new Cell(env.Target.Type, wrongColor));
        var wrong = env.Step((int)GridAction.Pickup, obs);
        Assert.True(wrong.Terminated);
        Assert.Equal(0f, wrong.Reward);
        Assert.Equal(0, wrong.Info.Success);
        Assert.True(wrong.Info.GameOver);
    }

    [Fact]
    public void PickupDistKeepsAWrongObjectWhichCanBeDroppedBeforeTheRightPickup()
    {
        var (env, obs) = Start<PickupDistEnv>("BabyAI-PickupDist-v0", 0);   // "pick up the green key"
        var wrong = new Cell(ObjectType.Ball, GridColor.Red);
        Stage(env, wrong);
        var kept = env.Step((int)GridAction.Pickup, obs);
        Assert.False(kept.Done);
        Assert.Equal(wrong, env.Carrying);
        Assert.Equal(((byte)ObjectType.Ball, (byte)GridColor.Red), (obs[(3 * 7 + 6) * 3], obs[(3 * 7 + 6) * 3 + 1]));
        env.Step((int)GridAction.Drop, obs);
        Assert.Null(env.Carrying);
        env.Grid[3, 2] = new Cell(ObjectType.Key, GridColor.Green);
        var success = env.Step((int)GridAction.Pickup, obs);
        Assert.True(success.Terminated);
        Assert.Equal(1, success.Info.Success);
        Assert.Equal(1 - 0.9 * (3.0 / 49), env.LastReward);
    }

    [Fact]
    public void PickupDistDebugEndsOnAWrongPickupWithZero()
    {
        var (env, obs) = Start<PickupDistEnv>("BabyAI-PickupDistDebug-v0", 0);
        Stage(env, new Cell(ObjectType.Ball, GridColor.Red));
        var result = env.Step((int)GridAction.Pickup, obs);
        Assert.True(result.Terminated);
        Assert.Equal(0, result.Info.Success);
    }

    [Fact]
    public void TheStepLimitTruncatesAsAFailure()
    {
        var (env, obs) = Start<PickupDistEnv>("BabyAI-PickupDist-v0", 3);
        StepResult result = default;
        for (int t = 0; t < PickupDistEnv.EpisodeSteps; t++)
        {
            Assert.False(result.Done);
            result = env.Step((int)GridAction.Left, obs);
        }
        Assert.True(result.Truncated);
        Assert.False(result.Terminated);
        Assert.Equal(0, result.Info.Success);
    }

    [Fact]
    public void AnUnseededResetContinuesTheStream()
    {
        var (a, obsA) = Start<FetchEnv>("MiniGrid-Fetch-8x8-N3-v0", 9);
        var (b, obsB) = Start<FetchEnv>("MiniGrid-Fetch-8x8-N3-v0", 9);
        a.Reset(obsA);
        b.Reset(obsB);
        Assert.Equal(obsA, obsB);
        Assert.Equal(a.Random.BitGenerator.State, b.Random.BitGenerator.State);
        var (fresh, obsFresh) = Start<FetchEnv>("MiniGrid-Fetch-8x8-N3-v0", 9);
        Assert.NotEqual(fresh.Random.BitGenerator.State, a.Random.BitGenerator.State);
    }

    [Fact]
    public void RenderingDrawsTheWholeGrid()
    {
        var (env, _) = Start<PickupDistEnv>("BabyAI-PickupDist-v0", 0);
        string[] rows = env.RenderText().Split('\n');
        Assert.Equal(7, rows.Length);
        Assert.All(rows, r => Assert.Equal(14, r.Length));
        Assert.Equal("<<", rows[env.AgentPosition.Y].Substring(env.AgentPosition.X * 2, 2));
        var rgb = new byte[env.RenderHeight * env.RenderWidth * 3];
        env.RenderRgb(rgb);
        Assert.Contains(rgb, b => b != 0);
    }
}
