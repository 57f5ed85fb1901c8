namespace Rims.Envs.GridWorld;

/// <summary>MiniGrid's colour indices (COLOR_TO_IDX), channel 1 of the view.</summary>
public enum GridColor : byte
{
    /// <summary>Red.</summary>
    Red = 0,
    /// <summary>Green.</summary>
    Green = 1,
    /// <summary>Blue.</summary>
    Blue = 2,
    /// <summary>Purple.</summary>
    Purple = 3,
    /// <summary>Yellow.</summary>
    Yellow = 4,
    /// <summary>Grey.</summary>
    Grey = 5,
}
