namespace GoSharp.Package.Tests;

/// <summary>
/// The usage analyzers and their code fixes as users meet them: a fresh console app with several
/// deliberate mistakes gets each warning on the mistake's own line, then
/// <c>dotnet format analyzers</c> applies the fixes from the package, and the fixed app builds
/// without a GoSharp warning and prints what it printed before, plus what the goroutines that the
/// original let die (GOSH011) print once they are waited for.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class AnalyzerFixTests(PackedPackage package) : IDisposable
{
    /// <summary>
    /// The sum is deterministic with or without the mistakes: they leak (a context, a thread per
    /// sleep) or would hang only if a goroutine returned early, which none does. The cubes are the
    /// GOSH011 mistake: <c>Main</c> returns without waiting for them, so the original prints any
    /// number of them, and the fixed program all five, each once: <c>go(() =&gt; Cube(i))</c>
    /// evaluates <c>i</c> at the go statement, and the <c>wg.Go(() =&gt; Cube(i))</c> the fix writes
    /// (intercepted as the go was) must keep that.
    /// </summary>
    private const string Program = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static void Main()
            {
                Console.WriteLine($"sum of squares 1..100 = {Go.Run(() => SumOfSquares(100))}");
                for (int i = 1; i <= 5; i++)
                {
                    go(() => Cube(i)); // GOSH011
                }
            }

            [Goroutine]
            private static void Cube(int i) => Console.WriteLine($"cube of {i} = {i * i * i}");

            [Goroutine]
            private static long SumOfSquares(int n)
            {
                var (ctx, _) = Context.WithTimeout(Context.Background, TimeSpan.FromSeconds(30)); // GOSH018
                var squares = new Chan<long>(n);
                var wg = new WaitGroup();
                for (int i = 1; i <= n; i++)
                {
                    wg.Add(1);
                    go(() => Square(i, wg, squares));
                }

                wg.Wait();
                squares.Close();
                long sum = 0;
                foreach (var square in squares)
                {
                    sum += square;
                }

                return ctx.Err() is null ? sum : -1;
            }

            [Goroutine]
            private static void Square(int i, WaitGroup wg, Chan<long> squares)
            {
                Thread.Sleep(1); // GOSH016
                if (i <= 0)
                {
                    return;
                }

                squares.Send((long)i * i);
                wg.Done(); // GOSH013
            }
        }
        """;

    private const string SumLine = "sum of squares 1..100 = 338350";

    private static readonly string[] CubeLines = [.. Enumerable.Range(1, 5).Select(i => $"cube of {i} = {i * i * i}")];

    private readonly string _workDirectory = TempFolder.Create("gosharp-fixes-");

    [Fact]
    public void Mistakes_are_flagged_on_their_lines_and_dotnet_format_fixes_them()
    {
        ConsumerProject app = ConsumerProject.Write(Path.Combine(_workDirectory, "app"), package.Feed, package.Version, Program);
        string program = Path.Combine(app.ProjectDirectory, "Program.cs");

        CliResult build = DotnetCli.MSBuild(app.ProjectDirectory, "build");
        Assert.True(build.Succeeded, build.ToString());
        string[] expected = ExpectedWarnings().ToArray();
        Assert.Equal(expected, PackageTests.WarningLines(build.Output).Select(Location).Order());
        CliResult before = DotnetCli.Execute(app.ProjectDirectory, "run", "--no-build");
        Assert.True(before.Succeeded, before.ToString());
        Assert.Equal(SumLine, Lines(before.Output)[0]);

        CliResult format = DotnetCli.Execute(app.ProjectDirectory, "format", "analyzers", "App.csproj", "--diagnostics", "GOSH011", "GOSH013", "GOSH016", "GOSH018", "--no-restore");
        Assert.True(format.Succeeded, format.ToString());
        string fixedProgram = File.ReadAllText(program);
        Assert.Contains("wg.Go(() => Cube(i)); // GOSH011", fixedProgram, StringComparison.Ordinal);
        Assert.DoesNotContain("iCopy", fixedProgram, StringComparison.Ordinal);
        Assert.Contains("wg.Wait();", fixedProgram[..fixedProgram.IndexOf("private static void Cube", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("Sleep(TimeSpan.FromMilliseconds(1));", fixedProgram, StringComparison.Ordinal);
        Assert.Contains("using var _ = Defer(wg.Done);", fixedProgram, StringComparison.Ordinal);
        Assert.Contains("var (ctx, cancel) = Context.WithTimeout", fixedProgram, StringComparison.Ordinal);
        Assert.Contains("Defer(cancel);", fixedProgram, StringComparison.Ordinal);

        CliResult rebuild = DotnetCli.MSBuild(app.ProjectDirectory, "build");
        Assert.True(rebuild.Succeeded, rebuild.ToString());
        Assert.Empty(PackageTests.WarningLines(rebuild.Output));
        CliResult after = DotnetCli.Execute(app.ProjectDirectory, "run", "--no-build");
        Assert.True(after.Succeeded, after.ToString());
        string[] printed = Lines(after.Output);
        Assert.Equal(SumLine, printed[0]);
        Assert.Equal(CubeLines, printed[1..].Order(StringComparer.Ordinal));
    }

    /// <summary>The lines a program printed; goroutines print in any order, so callers sort what they need to.</summary>
    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose() => TempFolder.TryDelete(_workDirectory);

    /// <summary><c>Program.cs(line,column): warning GOSHnnn</c> for each <c>// GOSHnnn</c> comment, at the statement's first column.</summary>
    private static IEnumerable<string> ExpectedWarnings()
    {
        string[] lines = Program.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int marker = lines[i].IndexOf("// GOSH", StringComparison.Ordinal);
            if (marker >= 0)
            {
                string id = lines[i].Substring(marker + 3, 7);
                yield return $"Program.cs({i + 1}): warning {id}";
            }
        }
    }

    /// <summary>A warning line cut to file, line and ID (the column differs per rule, the line is what matters).</summary>
    private static string Location(string warning)
    {
        int file = warning.IndexOf("Program.cs(", StringComparison.Ordinal);
        int comma = warning.IndexOf(',', file);
        int id = warning.IndexOf("warning ", comma, StringComparison.Ordinal);
        return file < 0 || comma < 0 || id < 0 ? warning : warning[file..comma] + "): " + warning.Substring(id, "warning GOSHnnn".Length);
    }
}
