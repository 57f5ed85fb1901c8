using Rims.Envs.GridWorld;
using Rims.Envs.MiniGrid;

namespace Rims.Envs.Tests.MiniGrid;

/// <summary>The Known/Novel split of PickupDist: which kinds appear, and that it is otherwise the reference's generator.</summary>
public class PickupDistSplitTests
{
    private const int Seeds = 2000;

    private static bool IsKnown(Cell cell) => PickupTask.TrainingKinds.Contains(new ObjectKind(cell.Type, cell.Color));

    private static IEnumerable<Cell> ObjectsOnTheGrid(Grid grid)
    {
        for (int x = 0; x < grid.Width; x++)
            for (int y = 0; y < grid.Height; y++)
                if (grid[x, y].CanPickUp) yield return grid[x, y];
    }

    private static PickupDistEnv Reset(string id, int seed)
    {
        var env = (PickupDistEnv)EnvRegistry.Default.Make(id);
        env.Reset(new byte[env.ObservationSpec.Size], seed);
        return env;
    }

    private static void AssertSameEpisodeStart(PickupDistEnv expected, PickupDistEnv actual, int seed)
    {
        Assert.True(expected.RenderText() == actual.RenderText(), $"seed {seed}: layouts differ\n{expected.RenderText()}\n\n{actual.RenderText()}");
        Assert.Equal(expected.MissionText, actual.MissionText);
        Assert.Equal(expected.Random.BitGenerator.State, actual.Random.BitGenerator.State);
    }

    [Fact]
    public void KnownNeverHoldsANovelKind()
    {
        for (int seed = 0; seed < Seeds; seed++)
        {
            var env = Reset("BabyAI-PickupDist-Known-v0", seed);
            var objects = ObjectsOnTheGrid(env.Grid).ToArray();
            Assert.Equal(PickupDistEnv.ObjectCount, objects.Length);
            Assert.All(objects, o => Assert.True(IsKnown(o), $"seed {seed}: a {o.Color} {o.Type} in the Known split"));
            Assert.True(IsKnown(env.Target));
        }
    }

    [Fact]
    public void NovelAlwaysHoldsANovelDistractorAndAKnownTarget()
    {
        for (int seed = 0; seed < Seeds; seed++)
        {
            var env = Reset("BabyAI-PickupDist-Novel-v0", seed);
            Assert.True(IsKnown(env.Target), $"seed {seed}: target {env.Target.Color} {env.Target.Type} is novel");
            Assert.Contains(ObjectsOnTheGrid(env.Grid), o => !IsKnown(o));
        }
    }

    [Fact]
    public void ASplitEpisodeIsTheReferenceEpisodeWhenTheReferenceAlreadyFitsIt()
    {
        int knownMatches = 0, novelMatches = 0;
        for (int seed = 0; seed < 4 * Seeds; seed++)
        {
            var reference = Reset("BabyAI-PickupDist-v0", seed);
            var objects = ObjectsOnTheGrid(reference.Grid).ToArray();
            // Only known kinds placed means no novel kind was ever drawn, so the Known split drew exactly the same.
            if (objects.All(IsKnown))
            {
                AssertSameEpisodeStart(reference, Reset("BabyAI-PickupDist-Known-v0", seed), seed);
                knownMatches++;
            }
            // A first layout that qualifies is kept by the Novel split as it is.
            if (IsKnown(reference.Target) && objects.Any(o => !IsKnown(o)))
            {
                AssertSameEpisodeStart(reference, Reset("BabyAI-PickupDist-Novel-v0", seed), seed);
                novelMatches++;
            }
            else
            {
                Assert.NotEqual(reference.Random.BitGenerator.State, Reset("BabyAI-PickupDist-Novel-v0", seed).Random.BitGenerator.State);
            }
        }
        Assert.True(knownMatches > 10, $"only {knownMatches} reference layouts with known kinds only");
        Assert.True(novelMatches > 1000, $"only {novelMatches} reference layouts fit the Novel split");
    }
}
