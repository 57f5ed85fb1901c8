using Rims.Envs.Atari;
using Rims.Envs.Atari.Games;

namespace Rims.Envs.Tests.Atari.Games;

/// <summary>A scripted console for SetMode tests: callbacks decide how RAM reacts to SELECT presses and actions.</summary>
internal sealed class FakeConsole : IGameConsole
{
    /// <summary>RAM $80..$FF.</summary>
    public readonly byte[] Memory = new byte[128];

    /// <summary>Every call, in order, e.g. "select:2", "softreset", "act:Down".</summary>
    public readonly List<string> Log = [];

    /// <summary>Applied on each SELECT press.</summary>
    public Action<byte[]>? OnSelect { get; init; }

    /// <summary>Applied on each act().</summary>
    public Action<byte[], AleAction>? OnAct { get; init; }

    /// <inheritdoc />
    public ReadOnlySpan<byte> Ram => Memory;

    /// <inheritdoc />
    public void PressSelect(int heldFrames)
    {
        Log.Add($"select:{heldFrames}");
        OnSelect?.Invoke(Memory);
    }

    /// <inheritdoc />
    public void SoftReset() => Log.Add("softreset");

    /// <inheritdoc />
    public void Act(AleAction action)
    {
        Log.Add($"act:{action}");
        OnAct?.Invoke(Memory, action);
    }

    /// <summary>Writes RAM at 6507 address <paramref name="address"/>.</summary>
    public void Poke(int address, byte value) => Memory[address & 0x7F] = value;
}
