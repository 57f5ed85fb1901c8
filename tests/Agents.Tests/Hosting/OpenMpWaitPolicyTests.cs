using System.Runtime.InteropServices;
using Rims.Agents.Hosting;

namespace Rims.Agents.Tests.Hosting;

public partial class OpenMpWaitPolicyTests
{
    [LibraryImport("libc.so.6", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnv(string name);

    private static string? NativeValue() => Marshal.PtrToStringUTF8(GetEnv(OpenMpWaitPolicy.Variable));

    [Fact]
    public void SetsPassiveInTheNativeEnvironmentUnlessTheUserChoseAPolicy()
    {
        Assert.True(OperatingSystem.IsLinux(), "the policy targets libgomp on Linux, where the product runs");
        string? userManaged = Environment.GetEnvironmentVariable(OpenMpWaitPolicy.Variable);
        string? before = NativeValue();
        // A user's setting (seen by .NET at start-up) wins: nothing is written.
        Environment.SetEnvironmentVariable(OpenMpWaitPolicy.Variable, "ACTIVE");
        try
        {
            Assert.Null(OpenMpWaitPolicy.Apply());
            Assert.Equal(before, NativeValue());
        }
        finally
        {
            Environment.SetEnvironmentVariable(OpenMpWaitPolicy.Variable, null);
        }
        // Otherwise libgomp, which reads the C environment (not .NET's copy), sees PASSIVE (or what the shell that
        // started the tests already exported: setenv never overwrites).
        Assert.Null(OpenMpWaitPolicy.Apply());
        Assert.Equal(before ?? "PASSIVE", NativeValue());
        Environment.SetEnvironmentVariable(OpenMpWaitPolicy.Variable, userManaged);
    }
}
