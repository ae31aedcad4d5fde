using System.Runtime.InteropServices;

namespace GoSharp.Package.Tests;

/// <summary>
/// NativeAOT as a supported target: pack GoSharp.Goroutines, publish a consumer with
/// <c>PublishAot=true</c> (one publish: it takes minutes on two cores), check that neither the
/// trimmer nor the AOT compiler warns, then run the native binary and check what it prints.
/// </summary>
[Collection(PackageTests.PacksTheRepository)]
public sealed class NativeAotTests : IDisposable
{
    private const string PackageId = "GoSharp.Goroutines";

    /// <summary>An AOT publish compiles the whole framework: far longer than a build.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("gosharp-aot-").FullName;

    /// <summary>Unique per run, so that the global packages folder cannot hold a stale copy of it.</summary>
    private readonly string _version = $"0.0.0-aot.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    [Fact]
    public void A_console_app_published_with_NativeAOT_runs_goroutines_channels_select_and_timers()
    {
        string? missing = NativeToolchain.Missing();
        Assert.True(missing is null, missing);

        string feed = Path.Combine(_workDirectory, "feed");
        CliResult pack = DotnetCli.MSBuild(PackageTests.RepositoryRoot(), "pack", Path.Combine("src", "GoSharp", "GoSharp.csproj"), "-c", "Release", "-o", feed, $"-p:PackageVersion={_version}");
        Assert.True(pack.Succeeded, pack.ToString());
        Assert.Single(Directory.GetFiles(feed, $"{PackageId}.{_version}.nupkg"));

        NativeAotConsumer app = NativeAotConsumer.Write(Path.Combine(_workDirectory, "app"), feed, _version);
        string rid = RuntimeInformation.RuntimeIdentifier;
        CliResult publish = DotnetCli.MSBuild(PublishTimeout, app.ProjectDirectory, "publish", "-c", "Release", "-r", rid);
        Assert.True(publish.Succeeded, publish.ToString());
        Assert.Empty(PackageTests.WarningLines(publish.Output)); // no IL2xxx trimming or IL3xxx AOT warning, nor any other

        CliResult run = DotnetCli.RunProgram(app.NativeExecutable(rid), TimeSpan.FromMinutes(1));
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(NativeAotConsumer.ExpectedLines, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Best effort, as in <see cref="PackageTests"/>; also drops this run's package from the global packages folder.</summary>
    public void Dispose()
    {
        string globalCopy = Path.Combine(GlobalPackagesFolder(), PackageId.ToLowerInvariant(), _version);
        foreach (string folder in new[] { _workDirectory, globalCopy })
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
