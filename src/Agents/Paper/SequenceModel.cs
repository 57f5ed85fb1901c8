using Rims.Policies.Cores;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Rims.Agents.Paper;

/// <summary>Embedding -> dropout -> recurrent core -> dropout -> linear decoder, the authors' RNNModel shape.</summary>
public sealed class SequenceModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly SequenceCore core;
    private readonly Dropout dropout;
    private readonly Linear decoder;

    /// <summary>Creates the model; <paramref name="core"/> reads <paramref name="embeddingSize"/> features.</summary>
    public SequenceModel(int vocabulary, int embeddingSize, SequenceCore core, int outputs, double dropout) : base("sequence_model")
    {
        embedding = nn.Embedding(vocabulary, embeddingSize);
        this.core = core;
        this.dropout = nn.Dropout(dropout);
        decoder = nn.Linear(core.OutputSize, outputs);
        RegisterComponents();
    }

    /// <summary>The recurrent core.</summary>
    public SequenceCore Core => core;

    /// <summary>Tokens [L, B] (int64) to logits [L, B, outputs], from a zero state.</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        long length = tokens.shape[0], batch = tokens.shape[1];
        var embedded = dropout.forward(embedding.forward(tokens));
        var sequence = core.Sequence(embedded, core.InitialState(batch), zeros(length, batch));
        return scope.MoveToOuter(decoder.forward(dropout.forward(sequence.Outputs)));
    }
}
