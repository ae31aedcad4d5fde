using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Rewriting.Loops;

/// <summary>
/// Decides whether a loop's shape lets it run in a synchronous helper (see docs/generator.md,
/// "Loop outlining", for the rule), and says why not when it does not: the reason is kept
/// (<see cref="LoopOutliner.Refusals"/>) so tests and readers can see which rule kept a loop in
/// the state machine. What the loop's variables allow is decided by <see cref="LoopDataFlow"/>.
/// </summary>
internal sealed class OutliningRules
{
    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly SyntaxNode _methodBody;
    private readonly HashSet<SyntaxNode> _parkingFunctions;
    private readonly CancellationToken _cancellationToken;

    public OutliningRules(SemanticModel model, KnownSymbols known, SyntaxNode methodBody, HashSet<SyntaxNode> parkingFunctions, CancellationToken cancellationToken)
    {
        _model = model;
        _known = known;
        _methodBody = methodBody;
        _parkingFunctions = parkingFunctions;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Why <paramref name="loop"/> keeps the in-place checkpoint, or null if its shape can be
    /// outlined; <paramref name="nest"/> is the two-level nest it heads, when it heads one whose
    /// inner loop can end (after it, the helper goes on with the outer body).
    /// </summary>
    public string? Refusal(StatementSyntax loop, out LoopNest? nest)
    {
        nest = LoopNest.Of(loop);
        if (nest is not null && _model.AnalyzeControlFlow(nest.Inner)?.EndPointIsReachable != true)
        {
            nest = null;
        }

        return Refusal(loop, nest?.Inner);
    }

    /// <summary>A <c>foreach</c> over a one-dimensional array or a string, which the compiler runs by index.</summary>
    public bool IsIndexable(StatementSyntax loop) =>
        loop is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None } forEach
        && _model.GetTypeInfo(forEach.Expression, _cancellationToken).Type is ITypeSymbol type
        && type is IArrayTypeSymbol { Rank: 1 } or { SpecialType: SpecialType.System_String }
        && TypeNames.IsNameable(type);

    /// <param name="loop">The user's loop.</param>
    /// <param name="nestedLoop">The inner loop of the nest <paramref name="loop"/> heads, the one nested loop allowed, or null.</param>
    private string? Refusal(StatementSyntax loop, StatementSyntax? nestedLoop)
    {
        // The for header's declarations and initializers and a foreach's collection run in the
        // twin: a variable they declare in passing (out var, deconstruction, pattern) would not
        // reach the helper.
        IEnumerable<SyntaxNode> inTwin = loop switch
        {
            ForStatementSyntax f => f.Initializers.Concat(new SyntaxNode?[] { f.Declaration }.OfType<SyntaxNode>()),
            CommonForEachStatementSyntax e => new[] { e.Expression },
            _ => Enumerable.Empty<SyntaxNode>(),
        };
        if (inTwin.Any(n => n.DescendantNodesAndSelf().Any(d => d is DeclarationExpressionSyntax or DeclarationPatternSyntax or VarPatternSyntax or RecursivePatternSyntax or SingleVariableDesignationSyntax)))
        {
            return "a variable declared in the loop's header expressions";
        }

        if (loop is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax) && !IsIndexable(loop))
        {
            return "only for, while and do loops and foreach over an array or string are outlined";
        }

        if (loop.ContainsDirectives)
        {
            return "a directive inside the loop";
        }

        foreach (SyntaxNode ancestor in loop.Ancestors())
        {
            if (ancestor == _methodBody)
            {
                break;
            }

            if (ancestor is CheckedStatementSyntax or CheckedExpressionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return "inside a checked/unchecked context or a nested function";
            }
        }

        foreach (SyntaxNode node in loop.DescendantNodes())
        {
            switch (node)
            {
                case ForStatementSyntax or WhileStatementSyntax when node == nestedLoop:
                    break;
                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return "a nested loop";
                case GotoStatementSyntax or ReturnStatementSyntax or YieldStatementSyntax or LabeledStatementSyntax:
                    return "a jump out of the loop";
                case ThrowStatementSyntax { Expression: null }:
                    return "a rethrow (throw;), which must stay in its catch block";
                case SimpleNameSyntax name when _model.GetSymbolInfo(name, _cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } function
                    && function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken).Parent != _methodBody:
                    return "a local function declared in a nested block, out of the helper's scope";
                case AwaitExpressionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax:
                    return "an await, lambda, local function or query";
                case LockStatementSyntax or UnsafeStatementSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax
                    or ImplicitStackAllocArrayCreationExpressionSyntax or CheckedStatementSyntax:
                    return "lock, unsafe, fixed, stackalloc or checked inside the loop";
                case RefExpressionSyntax or RefTypeSyntax:
                    return "a ref local";
                case InvocationExpressionSyntax call when ParkSites.Classify(call, _model, _known, _cancellationToken) != ParkKind.None
                    || ParkingLocalFunctions.ParkingCallee(call, _model, _parkingFunctions, _cancellationToken) is not null:
                    return "a park site";
            }
        }

        return null;
    }
}
