namespace GoSharp.Package.Tests;

/// <summary>
/// A console app published with <c>PublishAot=true</c> against the packed package: goroutines, an
/// unbuffered channel ranged over, a select with a timeout, a timer, and a deliberate deadlock whose
/// report must still name the goroutines' methods and lines in the native binary.
/// </summary>
public sealed class NativeAotConsumer
{
    /// <summary>The lines the native binary prints, in order.</summary>
    public static string[] ExpectedLines =>
    [
        "sum of squares 1..1000 = 333833500",
        "select: the timeout won",
        "timer: fired",
        "deadlock: all goroutines are asleep - deadlock!",
        $"deadlock: Program.Stuck__Goroutine at Program.cs:{LineOf("never.Receive();")} (never.Receive())",
    ];

    private const string Program = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                Console.WriteLine($"sum of squares 1..1000 = {Go.Run(() => SumOfSquares(1000))}");
                Console.WriteLine($"select: {Go.Run(() => SelectWithTimeout())}");
                var timer = NewTimer(TimeSpan.FromMilliseconds(10));
                Console.WriteLine($"timer: {(timer.C.Receive() != default ? "fired" : "zero time")}");
                try
                {
                    Go.Run(() => Stuck());
                }
                catch (DeadlockException e)
                {
                    string[] lines = e.Message.Split('\n', StringSplitOptions.TrimEntries);
                    Console.WriteLine($"deadlock: {lines[0]}");
                    int entry = Array.FindIndex(lines, l => l.StartsWith("Program.Stuck", StringComparison.Ordinal));
                    Console.WriteLine($"deadlock: {lines[entry]} at {Path.GetFileName(lines[entry + 1])}");
                }
            }

            [Goroutine]
            private static long SumOfSquares(int n)
            {
                var squares = new Chan<long>();
                var wg = new WaitGroup();
                for (int i = 1; i <= n; i++)
                {
                    wg.Add(1);
                    go(() => Square(i, squares, wg));
                }

                go(() => CloseWhenDone(wg, squares));
                long sum = 0;
                foreach (long square in squares)
                {
                    sum += square;
                }

                return sum;
            }

            [Goroutine]
            private static void Square(int i, Chan<long> squares, WaitGroup wg)
            {
                using var _ = Defer(wg.Done);
                squares.Send((long)i * i);
            }

            [Goroutine]
            private static void CloseWhenDone(WaitGroup wg, Chan<long> squares)
            {
                wg.Wait();
                squares.Close();
            }

            [Goroutine]
            private static string SelectWithTimeout()
            {
                var never = new Chan<int>();
                switch (Select(never.OnReceive(out var v), After(TimeSpan.FromMilliseconds(20)).OnReceive()))
                {
                    case 0:
                        return $"received {v.Value}";
                    default:
                        return "the timeout won";
                }
            }

            [Goroutine]
            private static void Stuck()
            {
                var never = new Chan<int>();
                never.Receive();
            }
        }
        """;

    private NativeAotConsumer(string directory) => ProjectDirectory = directory;

    /// <summary>The 1-based line of <see cref="Program"/> that contains <paramref name="code"/>.</summary>
    private static int LineOf(string code) => Array.FindIndex(Program.Split('\n'), line => line.Contains(code, StringComparison.Ordinal)) + 1;

    /// <summary>The project folder.</summary>
    public string ProjectDirectory { get; }

    /// <summary>
    /// Writes the project into <paramref name="directory"/>. Its nuget.config adds
    /// <paramref name="feed"/> to the machine's package sources, which provide the NativeAOT
    /// compiler packages; <paramref name="packageVersion"/> is unique to the test run, so the copy
    /// restored into the global packages folder is the one just packed.
    /// </summary>
    public static NativeAotConsumer Write(string directory, string feed, string packageVersion)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <PublishAot>true</PublishAot>
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
                <add key="gosharp-under-test" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        ConsumerProject.StopMSBuildSearch(directory);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        return new NativeAotConsumer(directory);
    }

    /// <summary>Where <c>dotnet publish -r <paramref name="rid"/></c> puts the native executable.</summary>
    public string NativeExecutable(string rid) =>
        Path.Combine(ProjectDirectory, "bin", "Release", "net10.0", rid, "publish", OperatingSystem.IsWindows() ? "App.exe" : "App");
}
