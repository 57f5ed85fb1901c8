namespace Rims.Envs.GridWorld;

/// <summary>Registers the grid-world pickup ids.</summary>
public static class GridPickupRegistration
{
    /// <summary>Adds GridPickup, -Novel, -Crowded, -Memory and -Large.</summary>
    public static void RegisterAll(EnvRegistry registry)
    {
        registry.Register(new("GridPickup", "grid world: pick up the named key/ball among 1-2 distractors and 0-1 wall blocks, 6x6 room (training split)",
            _ => new GridPickupEnv(PickupTask.Training)));
        registry.Register(new("GridPickup-Novel", "grid world: distractors of never-seen kinds (boxes, yellow/grey) and a lava tile",
            _ => new GridPickupEnv(PickupTask.Novel)));
        registry.Register(new("GridPickup-Crowded", "grid world: training kinds, 3 distractors and 2 wall blocks",
            _ => new GridPickupEnv(PickupTask.Crowded)));
        registry.Register(new("GridPickup-Memory", "grid world: the training split with the mission shown on the first step only",
            _ => new GridPickupEnv(PickupTask.Memory)));
        registry.Register(new("GridPickup-Large", "grid world, harder: 8x8 room, 2-3 distractors, 2-4 wall blocks, 100 steps",
            _ => new GridPickupEnv(PickupTask.Large)));
    }
}
