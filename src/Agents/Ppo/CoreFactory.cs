using Rims.Policies.Cores;

namespace Rims.Agents.Ppo;

/// <summary>Maps --core and its options to a recurrent core.</summary>
public static class CoreFactory
{
    /// <summary>The core for <paramref name="config"/> reading <paramref name="inputSize"/> features.</summary>
    public static RecurrentCore Create(PpoConfig config, int inputSize)
    {
        int hidden = config.Hidden ?? inputSize;
        return config.Core switch
        {
            "lstm" => new LstmCore(inputSize, hidden),
            "gru" => new GruCore(inputSize, hidden),
            _ => throw new ArgumentException($"--core must be lstm, gru or rims (got '{config.Core}')"),
        };
    }
}
