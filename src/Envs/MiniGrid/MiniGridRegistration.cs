namespace Rims.Envs.MiniGrid;

/// <summary>
/// Registers the Farama Minigrid 3.1.0 ids reproduced here (same seed, same episode as the reference's
/// <c>env.reset(seed=...)</c>) and our generalisation split of PickupDist under ids of our own.
/// </summary>
public static class MiniGridRegistration
{
    /// <summary>Adds the five reference ids and the two split ids.</summary>
    public static void RegisterAll(EnvRegistry registry)
    {
        registry.Register(new("BabyAI-PickupDist-v0",
            "BabyAI (Minigrid 3.1.0): pick up the object named by type, colour or both among 5 in a 7x7 room; wrong pickups do not end it",
            _ => new PickupDistEnv()));
        registry.Register(new("BabyAI-PickupDistDebug-v0",
            "BabyAI (Minigrid 3.1.0): PickupDist with the strict verifier, a wrong pickup ends the episode with 0",
            _ => new PickupDistEnv(strict: true)));
        registry.Register(new("MiniGrid-Fetch-5x5-N2-v0", "Minigrid 3.1.0: fetch the named key/ball among 2 objects, 5x5 room",
            _ => new FetchEnv(5, 2)));
        registry.Register(new("MiniGrid-Fetch-6x6-N2-v0", "Minigrid 3.1.0: fetch the named key/ball among 2 objects, 6x6 room",
            _ => new FetchEnv(6, 2)));
        registry.Register(new("MiniGrid-Fetch-8x8-N3-v0", "Minigrid 3.1.0: fetch the named key/ball among 3 objects, 8x8 room",
            _ => new FetchEnv(8, 3)));
        registry.Register(new("BabyAI-PickupDist-Known-v0",
            "our split of PickupDist (training): only known kinds, keys and balls in red, green, blue, purple",
            _ => new PickupDistEnv(split: PickupDistSplit.Known)));
        registry.Register(new("BabyAI-PickupDist-Novel-v0",
            "our split of PickupDist (evaluation): known-kind target, at least one novel distractor (a box, or yellow/grey)",
            _ => new PickupDistEnv(split: PickupDistSplit.Novel)));
    }
}
