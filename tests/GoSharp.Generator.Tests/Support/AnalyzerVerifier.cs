using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GoSharp.Generator.Tests.Support;

/// <summary>
/// Checks an analyzer against source with markup: <c>{|GOSH001:text|}</c> marks where a
/// diagnostic must be reported (its ID and exact span); nothing else may be reported.
/// </summary>
internal static partial class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static void Verify(string markup, LanguageVersion languageVersion = LanguageVersion.Latest)
    {
        (string source, List<(string Id, TextSpan Span)> expected) = Parse(markup);
        var compilation = GeneratorHarness.Compile(source, languageVersion: languageVersion);
        ImmutableArray<Diagnostic> actual = GeneratorHarness.Analyze(compilation, new TAnalyzer());
        var found = actual.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        Assert.True(
            expected.SequenceEqual(found),
            "expected:\n  " + string.Join("\n  ", expected.Select(e => $"{e.Id} at {e.Span}: '{source.Substring(e.Span.Start, e.Span.Length)}'"))
            + "\nactual:\n  " + string.Join("\n  ", actual.Select(d => $"{d.Id} at {d.Location.SourceSpan}: '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}' {d.GetMessage()}")));

        foreach (Diagnostic diagnostic in actual)
        {
            Assert.EndsWith(diagnostic.Id + ".md", diagnostic.Descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage()));
        }
    }

    private static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var text = new System.Text.StringBuilder();
        int i = 0;
        foreach (Match match in Markup().Matches(markup))
        {
            text.Append(markup, i, match.Index - i);
            expected.Add((match.Groups["id"].Value, new TextSpan(text.Length, match.Groups["text"].Length)));
            text.Append(match.Groups["text"].Value);
            i = match.Index + match.Length;
        }

        text.Append(markup, i, markup.Length - i);
        return (text.ToString(), expected);
    }

    [GeneratedRegex(@"\{\|(?<id>GOSH\d{3}):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Markup();
}
