using System.Text.Json;
using static TorchSharp.torch;

namespace Rims.Tests;

/// <summary>
/// Parity with the authors' RIMs code: one case per *.safetensors file in RIMS_FIXTURES_DIR (default
/// ../shared/fixtures/rims). Masks must match exactly, h and c within 1e-5, gradients within 1e-4 relative
/// (the fixtures README's tolerances). A missing or empty directory fails, never skips.
/// </summary>
public class RimsFixtureTests
{
    private const string Variable = TestData.FixturesVariable;

    private static string FixtureDirectory => TestData.FixturesPath;

    public static TheoryData<string> Fixtures
    {
        get
        {
            var data = new TheoryData<string>();
            var directory = FixtureDirectory;
            var files = System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory, "*.safetensors").Order().ToArray() : [];
            // A sentinel case makes a missing fixture set a failure instead of an empty, silently green theory.
            if (files.Length == 0) data.Add($"<no *.safetensors in {directory}>");
            foreach (var file in files) data.Add(Path.GetFileName(file));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void CellMatchesTheOfficialImplementation(string fixture)
    {
        var path = Path.Combine(FixtureDirectory, fixture);
        Assert.True(File.Exists(path),
            $"RIMs fixture missing: {path}. Point {Variable} at the folder of *.safetensors fixtures (default ../shared/fixtures/rims).");
        using var scope = NewDisposeScope();
        var file = SafeTensors.Read(path);
        var config = ConfigOf(file.Metadata["config"]);
        using var cell = new RimsCell(config);
        cell.LoadCanonical(name => file["param." + name]);
        cell.eval();

        var x = file["input.x"].detach().requires_grad_(true);
        var h = file["input.h0"].detach().requires_grad_(true);
        bool lstm = config.Cell == RimsCellType.Lstm;
        Tensor? c = lstm ? file["input.c0"].detach().requires_grad_(true) : null;
        var (h0, c0) = (h, c);
        var ties = file["expect.tie"];
        var hs = new List<Tensor>();
        for (int t = 0; t < x.shape[0]; t++)
        {
            var step = cell.Step(x[t], h, c);
            string tie = ties[t].sum().item<float>() > 0 ? " (a tie-decided row at this step)" : "";
            AssertExact(file["expect.mask"][t], step.Mask, $"{fixture}: mask at t={t}{tie}");
            AssertClose(file["expect.select_score"][t], step.Score, 1e-5, $"{fixture}: select_score at t={t}");
            AssertClose(file["expect.h"][t], step.H, 1e-5, $"{fixture}: h at t={t}");
            if (lstm) AssertClose(file["expect.c"][t], step.C!, 1e-5, $"{fixture}: c at t={t}");
            hs.Add(step.H);
            (h, c) = (step.H, step.C);
        }

        var loss = (stack(hs) * file["input.grad_out"]).sum();
        loss.backward();
        foreach (var (name, parameter) in cell.CanonicalParameters())
            AssertRelative(file["expect.grad.param." + name], parameter.grad!, $"{fixture}: gradient of {name}");
        AssertRelative(file["expect.grad.input.x"], x.grad!, $"{fixture}: gradient of x");
        AssertRelative(file["expect.grad.input.h0"], h0.grad!, $"{fixture}: gradient of h0");
        if (lstm) AssertRelative(file["expect.grad.input.c0"], c0!.grad!, $"{fixture}: gradient of c0");
    }

    private static RimsConfig ConfigOf(string json)
    {
        var c = JsonDocument.Parse(json).RootElement;
        int Get(string name) => c.GetProperty(name).GetInt32();
        return new RimsConfig
        {
            Units = Get("num_units"), ActiveUnits = Get("k_active"), Hidden = Get("hidden"), InputSize = Get("input_size"),
            InputKey = Get("input_key"), InputValue = Get("input_value"), CommHeads = Get("comm_heads"),
            CommKey = Get("comm_key"), CommValue = Get("comm_value"),
            Cell = c.GetProperty("cell").GetString() == "lstm" ? RimsCellType.Lstm : RimsCellType.Gru,
            Selection = c.GetProperty("selection").GetString() == "null_input" ? RimsSelection.NullInput : RimsSelection.SoftmaxOverUnits,
        };
    }

    private static void AssertExact(Tensor expected, Tensor actual, string what)
    {
        var e = expected.data<float>().ToArray();
        var a = actual.detach().contiguous().data<float>().ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            if (e[i] != a[i]) Assert.Fail($"{what}: index {i}: expected {e[i]}, got {a[i]} (expected row {Row(e, i, expected)}, got {Row(a, i, expected)})");
    }

    private static string Row(float[] values, int index, Tensor like)
    {
        int width = (int)like.shape[^1], start = index / width * width;
        return "[" + string.Join(", ", values.Skip(start).Take(width)) + "]";
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        var e = expected.data<float>().ToArray();
        var a = actual.detach().contiguous().data<float>().ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            if (Math.Abs(e[i] - a[i]) > tolerance) Assert.Fail($"{what}: index {i}: expected {e[i]}, got {a[i]} (tolerance {tolerance})");
    }

    private static void AssertRelative(Tensor expected, Tensor actual, string what)
    {
        var e = expected.data<float>().ToArray();
        var a = actual.detach().contiguous().data<float>().ToArray();
        Assert.Equal(e.Length, a.Length);
        double scale = Math.Max(e.Max(Math.Abs), 1e-12);
        for (int i = 0; i < e.Length; i++)
            if (Math.Abs(e[i] - a[i]) / scale > 1e-4)
                Assert.Fail($"{what}: index {i}: expected {e[i]}, got {a[i]} (relative error {Math.Abs(e[i] - a[i]) / scale:E2} > 1e-4 of max |g| {scale:G4})");
    }
}
