namespace GoSharp.Package.Tests;

/// <summary>
/// GoSharp.Goroutines packed once for the whole test run, into a feed of its own, with a version
/// unique to the run: every package test restores it from there, and no copy of an earlier
/// build left in a packages folder can stand in for it.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    /// <summary>The package's ID, as users reference it.</summary>
    public const string Id = "GoSharp.Goroutines";

    private readonly string _directory = Directory.CreateTempSubdirectory("gosharp-feed-").FullName;

    /// <summary>Packs the repository's src/GoSharp in Release; fails the collection if the pack fails.</summary>
    public PackedPackage()
    {
        Version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Feed = Path.Combine(_directory, "feed");
        CliResult pack = DotnetCli.MSBuild(PackageTests.RepositoryRoot(), "pack", Path.Combine("src", "GoSharp", "GoSharp.csproj"), "-c", "Release", "-o", Feed, $"-p:PackageVersion={Version}");
        if (!pack.Succeeded || !File.Exists(Path.Combine(Feed, $"{Id}.{Version}.nupkg")))
        {
            throw new InvalidOperationException("packing src/GoSharp failed: " + pack);
        }
    }

    /// <summary>The folder holding the .nupkg (and .snupkg): the only source a consumer needs for GoSharp.</summary>
    public string Feed { get; }

    /// <summary>The version the package was packed with.</summary>
    public string Version { get; }

    /// <summary>Best effort: deletes the feed and the copy restores may have put in the global packages folder.</summary>
    public void Dispose()
    {
        string globalCopy = Path.Combine(GlobalPackagesFolder(), Id.ToLowerInvariant(), Version);
        foreach (string folder in new[] { _directory, globalCopy })
        {
            TempFolder.TryDelete(folder);
        }
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
