using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GoSharp.Generator.Tests.Support;

/// <summary>
/// Runs a user's method both ways and compares: directly (<c>Synchronous(n)</c>, the original
/// code on the calling thread) and as a goroutine (<c>AsGoroutine(n)</c>, the twin), expecting the
/// same result, exceptions included; building asserts that the generated code compiles without
/// errors or warnings. Test sources are <see cref="Program"/>s: a <c>Case(int n)</c> method and
/// whatever it needs, inside the <see cref="Header"/>'s partial class.
/// </summary>
internal static class OriginalVersusTwin
{
    public const string Header = """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            public static string Synchronous(int n) { try { return Case(n); } catch (Exception e) { return "threw " + e.GetType().Name; } }

            public static string AsGoroutine(int n) { try { return Go.Run(() => Case(n)); } catch (Exception e) { return "threw " + e.GetType().Name; } }

        """;

    public static readonly int[] Sizes = [0, 1, 5, 1023, 1024, 1025, 3000];

    public static string Program(string members) =>
        Header + string.Join("\n", members.Split('\n').Select(line => line.Length == 0 ? line : "    " + line)) + "\n\n    public static string Run() => Go.Run(() => Case(0));\n}\n";

    /// <summary>Builds <paramref name="source"/>, runs <c>Synchronous(n)</c> and <c>AsGoroutine(n)</c> for each n and asserts they agree; returns the results.</summary>
    public static string[] AssertSameAsOriginal(string source, int[] sizes, bool overflowChecks = false, TimeSpan? limit = null)
    {
        Assembly program = Build(source, overflowChecks);
        var results = new string[sizes.Length];
        for (int k = 0; k < sizes.Length; k++)
        {
            int n = sizes[k];
            string expected = Synchronous(program, n);
            string actual = Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "AsGoroutine", n)!, limit);
            Assert.True(expected == actual, $"n={n}: original gave \"{expected}\", twin gave \"{actual}\"");
            results[k] = actual;
        }

        return results;
    }

    public static string Synchronous(Assembly program, int n) =>
        Bounded.Run(() => (string)GeneratorHarness.Invoke(program, "Program", "Synchronous", n)!);

    /// <summary>As <see cref="GeneratorHarness.Build"/>, optionally with <c>CheckForOverflowUnderflow</c> project-wide.</summary>
    public static Assembly Build(string source, bool overflowChecks = false)
    {
        Compilation output = Generate(source, overflowChecks).Output;
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, GeneratorHarness.Describe(problems) + Environment.NewLine + GeneratedText(output));
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emit = output.Emit(image, symbols);
        Assert.True(emit.Success, GeneratorHarness.Describe(emit.Diagnostics));
        image.Position = 0;
        symbols.Position = 0;
        return new AssemblyLoadContext("UserCode", isCollectible: true).LoadFromStream(image, symbols);
    }

    public static (Compilation Output, GeneratorDriverRunResult Result) Generate(string source, bool overflowChecks = false)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source, assemblyName: "UserCode" + Guid.NewGuid().ToString("N"));
        if (overflowChecks)
        {
            compilation = compilation.WithOptions(compilation.Options.WithOverflowChecks(true));
        }

        return GeneratorHarness.Generate(compilation);
    }

    public static IEnumerable<GeneratedSourceResult> GeneratedSources(string source) =>
        Generate(source).Result.Results.Single().GeneratedSources;

    /// <summary>The generated twins' text (interceptors left out).</summary>
    public static string Twins(string source) =>
        string.Concat(GeneratedSources(source).Where(s => !s.HintName.Contains("Interceptors")).Select(s => s.SourceText.ToString()));

    public static string GeneratedText(Compilation output) =>
        string.Join(Environment.NewLine, output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(t => "// " + t.FilePath + Environment.NewLine + t));

    public static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/>.</summary>
    public static int LineOf(string source, string text) =>
        source.Substring(0, source.IndexOf(text, StringComparison.Ordinal)).Count(c => c == '\n') + 1;
}
