using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// Go's <c>go f(x)</c> evaluates <c>f</c>'s receiver and arguments at the go statement, in the
/// spawning goroutine; a C# lambda <c>() =&gt; F(x)</c> would read them when the new goroutine runs.
/// This finds what must be evaluated early for the call in <c>go(() =&gt; F(x))</c>.
/// </summary>
internal static class GoArguments
{
    /// <summary>
    /// The receiver and argument expressions of <paramref name="call"/> that have to be
    /// evaluated at the go statement, in evaluation order, each with the type to declare its
    /// temporary with (null for <c>var</c>); empty when nothing needs it (constants, lambdas,
    /// <c>this</c>, type names); null when they cannot all be evaluated early (a <c>ref</c>,
    /// <c>out</c> or <c>in</c> argument, a ref struct, an argument whose type cannot be named).
    /// </summary>
    public static List<(ExpressionSyntax Expression, string? Type)>? ToEvaluate(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        var result = new List<(ExpressionSyntax, string?)>();
        if (call.Expression is MemberAccessExpressionSyntax { Expression: ExpressionSyntax receiver }
            && (!method.IsStatic || method.ReducedFrom is not null)
            && receiver is not (ThisExpressionSyntax or BaseExpressionSyntax)
            && model.GetSymbolInfo(receiver, cancellationToken).Symbol is not (INamedTypeSymbol or INamespaceSymbol))
        {
            if (!TryAdd(receiver, model, result, cancellationToken))
            {
                return null;
            }
        }
        else if (call.Expression is not (SimpleNameSyntax or MemberAccessExpressionSyntax))
        {
            return null;
        }

        foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None) || !TryAdd(argument.Expression, model, result, cancellationToken))
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>Adds <paramref name="expression"/> if it has a value to evaluate early; false if it cannot be held in a temporary.</summary>
    private static bool TryAdd(ExpressionSyntax expression, SemanticModel model, List<(ExpressionSyntax, string?)> into, CancellationToken cancellationToken)
    {
        TypeInfo info = model.GetTypeInfo(expression, cancellationToken);
        if (expression is AnonymousFunctionExpressionSyntax or LiteralExpressionSyntax
            || model.GetConstantValue(expression, cancellationToken).HasValue
            || (info.Type is null && model.GetSymbolInfo(expression, cancellationToken).Symbol is IMethodSymbol))
        {
            // Nothing to evaluate: a constant, a lambda (its captures stay captures), a method group.
            return true;
        }

        ITypeSymbol? type = info.Type ?? info.ConvertedType;
        if (type is null || type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            return false;
        }

        if (info.Type is not null)
        {
            into.Add((expression, null));
            return true;
        }

        // A target-typed expression (new(), default, a collection expression): declare it with the parameter's type.
        if (!TypeNames.IsNameable(type))
        {
            return false;
        }

        into.Add((expression, TypeNames.Of(type)));
        return true;
    }
}
