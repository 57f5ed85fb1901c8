namespace Rims.Envs.Atari.Games;

/// <summary>Builds minimal action sets from ALE action ids, so game files can list them as ALE-NOTES does.</summary>
public static class ActionSets
{
    /// <summary>All 18 joystick actions (0..17), for games whose minimal set is the full set.</summary>
    public static AleAction[] All => Of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);

    /// <summary>The actions with the given ALE ids, in the given order.</summary>
    public static AleAction[] Of(params int[] ids)
    {
        var actions = new AleAction[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] is < 0 or > 17) throw new ArgumentOutOfRangeException(nameof(ids), ids[i], "ALE joystick actions are 0..17.");
            actions[i] = (AleAction)ids[i];
        }
        return actions;
    }
}
