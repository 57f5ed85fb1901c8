namespace Rims.Envs.MiniGrid;

/// <summary>
/// Which object kinds a PickupDist room may hold: the reference's (any of the 18 type/colour pairs), or one side of
/// the generalisation split (known kinds: keys and balls in red, green, blue or purple, as
/// <see cref="GridWorld.PickupTask.TrainingKinds"/>; novel kinds: every box and yellow or grey keys and balls, as
/// <see cref="GridWorld.PickupTask.NovelKinds"/>).
/// </summary>
public enum PickupDistSplit
{
    /// <summary>BabyAI-PickupDist-v0 itself: any kind.</summary>
    Reference,

    /// <summary>Training side: every object (so the target too) is a known kind.</summary>
    Known,

    /// <summary>Evaluation side: the target is a known kind and at least one distractor is a novel kind.</summary>
    Novel,
}
