using Rims.Policies.Cores;
using RimsConfig = Rims.RimsConfig;

namespace Rims.Agents.Ppo;

/// <summary>Maps --core and its options to a recurrent core.</summary>
public static class CoreFactory
{
    /// <summary>Every --core value: the three recurrent cores and the memoryless baseline.</summary>
    public static readonly IReadOnlyList<string> Names = ["lstm", "gru", "rims", "ff"];

    /// <summary>"lstm, gru, rims or ff", for error messages and help.</summary>
    public static string NamesText => string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    /// <summary>The core for <paramref name="config"/> reading <paramref name="inputSize"/> features.</summary>
    public static SequenceCore Create(PpoConfig config, int inputSize)
    {
        int hidden = config.Hidden ?? inputSize;
        return config.Core switch
        {
            "lstm" => new LstmCore(inputSize, hidden),
            "gru" => new GruCore(inputSize, hidden),
            "rims" => new RimsCore(inputSize, RimsConfigOf(config.Rims, inputSize, hidden)),
            "ff" => new FeedForwardCore(inputSize, hidden),
            _ => throw new ArgumentException($"--core must be {NamesText} (got '{config.Core}')"),
        };
    }

    /// <summary>
    /// The RIMs layer the options describe. Without --rims-hidden each unit gets hidden / K, so K·h stays close
    /// to the LSTM core's width; unset attention sizes keep the cell's defaults.
    /// </summary>
    public static RimsConfig RimsConfigOf(RimsOptions options, int inputSize, int hidden)
    {
        // The per-setting rules (sizes at least 1, dropout in [0, 1), the names) are declared on RimsOptions and checked
        // by PpoConfig.Validate; this one spans two settings.
        if (options.Active < 1 || options.Active > options.Units)
            throw new ArgumentException($"--rims-active must be in 1..{options.Units} (--rims-units) (got {options.Active})");
        var defaults = new RimsConfig { InputSize = inputSize, Hidden = 1 };
        return new RimsConfig
        {
            InputSize = inputSize,
            Units = options.Units,
            ActiveUnits = options.Active,
            Hidden = options.Hidden ?? Math.Max(1, hidden / Math.Max(1, options.Units)),
            Cell = options.Cell switch
            {
                "lstm" => Rims.RimsCellType.Lstm,
                "gru" => Rims.RimsCellType.Gru,
                _ => throw new ArgumentException($"--rims-cell must be lstm or gru (got '{options.Cell}')"),
            },
            Selection = options.Selection switch
            {
                "null" => Rims.RimsSelection.NullInput,
                "softmax" => Rims.RimsSelection.SoftmaxOverUnits,
                _ => throw new ArgumentException($"--rims-selection must be null or softmax (got '{options.Selection}')"),
            },
            InputKey = options.InputKey ?? defaults.InputKey,
            InputValue = options.InputValue,
            CommHeads = options.CommHeads ?? defaults.CommHeads,
            CommKey = options.CommKey ?? defaults.CommKey,
            CommValue = options.CommValue ?? defaults.CommValue,
            Dropout = options.Dropout,
            Init = options.Init switch
            {
                "authors" => Rims.RimsInit.Authors,
                "fan-in" => Rims.RimsInit.FanIn,
                _ => throw new ArgumentException($"--rims-init must be authors or fan-in (got '{options.Init}')"),
            },
        }.Validated();
    }
}
