using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>
/// Park sites: each operation that may park gets a static <c>ParkSite</c> (file, line,
/// operation) that it announces right before it parks, so dumps and deadlock reports name the
/// user's line.
/// </summary>
internal sealed partial class BodyRewriter
{
    /// <summary>
    /// Records a park site for <paramref name="operation"/> (the user's original call) and returns
    /// the name of its field. Called before the operation's arguments are rewritten, so sites
    /// are numbered in source order.
    /// </summary>
    private string NewSite(InvocationExpressionSyntax operation) => NewSite(operation, operation.WithoutTrivia().ToString());

    /// <summary>Records a park site at <paramref name="node"/>'s line, described by <paramref name="operation"/>.</summary>
    private string NewSite(SyntaxNode node, string operation)
    {
        string name = GeneratedNames.SiteName(_methodName, Sites.Count);
        int line = node.SyntaxTree.GetLineSpan(node.Span, _cancellationToken).StartLinePosition.Line + 1;
        Sites.Add(new ParkSiteSpec(name, _siteFile, line, OneLine(operation)));
        return name;
    }

    /// <summary>The park site of a range over a channel (recorded before the body's sites), or null for any other loop.</summary>
    private string? RangeSite(CommonForEachStatementSyntax node)
    {
        if (_forbiddenDepth > 0 || !ParkSites.IsAwaitableForEach(node, _model, _known))
        {
            return null;
        }

        var header = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(node.ForEachKeyword.SpanStart, node.CloseParenToken.Span.End);
        return NewSite(node, node.SyntaxTree.GetText(_cancellationToken).ToString(header));
    }

    /// <summary>The operation's text on one line: each run of white space holding a line break becomes a space.</summary>
    private static string OneLine(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"[ \t]*\r?\n\s*", " ");

    /// <summary>
    /// <c>GoroutineSites.At(site, awaitable)</c>: announces the site once the awaitable and its
    /// arguments are evaluated, right before the await may park.
    /// </summary>
    private static InvocationExpressionSyntax AtSite(string site, ExpressionSyntax awaitable) =>
        InvocationExpression(
                ParseExpression(GeneratedNames.SitesClass + ".At"),
                ArgumentList(SyntaxEdits.CommaSeparated(new[] { Argument(ParseExpression(GeneratedNames.SitesClass + "." + site)), Argument(awaitable.WithoutTrivia()) })))
            .WithTriviaFrom(awaitable);
}
