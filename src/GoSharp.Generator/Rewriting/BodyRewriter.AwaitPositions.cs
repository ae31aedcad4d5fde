using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>
/// Where an await lands inside an expression, and what the surrounding syntax needs for it to
/// mean what the user's code meant.
/// </summary>
internal sealed partial class BodyRewriter
{
    /// <summary>Expressions evaluated before their statement into these temporaries: read from them where they were written.</summary>
    private readonly Dictionary<SyntaxNode, string> _evaluatedEarly = new();

    private int _temporaries;

    /// <summary>
    /// A node evaluated early is read from its temporary; a statement with park sites that C#
    /// cannot await where they are (after a ref struct temporary, see <see cref="ParkSiteSpills"/>)
    /// evaluates them first: <c>m.Span[0] = ch.Receive();</c> →
    /// <c>{ var __goPark0 = await …ReceiveAsync(); m.Span[0] = __goPark0; }</c>.
    /// </summary>
    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (_evaluatedEarly.Count > 0 && _evaluatedEarly.TryGetValue(node, out string? temporary))
        {
            return IdentifierName(temporary).WithTriviaFrom(node);
        }

        if (node is StatementSyntax statement && _spills.Count > 0 && _spills.TryGetValue(statement, out List<ExpressionSyntax>? parkSites))
        {
            return WithEarlyEvaluation(statement, parkSites.Select(site => (site, (string?)null)).ToList(), "__goPark", base.Visit);
        }

        return base.Visit(node);
    }

    /// <summary>
    /// <c>{ var t0 = e0; …; statement }</c> on the statement's lines: each expression of
    /// <paramref name="early"/> is rewritten and evaluated into a temporary (declared with the given
    /// type, or <c>var</c>), then <paramref name="rewrite"/> rewrites the statement reading them.
    /// </summary>
    private StatementSyntax WithEarlyEvaluation(StatementSyntax statement, List<(ExpressionSyntax Expression, string? Type)> early, string prefix, Func<StatementSyntax, SyntaxNode?> rewrite)
    {
        var text = new StringBuilder("{ ");
        foreach ((ExpressionSyntax expression, string? type) in early)
        {
            string temporary = prefix + (_temporaries++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append(type ?? "var").Append(' ').Append(temporary).Append(" = ").Append(Visit(expression)!.WithoutTrivia().ToFullString()).Append("; ");
            _evaluatedEarly.Add(expression, temporary);
        }

        var rewritten = (StatementSyntax)rewrite(statement)!;
        foreach ((ExpressionSyntax expression, _) in early)
        {
            _evaluatedEarly.Remove(expression);
        }

        text.Append(rewritten.WithoutTrivia().ToFullString()).Append(" }");
        return ParseStatement(text.ToString()).WithTriviaFrom(statement);
    }

    /// <summary>
    /// An interpolation hole that now holds an await is parenthesised: <c>{ch.Receive():D3}</c> →
    /// <c>{(await global::…):D3}</c>. Unparenthesised, the first top-level <c>:</c> of
    /// <c>global::</c> would start the hole's format specifier.
    /// </summary>
    public override SyntaxNode? VisitInterpolation(InterpolationSyntax node)
    {
        var rewritten = (InterpolationSyntax)base.VisitInterpolation(node)!;
        if (rewritten.Expression == node.Expression || rewritten.Expression is ParenthesizedExpressionSyntax)
        {
            return rewritten;
        }

        return rewritten.WithExpression(ParenthesizedExpression(rewritten.Expression.WithoutTrivia()).WithTriviaFrom(rewritten.Expression));
    }
}
