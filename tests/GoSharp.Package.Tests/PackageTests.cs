namespace GoSharp.Package.Tests;

/// <summary>
/// Pack GoSharp.Goroutines, reference it from a local feed in a fresh console
/// app, build and run that app, and check that a known mistake gets its warning: the way users
/// meet GoSharp, through NuGet, buildTransitive targets and the analyzers folder.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests(PackedPackage package) : IDisposable
{
    private readonly string _workDirectory = TempFolder.Create("gosharp-package-");

    [Fact]
    public void A_fresh_console_app_restores_builds_and_runs_against_the_packed_package()
    {
        ConsumerProject app = ConsumerProject.Write(Path.Combine(_workDirectory, "app"), package.Feed, package.Version);
        CliResult build = DotnetCli.MSBuild(app.ProjectDirectory, "build");
        Assert.True(build.Succeeded, build.ToString());
        Assert.True(build.Output.Contains(ConsumerProject.MistakeWarning, StringComparison.Ordinal), $"no `{ConsumerProject.MistakeWarning}`: {build}");
        Assert.All(WarningLines(build.Output), line => Assert.Contains("warning GOSH006", line, StringComparison.Ordinal));

        // The generator ran inside the user's compiler and, thanks to the package's buildTransitive
        // opt-in, emitted interceptors: so Go.Run and go calls reach the twins, not the lambdas.
        Assert.Single(Directory.GetFiles(app.GeneratedDirectory, "Program.SumOfSquares.*.g.cs"));
        string interceptors = File.ReadAllText(Path.Combine(app.GeneratedDirectory, "GoSharp.Interceptors.g.cs"));
        Assert.Contains("InterceptsLocation", interceptors, StringComparison.Ordinal);

        CliResult run = DotnetCli.Execute(app.ProjectDirectory, "run", "--no-build");
        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(ConsumerProject.ExpectedOutput, run.Output.Trim());

        // The buildTransitive targets also start the JIT's tier-up at once (a cold-start setting
        // that reaches the app's runtimeconfig.json), unless the app opts out.
        string runtimeConfig = File.ReadAllText(Directory.GetFiles(Path.Combine(app.ProjectDirectory, "bin"), "App.runtimeconfig.json", SearchOption.AllDirectories).Single());
        Assert.Contains("\"System.Runtime.TieredCompilation.CallCountingDelayMs\": 0", runtimeConfig, StringComparison.Ordinal);
        CliResult optedOut = DotnetCli.MSBuild(app.ProjectDirectory, "msbuild", "-getItem:RuntimeHostConfigurationOption", "-p:GoSharpTierUpAtOnce=false");
        Assert.True(optedOut.Succeeded, optedOut.ToString());
        Assert.DoesNotContain("CallCountingDelayMs", optedOut.Output, StringComparison.Ordinal);
    }

    /// <summary>nuget.org shows the package's README but resolves no repository-relative link.</summary>
    [Fact]
    public void The_README_in_the_package_is_the_repositorys_with_absolute_links()
    {
        using var nupkg = System.IO.Compression.ZipFile.OpenRead(Path.Combine(package.Feed, $"{PackedPackage.Id}.{package.Version}.nupkg"));
        using var reader = new StreamReader(nupkg.GetEntry("README.md")!.Open());
        string packed = reader.ReadToEnd();
        string repository = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Equal(repository.TrimEnd('\n').Split('\n').Length, packed.TrimEnd('\n').Split('\n').Length); // the same text, line for line
        foreach (string relative in new[] { "](docs/", "](samples/", "](bench/", "](CHANGELOG.md", "](#" })
        {
            Assert.Contains(relative, repository, StringComparison.Ordinal);
            Assert.DoesNotContain(relative, packed, StringComparison.Ordinal);
        }

        Assert.Contains("](https://github.com/gosharp/gosharp/blob/main/docs/go-to-gosharp.md)", packed, StringComparison.Ordinal);
    }

    public void Dispose() => TempFolder.TryDelete(_workDirectory);

    /// <summary>MSBuild repeats every warning in its summary; each distinct line counts once.</summary>
    internal static IEnumerable<string> WarningLines(string output) =>
        output.Split('\n').Select(line => line.Trim()).Where(line => line.Contains(": warning ", StringComparison.Ordinal)).Distinct();

    /// <summary>The folder with GoSharp.sln, above this test's output folder.</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoSharp.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GoSharp.sln not found above " + AppContext.BaseDirectory);
    }
}
