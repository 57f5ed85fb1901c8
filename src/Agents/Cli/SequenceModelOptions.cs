using System.CommandLine;
using Rims.Agents.Paper;

namespace Rims.Agents.Cli;

/// <summary>The model options both `paper` benchmarks share (--core, sizes, dropout), with the paper's defaults.</summary>
public sealed class SequenceModelOptions
{
    private static readonly SequenceModelConfig Defaults = new();
    private readonly Option<string> core = Make("--core", "rims or lstm", Defaults.Core);
    private readonly Option<int> embedding = Make("--embedding", "Embedding width", Defaults.EmbeddingSize);
    private readonly Option<int> hidden = Make("--hidden", "LSTM width", Defaults.Hidden);
    private readonly Option<int> units = Make("--rims-units", "RIMs units K", Defaults.Units);
    private readonly Option<int> active = Make("--rims-active", "RIMs active units k_A", Defaults.Active);
    private readonly Option<int> unitHidden = Make("--rims-hidden", "RIMs hidden size per unit", Defaults.UnitHidden);
    private readonly Option<double> dropout = Make("--dropout", "Dropout on embedding and decoder input", Defaults.Dropout);
    private readonly Option<double> rimsDropout = Make("--rims-dropout", "Dropout inside the RIMs attentions", Defaults.RimsDropout);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public SequenceModelOptions(Command command)
    {
        foreach (var option in new Option[] { core, embedding, hidden, units, active, unitHidden, dropout, rimsDropout })
            command.Options.Add(option);
    }

    /// <summary>The model the command line describes.</summary>
    public SequenceModelConfig Read(ParseResult parse) => new()
    {
        Core = parse.GetValue(core)!.ToLowerInvariant(), EmbeddingSize = parse.GetValue(embedding), Hidden = parse.GetValue(hidden),
        Units = parse.GetValue(units), Active = parse.GetValue(active), UnitHidden = parse.GetValue(unitHidden),
        Dropout = parse.GetValue(dropout), RimsDropout = parse.GetValue(rimsDropout),
    };

    private static Option<T> Make<T>(string name, string description, T value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };
}
