namespace Rims.Envs.GridWorld;

/// <summary>Registers the grid-world pickup ids.</summary>
public static class GridPickupRegistration
{
    /// <summary>Adds GridPickup, -Novel, -Crowded, -Memory, and the quick -Small and -Memory-Small.</summary>
    public static void RegisterAll(EnvRegistry registry)
    {
        registry.Register(new("GridPickup", "grid world: pick up the named key/ball among 2-3 distractors and 2-4 wall blocks (training split)",
            _ => new GridPickupEnv(PickupTask.Training)));
        registry.Register(new("GridPickup-Novel", "grid world: distractors of never-seen kinds (boxes, yellow/grey) and lava obstacles",
            _ => new GridPickupEnv(PickupTask.Novel)));
        registry.Register(new("GridPickup-Crowded", "grid world: training kinds, 5-6 distractors and 5-7 wall blocks",
            _ => new GridPickupEnv(PickupTask.Crowded)));
        registry.Register(new("GridPickup-Memory", "grid world: the mission is shown on the first step only",
            _ => new GridPickupEnv(PickupTask.Memory)));
        registry.Register(new("GridPickup-Small", "grid world, quick variant: 6x6 room, one distractor, no obstacles, 40 steps",
            _ => new GridPickupEnv(PickupTask.Small)));
        registry.Register(new("GridPickup-Memory-Small", "the quick variant with the mission shown on the first step only",
            _ => new GridPickupEnv(PickupTask.MemorySmall)));
    }
}
