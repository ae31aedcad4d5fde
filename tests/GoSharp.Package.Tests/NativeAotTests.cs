using System.Runtime.InteropServices;

namespace GoSharp.Package.Tests;

/// <summary>
/// NativeAOT as a supported target: pack GoSharp.Goroutines, publish a consumer with
/// <c>PublishAot=true</c> (one publish: it takes minutes on two cores), check that neither the
/// trimmer nor the AOT compiler warns, then run the native binary and check what it prints.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotTests(PackedPackage package) : IDisposable
{
    /// <summary>An AOT publish compiles the whole framework: far longer than a build.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    private readonly string _workDirectory = TempFolder.Create("gosharp-aot-");

    [Fact]
    public void A_console_app_published_with_NativeAOT_runs_goroutines_channels_select_and_timers()
    {
        string? missing = NativeToolchain.Missing();
        Assert.True(missing is null, missing);

        NativeAotConsumer app = NativeAotConsumer.Write(Path.Combine(_workDirectory, "app"), package.Feed, package.Version);
        string rid = RuntimeInformation.RuntimeIdentifier;
        CliResult publish = DotnetCli.MSBuild(PublishTimeout, app.ProjectDirectory, "publish", "-c", "Release", "-r", rid);
        Assert.True(publish.Succeeded, publish.ToString());
        Assert.Empty(PackageTests.WarningLines(publish.Output)); // no IL2xxx trimming or IL3xxx AOT warning, nor any other

        CliResult run = DotnetCli.RunProgram(app.NativeExecutable(rid), TimeSpan.FromMinutes(1));
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(NativeAotConsumer.ExpectedLines, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose() => TempFolder.TryDelete(_workDirectory);
}
