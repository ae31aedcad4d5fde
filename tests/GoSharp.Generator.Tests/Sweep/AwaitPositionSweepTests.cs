using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using GoSharp.Analyzers.Rewriting;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace GoSharp.Generator.Tests.Sweep;

/// <summary>
/// "Never an error inside generated code", as a tested property: a park site in every position
/// of <see cref="AwaitPositions"/>, with each kind of park site, compiled in one program through the
/// generator and the analyzers. Each position must either be rewritten — the twin compiles and
/// behaves as the original — or get its GOSH diagnostic on the user's line, with a twin that still
/// compiles and behaves as the original; no compiler diagnostic may land in a generated file.
/// The test prints the table of positions. (A goroutine that loops forever, <c>go(() =&gt; { for (;;) … })</c>,
/// is left to <see cref="UserIdiomTests"/>: run as the original it would hold a thread forever, and
/// the deadlock tests that share this process could then no longer prove a deadlock.)
/// </summary>
[Collection(SchedulerBound.Name)]
public class AwaitPositionSweepTests(ITestOutputHelper log)
{
    private static readonly (string Name, string Expression)[] ParkSites =
    [
        ("ch.Receive()", "ch.Receive()"),
        ("call of a [Goroutine] method", "Next(ch)"),
    ];

    [Fact]
    public void Every_position_is_rewritten_or_reported_on_the_users_line_and_nothing_fails_in_generated_code()
    {
        var cases = new List<(AwaitPositions.Position Position, string ParkSite, int Line)>();
        string source = Program(cases);

        CSharpCompilationWithAnalyzers(source, out Compilation output, out ImmutableArray<Diagnostic> analyzerDiagnostics);
        var generatedErrors = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("GOSH", StringComparison.Ordinal))
            .ToList();
        Assert.True(generatedErrors.Count == 0, "compiler diagnostics:\n" + GeneratorHarness.Describe(generatedErrors));

        Assembly program = Load(output);
        string twins = string.Concat(output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(t => "\n// " + t.FilePath + "\n" + t));
        var table = new StringBuilder("| position | park site | twin | diagnostic | same as the original |\n|---|---|---|---|---|\n");
        var failures = new List<string>();
        for (int k = 0; k < cases.Count; k++)
        {
            (AwaitPositions.Position position, string parkSite, int line) = cases[k];
            int nextLine = k + 1 < cases.Count ? cases[k + 1].Line : int.MaxValue;
            string[] ids = analyzerDiagnostics
                .Where(d => d.Location.GetLineSpan().StartLinePosition.Line + 1 is int l && l >= line && l < nextLine)
                .Select(d => d.Id).Distinct().Order().ToArray();
            string expected = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "S" + k)!);
            string actual = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "G" + k)!);
            bool limited = TwinOf(twins, k).Contains("// Not rewritten (", StringComparison.Ordinal);
            string diagnostic = ids.Length == 0 ? "" : string.Join(", ", ids);
            table.Append($"| {position.Name} | {parkSite} | {(limited ? "runs the original" : "rewritten")} | {diagnostic} | {(expected == actual ? "yes" : "NO")} |\n");

            if (expected != actual)
            {
                failures.Add($"{position.Name} / {parkSite}: original gave \"{expected}\", twin gave \"{actual}\"");
            }

            if (diagnostic != (position.Expected ?? ""))
            {
                failures.Add($"{position.Name} / {parkSite}: expected diagnostic '{position.Expected}', got '{diagnostic}'");
            }
        }

        log.WriteLine(table.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n\n" + table);
    }

    /// <summary>One <c>[Goroutine] CaseK</c> per position and park site, with <c>S</c>K (the original) and <c>G</c>K (the twin) runners.</summary>
    private static string Program(List<(AwaitPositions.Position, string, int)> cases)
    {
        var text = new StringBuilder("""
            using GoSharp;
            using static GoSharp.Go;

            public static partial class Program
            {
                public static Chan<int> Feed()
                {
                    var ch = new Chan<int>(64);
                    for (int i = 1; i <= 64; i++) ch.Send(i);
                    return ch;
                }

                [Goroutine]
                static int Next(Chan<int> ch) => ch.Receive();

                static string Use(int a, int b) => a + "," + b;
                static string Join(params int[] values) => string.Join(",", values);
                static string Optional(int a, int b = 5) => a + "," + b;
                static void Inc(ref int target, int delta) => target += delta;
                static int Bump(ref int i) => ++i;
                static int IndexOf(ReadOnlySpan<int> span, int value) => span.IndexOf(value);
                static IEnumerable<int> Many(int n) => Enumerable.Range(0, n % 4);
                static object Gate(int n, object gate) => gate;

                sealed class Box
                {
                    public int X;
                    public int Y;
                    public int Add(int v) => X += v;
                }

                sealed record Pair(int X, int Y);

                sealed class Disposer(List<string> log, int n) : IDisposable
                {
                    public void Dispose() => log.Add("disposed " + n);
                }

            """);
        foreach (AwaitPositions.Position position in AwaitPositions.All)
        {
            foreach ((string name, string expression) in position.OnlyReceive ? ParkSites.Take(1) : ParkSites)
            {
                int k = cases.Count;
                int line = text.ToString().Count(c => c == '\n') + 1;
                cases.Add((position, name, line));
                text.Append($$"""
                        [Goroutine]
                        static string Case{{k}}(Chan<int> ch)
                        {
                            {{position.Body.Replace("{P}", expression)}}
                        }

                        public static string S{{k}}() { try { return Case{{k}}(Feed()); } catch (Exception e) { return "threw " + e.GetType().Name; } }

                        public static string G{{k}}() { try { return Go.Run(() => Case{{k}}(Feed())); } catch (Exception e) { return "threw " + e.GetType().Name; } }


                    """);
            }
        }

        return text.Append("}\n").ToString();
    }

    private static void CSharpCompilationWithAnalyzers(string source, out Compilation output, out ImmutableArray<Diagnostic> analyzerDiagnostics)
    {
        var compilation = GeneratorHarness.Compile(source, assemblyName: "Sweep" + Guid.NewGuid().ToString("N"));
        (output, _) = GeneratorHarness.Generate(compilation);
        analyzerDiagnostics = GeneratorHarness.Analyze(compilation, new GoroutineBodyAnalyzer());
    }

    private static Assembly Load(Compilation output)
    {
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, GeneratorHarness.Describe(emit.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext("Sweep", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>The generated file of <c>CaseK</c>'s twin.</summary>
    private static string TwinOf(string twins, int k)
    {
        int start = twins.IndexOf($"Case{k}__Goroutine(", StringComparison.Ordinal);
        int end = twins.IndexOf("\n// ", Math.Max(start, 0), StringComparison.Ordinal);
        return start < 0 ? "" : twins.Substring(start, (end < 0 ? twins.Length : end) - start);
    }
}
