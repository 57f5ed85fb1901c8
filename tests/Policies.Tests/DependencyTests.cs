using System.Reflection;
using Rims.Envs;

namespace Rims.Policies.Tests;

/// <summary>
/// The project graph's one-way arrows (DESIGN.md section 1): Policies reads observation layouts through the env
/// contracts (Envs.Abstractions) and never references Envs itself, which would drag the Atari emulator and every env
/// family into anything that only wants a policy.
/// </summary>
public class DependencyTests
{
    private static readonly Assembly Policies = typeof(ActorCritic).Assembly;

    [Fact]
    public void PoliciesDoesNotReferenceEnvs()
    {
        var referenced = Policies.GetReferencedAssemblies().Select(name => name.Name).ToList();
        Assert.DoesNotContain("Rims.Envs", referenced);
        Assert.Contains(typeof(ObservationSpec).Assembly.GetName().Name, referenced);
    }

    [Fact]
    public void TheEnvContractsLiveInTheAbstractionsAssembly()
    {
        var contracts = typeof(IEnv).Assembly;
        Assert.Equal("Rims.Envs.Abstractions", contracts.GetName().Name);
        Assert.DoesNotContain("Rims.Envs", contracts.GetReferencedAssemblies().Select(name => name.Name));
    }
}
