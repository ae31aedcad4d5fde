using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace GoSharp.Analyzers.Tests.Support;

/// <summary>
/// Runs an analyzer on test source with markup (<c>{|GOSH016:Thread.Sleep(10)|}</c> marks a
/// diagnostic's ID and exact span; nothing else may be reported) against <see cref="TestProject"/>.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <param name="source">The test source, with markup.</param>
    /// <param name="interceptors">Compile with the generator's interceptors opted in, as the package's targets do.</param>
    public static Task AnalyzerAsync(string source, bool interceptors = false)
    {
        // A code-fix test without a fix is an analyzer test (the C# analyzer-only package adds nothing).
        var test = new CSharpCodeFixTest<TAnalyzer, EmptyCodeFixProvider, DefaultVerifier> { TestCode = source };
        TestProject.Configure(test.TestState);
        if (interceptors)
        {
            WithInterceptors(test);
        }

        return test.RunAsync();
    }

    /// <summary>Opts the test project in to the generator's interceptors, as the package's targets do.</summary>
    private static void WithInterceptors<TFix>(CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> test)
        where TFix : CodeFixProvider, new() =>
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, options.WithFeatures([new("InterceptorsNamespaces", "GoSharp.Generated")]));
        });

    /// <summary>
    /// Like <see cref="AnalyzerAsync(string, bool)"/>, with the diagnostics of <c>{|#0:...|}</c>
    /// markup given in full, so that their messages are checked too.
    /// </summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, EmptyCodeFixProvider, DefaultVerifier> { TestCode = source };
        TestProject.Configure(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Like <see cref="AnalyzerAsync(string, bool)"/>, for a project of several files (each with markup).</summary>
    public static Task AnalyzerAsync((string Name, string Source)[] sources)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, EmptyCodeFixProvider, DefaultVerifier>();
        foreach ((string name, string source) in sources)
        {
            test.TestState.Sources.Add((name, source));
        }

        TestProject.Configure(test.TestState);
        return test.RunAsync();
    }

    /// <summary>
    /// Checks the diagnostics in <paramref name="source"/>, that applying <typeparamref name="TCodeFix"/>
    /// to each gives exactly <paramref name="fixedSource"/> (which must have no diagnostics left),
    /// and that Fix All in document, project and solution gives the same.
    /// </summary>
    /// <param name="source">The test source, with markup.</param>
    /// <param name="fixedSource">What the fix must give.</param>
    /// <param name="equivalenceKey">The code action to apply, where the fix offers several.</param>
    /// <param name="interceptors">Compile with the generator's interceptors opted in, as the package's targets do.</param>
    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, string? equivalenceKey = null, bool interceptors = false)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        TestProject.Configure(test.TestState, test.FixedState);

        // Markup in the fixed source marks the diagnostics that must remain (calls without a fix).
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        if (interceptors)
        {
            WithInterceptors(test);
        }

        return test.RunAsync();
    }
}
