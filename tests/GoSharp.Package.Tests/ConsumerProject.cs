namespace GoSharp.Package.Tests;

/// <summary>
/// A fresh console app as <c>dotnet new console</c> makes it, plus a reference to the package and
/// a program in the README's style. Written as files so that the test needs no template engine.
/// </summary>
public sealed class ConsumerProject
{
    /// <summary>What the program prints: the sum of the squares 1..1000.</summary>
    public const string ExpectedOutput = "sum of squares 1..1000 = 333833500";

    /// <summary>
    /// Fans out one goroutine per number and sums their squares from a channel. The sum is right
    /// only if <c>go(() => Square(i, ...))</c> evaluates <c>i</c> when it is called, as in Go:
    /// the generator's interceptor does that; a plain lambda would read the shared loop variable.
    /// <c>Publish</c> is the mistake from docs/diagnostics/GOSH006.md.
    /// </summary>
    private const string Program = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            private static readonly object Gate = new();

            public static void Main() => Console.WriteLine($"sum of squares 1..1000 = {Go.Run(() => SumOfSquares(1000))}");

            [Goroutine]
            private static long SumOfSquares(int n)
            {
                var squares = new Chan<long>();
                for (int i = 1; i <= n; i++)
                {
                    go(() => Square(i, squares));
                }

                long sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += squares.Receive();
                }

                return sum;
            }

            [Goroutine]
            private static void Square(int i, Chan<long> squares) => squares.Send((long)i * i);

            [Goroutine]
            private static void Publish(Chan<long> events, long pending)
            {
                lock (Gate)
                {
                    events.Send(pending); // GOSH006
                }
            }
        }
        """;

    private ConsumerProject(string directory) => ProjectDirectory = directory;

    /// <summary>The project folder.</summary>
    public string ProjectDirectory { get; }

    /// <summary>Where the compiler writes the generator's output (EmitCompilerGeneratedFiles).</summary>
    public string GeneratedDirectory => Path.Combine(ProjectDirectory, "obj", "generated", "GoSharp.Generator", "GoSharp.Generator.GoroutineGenerator");

    /// <summary>The start of the warning MSBuild prints for the mistake: <c>Program.cs(line,column): warning GOSH006</c>.</summary>
    public static string MistakeWarning
    {
        get
        {
            string[] lines = Program.Split('\n');
            int line = Array.FindIndex(lines, l => l.Contains("// GOSH006", StringComparison.Ordinal));
            int column = lines[line].Length - lines[line].TrimStart().Length;
            return $"Program.cs({line + 1},{column + 1}): warning GOSH006";
        }
    }

    /// <summary>
    /// Writes the project into <paramref name="directory"/>. It restores from <paramref name="feed"/>
    /// alone, into its own packages folder, so a stale copy in the global cache is never used.
    /// Its Program.cs is <paramref name="program"/> (by default this class's fan-out program).
    /// </summary>
    public static ConsumerProject Write(string directory, string feed, string packageVersion, string program = Program)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <CompilerGeneratedFilesOutputPath>obj/generated</CompilerGeneratedFilesOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GoSharp.Goroutines" Version="{packageVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        StopMSBuildSearch(directory);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return new ConsumerProject(directory);
    }

    /// <summary>Builds the app, which must give no warning at all, runs it, and returns the lines it printed.</summary>
    public string[] BuildWithoutWarningsAndRun()
    {
        CliResult build = DotnetCli.MSBuild(ProjectDirectory, "build");
        Assert.True(build.Succeeded, build.ToString());
        Assert.Empty(PackageTests.WarningLines(build.Output));

        CliResult run = DotnetCli.Execute(ProjectDirectory, "run", "--no-build");
        Assert.True(run.Succeeded, run.ToString());
        return [.. run.Output.Trim().Split('\n').Select(line => line.Trim())];
    }

    /// <summary>Stops MSBuild's search upwards, so nothing above the temporary folder joins in.</summary>
    public static void StopMSBuildSearch(string directory)
    {
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, name), "<Project />");
        }
    }
}
