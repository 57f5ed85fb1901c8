using TorchSharp;
using static TorchSharp.torch;

namespace Rims.Policies.Cores;

/// <summary>Initialisation shared by the monolithic recurrent cores.</summary>
internal static class RecurrentInit
{
    /// <summary>
    /// Orthogonal (gain 1) for every weight matrix, zeros for every bias: CleanRL's ppo_atari_lstm and
    /// Kostrikov's GRU both do this; it keeps early hidden states from saturating.
    /// </summary>
    public static void OrthogonalWeightsZeroBiases(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (name.Contains("bias")) nn.init.zeros_(parameter);
            else nn.init.orthogonal_(parameter, 1.0);
        }
    }
}
