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
