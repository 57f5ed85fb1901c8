using Rims.Agents.Cli;

namespace Rims.Agents.Tests.Cli;

/// <summary>`compare --backend slurm` on the command line: the dry run prints both scripts; bad options are one line, exit 2.</summary>
[Collection("Console")]
public class CompareSlurmCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rims-cli-slurm-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ADryRunPrintsTheArrayAndReportScriptsAndWritesNothing()
    {
        var (exit, _, output) = CapturedCli.Run("compare", "--env", "DemonAttack", "--cores", "lstm,rims", "--seeds", "3", "--runs-root", root,
            "--backend", "slurm", "--dry-run", "--slurm-option", "partition=gpu", "--slurm-option", "gres=gpu:1");
        Assert.Equal(0, exit);
        Assert.Contains($"# {root}/DemonAttack-lstm-rims/slurm/array.sbatch\n#!/bin/bash\n", output);
        Assert.Contains("#SBATCH --array=0,1,2,3,4,5\n", output);
        Assert.Contains("#SBATCH --gres=gpu:1\n", output);
        Assert.Contains($"# {root}/DemonAttack-lstm-rims/slurm/report.sbatch\n#!/bin/bash\n", output);
        Assert.Contains(" compare-run --config ", output);
        // The scripts record the command that would submit them: this one without --dry-run.
        Assert.Contains("--command 'compare --env DemonAttack --cores lstm,rims --seeds 3 --runs-root", output);
        Assert.DoesNotContain("--dry-run", output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void ACoreOwnOptionIsAcceptedWhenThatCoreIsAmongTheCores()
    {
        var (exit, error, output) = CapturedCli.Run("compare", "--env", "GridPickup", "--cores", "lstm,rims", "--seeds", "1", "--runs-root", root,
            "--rims-units", "4", "--rims-active", "2", "--backend", "slurm", "--dry-run");
        Assert.True(exit == 0, error);
        Assert.Contains("--rims-units 4", output);
    }

    [Theory]
    [InlineData("--backend", "cluster", "--backend must be local or slurm")]
    [InlineData("--dry-run", null, "add --backend slurm")]
    [InlineData("--status", null, "add --backend slurm")]
    public void SlurmOptionsWithoutTheSlurmBackendAreOneLineAndExitCode2(string option, string? value, string message)
    {
        string[] args = ["compare", "--env", "GridPickup", "--runs-root", root, option, .. value is null ? Array.Empty<string>() : [value]];
        var (exit, error, _) = CapturedCli.Run(args);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains(message, error);
    }

    [Fact]
    public void AReservedSlurmOptionIsOneLineAndExitCode2()
    {
        var (exit, error, _) = CapturedCli.Run("compare", "--env", "GridPickup", "--runs-root", root, "--backend", "slurm", "--dry-run",
            "--slurm-option", "array=0-9");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--slurm-option array", error);
    }
}
