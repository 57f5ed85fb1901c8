using System.Text.Json.Nodes;
using Rims.Agents.Paper;
using Rims.Agents.Runs;

namespace Rims.Agents.Tests.Paper;

public class Table1ReportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-table1-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>A finished run folder as the experiments write it: config.json through BuildInfo.RunConfig, and a summary.</summary>
    private string Run<T>(string name, T config, JsonObject summary)
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), BuildInfo.RunConfig(config, $"paper {name}", 1000).ToJsonString());
        File.WriteAllText(Path.Combine(folder, "summary.json"), summary.ToJsonString());
        return folder;
    }

    private static JsonObject CopyingSummary(double trainCe, double testCe) => new()
    {
        ["task"] = "copying", ["epochs"] = 5, ["seconds_per_epoch"] = 200.0, ["train_len"] = 50, ["test_len"] = 200,
        ["train_len_ce_last10"] = trainCe, ["test_len_ce_last10"] = testCe, ["test_len_ce_all"] = testCe / 22, ["test_len_accuracy"] = 0.5,
    };

    [Fact]
    public void OursSitBesideThePublishedRowOfTheSameShape()
    {
        var rims = new CopyingConfig();  // the paper's shape: 6 units x 100, k_A 4
        var lstm = new CopyingConfig { Model = new() { Core = "lstm" } };
        var odd = new CopyingConfig { Model = new() { Units = 3, Active = 2, UnitHidden = 20 } };
        var seqmnist = new SeqMnistConfig { Model = new() { Core = "lstm" } };
        string[] folders =
        [
            Run("rims1", rims, CopyingSummary(0.10, 0.30)),
            Run("rims2", rims, CopyingSummary(0.20, 0.50)),
            Run("lstm1", lstm, CopyingSummary(0.05, 3.00)),
            Run("odd", odd, CopyingSummary(1.00, 2.00)),
            Run("mnist", seqmnist, new JsonObject
            {
                ["task"] = "seqmnist", ["epochs"] = 2, ["seconds_per_epoch"] = 300.0, ["train_images"] = 6000,
                ["test_accuracy_14"] = 0.9, ["test_accuracy_16"] = 0.8, ["test_accuracy_19"] = 0.5, ["test_accuracy_24"] = 0.25,
            }),
        ];
        var report = File.ReadAllText(Table1Report.Build(folders, Path.Combine(root, "out")));
        // Mean ± sample std over the two RIMs seeds, next to the paper's 0.00 / 0.00.
        Assert.Contains("| RIMs | 6 | 4 | 600 | 0.0 | 0.15 ± 0.07 | 0.0 | 0.40 ± 0.14 |", report);
        Assert.Contains("| LSTM | – | – | 600 | 0.0 | 0.05 | 3.56 | 3.00 |", report);
        // Published rows without runs stay, and a shape the paper never ran gets its own row.
        Assert.Contains("| LSTM | – | – | 300 | 0.0 | – | 4.32 | – |", report);
        Assert.Contains("| RIMs | 3 | 2 | 60 | – | 1.00 | – | 2.00 |", report);
        Assert.Contains("| LSTM | – | – | 600 | 90.0 | 84.5 | 80.0 | 52.2 | 50.0 | 21.9 | 25.0 | 1 | 2 | 6,000 | 300 |", report);
        Assert.Contains("paper rims1", report);
    }

    [Fact]
    public void APpoRunIsRejectedWithItsFolderNamed()
    {
        var folder = Run("ppo", new { env = "GridPickup" }, new JsonObject { ["task"] = "ppo" });
        var error = Assert.Throws<InvalidDataException>(() => Table1Report.Build([folder], Path.Combine(root, "out")));
        Assert.Contains(folder, error.Message);
    }
}
