using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>Where a variable is written, from syntax: assignments, <c>++</c>/<c>--</c>, <c>ref</c>/<c>out</c> arguments, deconstructions.</summary>
internal static class Writes
{
    /// <summary>True if code in <paramref name="scope"/> writes <paramref name="variable"/> (its declaration's initializer aside).</summary>
    public static bool Any(ISymbol variable, SyntaxNode scope, SemanticModel model, CancellationToken cancellationToken) =>
        scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(name =>
            name.Identifier.ValueText == variable.Name
            && IsWrite(name)
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, variable));

    /// <summary>True if <paramref name="expression"/> is the target of a write.</summary>
    public static bool IsWrite(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        return expression.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == expression,
            PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } => true,
            ArgumentSyntax { Parent: TupleExpressionSyntax tuple } => IsWrite(tuple),
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            RefExpressionSyntax => true,
            _ => false,
        };
    }
}
