namespace Rims.Envs.GridWorld;

/// <summary>MiniGrid's object indices (OBJECT_TO_IDX), as they appear in channel 0 of the view.</summary>
public enum ObjectType : byte
{
    /// <summary>Not visible.</summary>
    Unseen = 0,
    /// <summary>A visible empty cell.</summary>
    Empty = 1,
    /// <summary>A wall (also the obstacle kind of the training distribution).</summary>
    Wall = 2,
    /// <summary>Floor.</summary>
    Floor = 3,
    /// <summary>Door.</summary>
    Door = 4,
    /// <summary>Key.</summary>
    Key = 5,
    /// <summary>Ball.</summary>
    Ball = 6,
    /// <summary>Box.</summary>
    Box = 7,
    /// <summary>Goal square.</summary>
    Goal = 8,
    /// <summary>Lava: walking into it ends the episode with 0.</summary>
    Lava = 9,
    /// <summary>The agent.</summary>
    Agent = 10,
}
