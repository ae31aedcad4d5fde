using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// Park sites that C# cannot await where they are written because a ref struct is already on
/// the evaluation stack: in <c>m.Span[0] = ch.Receive();</c> the <c>Span&lt;T&gt;</c> of
/// <c>m.Span</c> is computed before the receive, and an async method cannot keep it across the
/// await (CS4007); so are the receiver of <c>m.Span.Fill(ch.Receive())</c>, an earlier argument
/// of <c>F(m.Span, ch.Receive())</c>, and the handler of <c>sb.Append($"{ch.Receive()}")</c>.
/// </summary>
/// <remarks>
/// The twin evaluates such a park site first, into a temporary, just before its statement:
/// <c>{ var __goPark0 = await …; m.Span[0] = __goPark0; }</c>. That moves the park site before the
/// expressions C# would have evaluated ahead of it, so it is done only when those expressions
/// have no side effects (locals, parameters, fields, literals, <c>this</c>, and the
/// <c>Span</c>/<c>Length</c> accessors and indexers of spans, memory, arrays and strings: only an
/// exception they throw — a null reference, an index out of range — then comes after the park
/// instead of before it), when the statement runs its expression once (not a loop condition) and
/// declares nothing (not a local declaration), and when the park site is not in a branch that
/// might not run (<c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>??</c>, <c>?.</c>, a switch
/// expression arm). Earlier park sites of the statement are evaluated first too, in order. Any
/// other such park site is GOSH021, and the method's twin runs its original body.
/// </remarks>
internal static class ParkSiteSpills
{
    /// <summary>
    /// The park sites of the statement around <paramref name="parkSite"/> that its twin evaluates
    /// first, in evaluation order, if <paramref name="parkSite"/> needs it; an empty list if it
    /// does not; null, with the reason, if it needs it and cannot have it.
    /// </summary>
    public static List<ExpressionSyntax>? Plan(ExpressionSyntax parkSite, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parkingFunctions, CancellationToken cancellationToken, out StatementSyntax? statement, out string? reason)
    {
        statement = null;
        reason = null;
        if (!HoldsRefStructBefore(parkSite, model, cancellationToken, out statement) || statement is null)
        {
            return new List<ExpressionSyntax>();
        }

        if (!RunsItsExpressionOnceWithoutDeclaring(statement, parkSite))
        {
            reason = "its statement declares a local or evaluates the expression more than once";
            return null;
        }

        // Every park site of the statement up to this one moves before it, in order.
        var spilled = new List<ExpressionSyntax>();
        foreach (ExpressionSyntax site in ParkSitesOf(statement, model, known, parkingFunctions, cancellationToken))
        {
            if (site.SpanStart > parkSite.SpanStart)
            {
                break;
            }

            if (spilled.Count > 0 && spilled[spilled.Count - 1].Span.Contains(site.Span))
            {
                continue;
            }

            if (InBranchThatMightNotRun(site, statement))
            {
                reason = "it is in a branch that might not run (?:, &&, ||, ??, ?. or a switch arm)";
                return null;
            }

            spilled.Add(site);
        }

        // What stays in place and ran before the park sites must not be observable when it runs after them.
        foreach (ExpressionSyntax site in spilled)
        {
            foreach (SyntaxNode before in EvaluatedBefore(site, statement))
            {
                if (!IsFreeOfSideEffects(before, spilled, model, cancellationToken))
                {
                    reason = "'" + before.WithoutTrivia() + "' is evaluated before it and may have side effects";
                    return null;
                }
            }
        }

        return spilled;
    }

    /// <summary>True if a ref struct value is evaluated before <paramref name="parkSite"/> in its statement and would be live across its await.</summary>
    private static bool HoldsRefStructBefore(ExpressionSyntax parkSite, SemanticModel model, CancellationToken cancellationToken, out StatementSyntax? statement)
    {
        statement = null;
        bool holds = false;
        SyntaxNode child = parkSite;
        for (SyntaxNode? ancestor = parkSite.Parent; ancestor is not null; child = ancestor, ancestor = ancestor.Parent)
        {
            if (ancestor is StatementSyntax found)
            {
                statement = found;
                return holds;
            }

            if (ancestor is AnonymousFunctionExpressionSyntax)
            {
                return false;
            }

            if (ancestor is InterpolatedStringExpressionSyntax && model.GetTypeInfo(ancestor, cancellationToken).ConvertedType is { IsRefLikeType: true })
            {
                holds = true;
            }

            foreach (SyntaxNode sibling in ancestor.ChildNodes())
            {
                if (sibling == child)
                {
                    break;
                }

                holds |= KeepsRefStruct(ancestor, sibling, model, cancellationToken);
            }
        }

        return false;
    }

    /// <summary>
    /// True if <paramref name="operand"/>, evaluated before a park site, leaves a ref struct (or a
    /// reference into one) that <paramref name="consumer"/> uses after it: a ref struct value
    /// (<c>F(m.Span, …)</c>), the receiver of a call (<c>m.Span.Fill(…)</c>), or the element or
    /// field being assigned (<c>m.Span[0] = …</c>). A value read out of a span before the park
    /// (<c>m.Span[0] + …</c>) is a plain value.
    /// </summary>
    private static bool KeepsRefStruct(SyntaxNode consumer, SyntaxNode operand, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax? value = operand as ExpressionSyntax ?? (operand as ArgumentSyntax)?.Expression;
        if (value is not null and not TypeSyntax && model.GetTypeInfo(value, cancellationToken).Type is { IsRefLikeType: true })
        {
            return true;
        }

        bool keepsReceiver = (consumer is InvocationExpressionSyntax call && call.Expression == operand)
            || (consumer is AssignmentExpressionSyntax assignment && assignment.Left == operand);
        ExpressionSyntax? receiver = operand switch
        {
            MemberAccessExpressionSyntax member => member.Expression,
            ElementAccessExpressionSyntax element => element.Expression,
            _ => null,
        };
        return keepsReceiver && receiver is not null && model.GetTypeInfo(receiver, cancellationToken).Type is { IsRefLikeType: true };
    }

    /// <summary>The nodes evaluated before <paramref name="site"/> within <paramref name="statement"/>: its earlier siblings at every level.</summary>
    private static IEnumerable<SyntaxNode> EvaluatedBefore(SyntaxNode site, StatementSyntax statement)
    {
        SyntaxNode child = site;
        for (SyntaxNode? ancestor = site.Parent; ancestor is not null && ancestor != statement; child = ancestor, ancestor = ancestor.Parent)
        {
            foreach (SyntaxNode sibling in ancestor.ChildNodes())
            {
                if (sibling == child)
                {
                    break;
                }

                yield return sibling;
            }
        }
    }

    /// <summary>Expression, return, throw, if, switch, lock, using and foreach statements evaluate their expression once and can be wrapped in a block; the park site must be in that expression.</summary>
    private static bool RunsItsExpressionOnceWithoutDeclaring(StatementSyntax statement, SyntaxNode parkSite)
    {
        SyntaxNode? expression = statement switch
        {
            ExpressionStatementSyntax s => s.Expression,
            ReturnStatementSyntax s => s.Expression,
            ThrowStatementSyntax s => s.Expression,
            IfStatementSyntax s => s.Condition,
            SwitchStatementSyntax s => s.Expression,
            LockStatementSyntax s => s.Expression,
            UsingStatementSyntax s => s.Expression,
            CommonForEachStatementSyntax s => s.Expression,
            _ => null,
        };
        return expression is not null && expression.Span.Contains(parkSite.Span);
    }

    private static IEnumerable<ExpressionSyntax> ParkSitesOf(StatementSyntax statement, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parkingFunctions, CancellationToken cancellationToken) =>
        statement.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or StatementSyntax) || n == statement)
            .OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression is not MemberBindingExpressionSyntax
                && (ParkSites.Classify(call, model, known, cancellationToken) != ParkKind.None
                    || ParkingLocalFunctions.ParkingCallee(call, model, parkingFunctions, cancellationToken) is not null));

    private static bool InBranchThatMightNotRun(SyntaxNode site, StatementSyntax statement)
    {
        SyntaxNode child = site;
        for (SyntaxNode? ancestor = site.Parent; ancestor is not null && ancestor != statement; child = ancestor, ancestor = ancestor.Parent)
        {
            bool conditional = ancestor switch
            {
                ConditionalExpressionSyntax c => child != c.Condition,
                BinaryExpressionSyntax b => child == b.Right && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) || b.IsKind(SyntaxKind.CoalesceExpression)),
                AssignmentExpressionSyntax a => child == a.Right && a.IsKind(SyntaxKind.CoalesceAssignmentExpression),
                ConditionalAccessExpressionSyntax c => child == c.WhenNotNull,
                SwitchExpressionArmSyntax or IsPatternExpressionSyntax => true,
                _ => false,
            };
            if (conditional)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Locals, parameters, fields, literals, <c>this</c>, names of types and members, built-in
    /// operators and conversions, and the <c>Span</c>/<c>Length</c> accessors, indexers and
    /// <c>Slice</c>/<c>AsSpan</c>/<c>AsMemory</c> views of spans, memory, arrays and strings;
    /// park sites that are evaluated first anyway.
    /// </summary>
    private static bool IsFreeOfSideEffects(SyntaxNode node, List<ExpressionSyntax> spilled, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode part in node.DescendantNodesAndSelf(n => n is not ExpressionSyntax e || !spilled.Contains(e)))
        {
            if (part is ExpressionSyntax expression && spilled.Contains(expression))
            {
                continue;
            }

            bool pure = part switch
            {
                LiteralExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax or PredefinedTypeSyntax
                    or ParenthesizedExpressionSyntax or ArgumentSyntax or ArgumentListSyntax or BracketedArgumentListSyntax
                    or TypeArgumentListSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => true,
                ElementAccessExpressionSyntax access => IsSpanLike(model.GetTypeInfo(access.Expression, cancellationToken).Type),
                InvocationExpressionSyntax call => model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { Name: "Slice" or "AsSpan" or "AsMemory" } view
                    && (IsSpanLike(view.ContainingType) || view.ContainingType.ToDisplayString() == "System.MemoryExtensions"),
                BinaryExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression or (int)SyntaxKind.UnaryPlusExpression or (int)SyntaxKind.LogicalNotExpression or (int)SyntaxKind.BitwiseNotExpression }
                    => model.GetSymbolInfo(part, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.BuiltinOperator },
                CastExpressionSyntax cast => !model.GetConversion(cast.Expression, cancellationToken).IsUserDefined,
                MemberAccessExpressionSyntax or SimpleNameSyntax => model.GetSymbolInfo(part, cancellationToken).Symbol switch
                {
                    ILocalSymbol or IParameterSymbol or IFieldSymbol or INamedTypeSymbol or INamespaceSymbol or IMethodSymbol => true,
                    IPropertySymbol property => property.Name is "Span" or "Length" && IsSpanLike(property.ContainingType),
                    _ => false,
                },
                _ => false,
            };
            if (!pure)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSpanLike(ITypeSymbol? type) =>
        type is IArrayTypeSymbol or { SpecialType: SpecialType.System_String }
        || (type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System"
            && named.Name is "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory");
}
