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
    public static Task AnalyzerAsync(string source)
    {
        // A code-fix test without a fix is an analyzer test (the C# analyzer-only package adds nothing).
        var test = new CSharpCodeFixTest<TAnalyzer, EmptyCodeFixProvider, DefaultVerifier> { TestCode = source };
        TestProject.Configure(test.TestState);
        return test.RunAsync();
    }

    /// <summary>
    /// Checks the diagnostics in <paramref name="source"/>, that applying <typeparamref name="TCodeFix"/>
    /// to each gives exactly <paramref name="fixedSource"/> (which must have no diagnostics left),
    /// and that Fix All in document, project and solution gives the same.
    /// </summary>
    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, string? equivalenceKey = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        TestProject.Configure(test.TestState, test.FixedState);
        return test.RunAsync();
    }
}
