using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Runs a loop with no park site as plain synchronous code (DESIGN.md §3). In an async twin a
/// loop's locals live in the state machine and a tight loop keeps only ~60% of its speed; moved
/// into a synchronous local function they are registers again, and the loop polls the
/// goroutine's <c>PreemptionFlag</c> at each back-edge, returning to the twin only to yield:
/// <code>
/// for (int i = 0; i &lt; n; i++) { sum += i; }
/// // twin, on the loop's lines:
/// { int i = 0; while (__goLoop0(ref i, ref sum, n, __goPreempt0)) await Preemption.Checkpoint(); }
/// // local function at the end of the twin's body, #line-mapped to the loop's lines:
/// bool __goLoop0(ref int __goRef_i, ref long __goRef_sum, int n, PreemptionFlag __goFlag)
/// { var i = __goRef_i; var sum = __goRef_sum; bool __goYield = false;
///   for (; (!__goFlag.IsRequested || !(__goYield = true)) &amp;&amp; (i &lt; n); i++) { sum += i; }
///   __goRef_i = i; __goRef_sum = sum; return __goYield; }
/// </code>
/// The flag is tested before the condition (as a branch: <c>__goYield</c> is only set on the way
/// out), so a yield leaves after the incrementors and
/// re-entry continues with the condition, as the loop would; <c>break</c> leaves with
/// <c>__goYield</c> false and <c>continue</c> goes through the test. Variables the loop writes are
/// copied in and out (<c>ref</c>), those it only reads are passed by value; inside a <c>try</c> the
/// copy-out is in a <c>finally</c>, so a handler sees what the loop wrote before it threw.
/// </summary>
/// <remarks>
/// Only <c>for</c> and <c>while</c> loops qualify, and only when everything about them is plain
/// (see <see cref="Refusal"/>): no nested loop, no <c>return</c>/<c>goto</c>/<c>yield</c>/<c>await</c>, no
/// call that parks, no lambda, local function or query, no <c>checked</c>/<c>unchecked</c>
/// context around it, no directive inside it, and every variable it uses is an ordinary local or
/// by-value parameter of a nameable, non-ref-like type that no lambda captures. Anything else
/// keeps the in-place checkpoint (<c>if (flag.IsRequested) await Checkpoint();</c>).
/// </remarks>
internal sealed class LoopOutliner
{
    private const string HelperPrefix = "__goLoop";
    private const string RefPrefix = "__goRef_";
    private const string CheckpointStatement = "await global::GoSharp.CompilerServices.Preemption.Checkpoint();";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly SyntaxNode _methodBody;
    private readonly CancellationToken _cancellationToken;
    private ImmutableArray<ISymbol>? _captured;

    public LoopOutliner(SemanticModel model, KnownSymbols known, SyntaxNode methodBody, CancellationToken cancellationToken)
    {
        _model = model;
        _known = known;
        _methodBody = methodBody;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The local functions to append to the twin's body, each with the 1-based user line it starts on.</summary>
    public List<(int Line, string Text)> Helpers { get; } = new();

    /// <summary>
    /// If <paramref name="loop"/> (an original node) can be outlined, records its helper and
    /// returns the statement that replaces it in the twin (same number of lines); otherwise null.
    /// </summary>
    /// <param name="loop">The user's loop.</param>
    /// <param name="flag">The twin's <c>PreemptionFlag</c> variable.</param>
    public StatementSyntax? TryOutline(StatementSyntax loop, string flag)
    {
        if (Refusal(loop) is not null)
        {
            return null;
        }

        DataFlowAnalysis flow = _model.AnalyzeDataFlow(loop)!;
        if (!flow.Succeeded)
        {
            return null;
        }

        // Variables the loop's own header declares (for (int i = 0; ...)): they stay in the twin.
        var headerVariables = new List<ILocalSymbol>();
        string headerStatements = "";
        if (loop is ForStatementSyntax forLoop)
        {
            if (forLoop.Declaration is VariableDeclarationSyntax declaration)
            {
                foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
                {
                    if (declarator.Initializer is null || _model.GetDeclaredSymbol(declarator, _cancellationToken) is not ILocalSymbol local)
                    {
                        return null;
                    }

                    headerVariables.Add(local);
                }

                headerStatements = declaration.WithoutTrivia().ToString() + "; ";
            }

            headerStatements += string.Concat(forLoop.Initializers.Select(e => e.WithoutTrivia().ToString() + "; "));
            if (headerStatements.IndexOf('\n') >= 0)
            {
                return null;
            }
        }

        var written = new HashSet<ISymbol>(flow.WrittenInside, SymbolEqualityComparer.Default);
        var assigned = new HashSet<ISymbol>(flow.DefinitelyAssignedOnEntry, SymbolEqualityComparer.Default);
        var declaredInside = new HashSet<ISymbol>(flow.VariablesDeclared, SymbolEqualityComparer.Default);
        declaredInside.ExceptWith(headerVariables);
        var parameters = new List<(ISymbol Symbol, bool ByRef)>();
        foreach (ISymbol symbol in flow.ReadInside.Concat(flow.WrittenInside).Concat(headerVariables).Distinct(SymbolEqualityComparer.Default))
        {
            if (declaredInside.Contains(symbol) || symbol is IParameterSymbol { IsThis: true })
            {
                continue;
            }

            bool isHeader = headerVariables.Contains(symbol, SymbolEqualityComparer.Default);
            bool byRef = isHeader || written.Contains(symbol);
            if (!CanPass(symbol) || (byRef && !isHeader && !assigned.Contains(symbol)))
            {
                return null;
            }

            parameters.Add((symbol, byRef));
        }

        string name = HelperPrefix + Helpers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string indentation = string.Concat(loop.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToFullString()));
        Helpers.Add((LineOf(loop), indentation + Helper(loop, name, parameters, NeedsCopyOutOnThrow(loop))));

        string call = name + "(" + string.Concat(parameters.Select(p => (p.ByRef ? "ref " : "") + Identifier(p.Symbol) + ", ")) + flag + ")";

        // A loop that never ends but by throwing (while (true) without break) stays one for the
        // compiler's reachability analysis: the helper then only ever returns to yield.
        string replacement = _model.AnalyzeControlFlow(loop)?.EndPointIsReachable == false
            ? "while (true) { " + call + "; " + CheckpointStatement + " }"
            : "while (" + call + ") " + CheckpointStatement;
        if (headerStatements.Length > 0)
        {
            replacement = "{ " + headerStatements + replacement + " }";
        }

        int lineBreaks = loop.ToString().Count(c => c == '\n');
        var trailing = Enumerable.Repeat(EndOfLine("\n"), lineBreaks).Concat(loop.GetTrailingTrivia());
        return ParseStatement(replacement).WithLeadingTrivia(loop.GetLeadingTrivia()).WithTrailingTrivia(trailing);
    }

    /// <summary>Why <paramref name="loop"/> keeps the in-place checkpoint, or null if it can be outlined.</summary>
    public string? Refusal(StatementSyntax loop)
    {
        if (loop is not (ForStatementSyntax or WhileStatementSyntax))
        {
            return "only for and while loops are outlined";
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
                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return "a nested loop";
                case GotoStatementSyntax or ReturnStatementSyntax or YieldStatementSyntax or LabeledStatementSyntax:
                    return "a jump out of the loop";
                case AwaitExpressionSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax:
                    return "an await, lambda, local function or query";
                case LockStatementSyntax or UnsafeStatementSyntax or FixedStatementSyntax or StackAllocArrayCreationExpressionSyntax
                    or ImplicitStackAllocArrayCreationExpressionSyntax or CheckedStatementSyntax:
                    return "lock, unsafe, fixed, stackalloc or checked inside the loop";
                case RefExpressionSyntax or RefTypeSyntax:
                    return "a ref local";
                case InvocationExpressionSyntax call when ParkSites.Classify(call, _model, _known, _cancellationToken) != ParkKind.None:
                    return "a park site";
            }
        }

        return null;
    }

    /// <summary>An ordinary local or by-value parameter of a nameable type that no nested function captures.</summary>
    private bool CanPass(ISymbol symbol)
    {
        ITypeSymbol? type = symbol switch
        {
            ILocalSymbol { IsRef: false, IsConst: false } local => local.Type,
            IParameterSymbol { RefKind: RefKind.None } parameter => parameter.Type,
            _ => null,
        };
        if (type is null || type.IsRefLikeType || !IsNameable(type))
        {
            return false;
        }

        _captured ??= _model.AnalyzeDataFlow(_methodBody)?.Captured ?? ImmutableArray<ISymbol>.Empty;
        return !_captured.Value.Contains(symbol, SymbolEqualityComparer.Default);
    }

    private static bool IsNameable(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol => false,
        IArrayTypeSymbol array => IsNameable(array.ElementType),
        INamedTypeSymbol named => !named.IsAnonymousType && named.TypeArguments.All(IsNameable)
            && (named.ContainingType is null || IsNameable(named.ContainingType)),
        _ => true,
    };

    /// <summary>Inside a <c>try</c>, a handler or <c>finally</c> may read what the loop wrote before throwing.</summary>
    private bool NeedsCopyOutOnThrow(StatementSyntax loop) =>
        loop.Ancestors().TakeWhile(a => a != _methodBody).Any(a => a is TryStatementSyntax);

    private int LineOf(SyntaxNode node) =>
        node.SyntaxTree.GetLineSpan(node.Span, _cancellationToken).StartLinePosition.Line + 1;

    /// <summary>The helper's text: its first line is the loop's first line, and it keeps every line break of the loop.</summary>
    private static string Helper(StatementSyntax loop, string name, List<(ISymbol Symbol, bool ByRef)> parameters, bool copyOutOnThrow)
    {
        var text = new StringBuilder();
        text.Append("bool ").Append(name).Append('(');
        foreach ((ISymbol symbol, bool byRef) in parameters)
        {
            string type = TypeOf(symbol).ToDisplayString(TypeFormat);
            text.Append(byRef ? "ref " + type + " " + RefPrefix + symbol.Name : type + " " + Identifier(symbol)).Append(", ");
        }

        text.Append("global::GoSharp.CompilerServices.PreemptionFlag __goFlag) { ");
        foreach ((ISymbol symbol, _) in parameters.Where(p => p.ByRef))
        {
            text.Append("var ").Append(Identifier(symbol)).Append(" = ").Append(RefPrefix).Append(symbol.Name).Append("; ");
        }

        text.Append("bool __goYield = false; ");
        if (copyOutOnThrow)
        {
            text.Append("try { ");
        }

        text.Append(PollingLoop(loop).WithoutTrivia().ToFullString()).Append(' ');
        if (copyOutOnThrow)
        {
            text.Append("} finally { ");
        }

        foreach ((ISymbol symbol, _) in parameters.Where(p => p.ByRef))
        {
            text.Append(RefPrefix).Append(symbol.Name).Append(" = ").Append(Identifier(symbol)).Append("; ");
        }

        if (copyOutOnThrow)
        {
            text.Append("} ");
        }

        text.Append("return __goYield; }");
        return text.ToString();
    }

    /// <summary>The loop without its header declarations, its condition preceded by the flag test.</summary>
    private static StatementSyntax PollingLoop(StatementSyntax loop)
    {
        ExpressionSyntax poll = ParseExpression("(!__goFlag.IsRequested || !(__goYield = true))");
        ExpressionSyntax Guard(ExpressionSyntax? condition) => condition is null
            ? poll.WithLeadingTrivia(Space)
            : BinaryExpression(
                    SyntaxKind.LogicalAndExpression,
                    poll,
                    Token(SyntaxKind.AmpersandAmpersandToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                    ParenthesizedExpression(condition.WithoutTrivia()))
                .WithTriviaFrom(condition);

        return loop switch
        {
            ForStatementSyntax f => f
                .WithDeclaration(null)
                .WithInitializers(default)
                .WithCondition(Guard(f.Condition)),
            WhileStatementSyntax w => w.WithCondition(Guard(w.Condition)),
            _ => loop,
        };
    }

    private static ITypeSymbol TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => throw new System.ArgumentException("not a variable", nameof(symbol)),
    };

    /// <summary>The variable's name as an identifier (<c>@class</c> for a keyword).</summary>
    private static string Identifier(ISymbol symbol) =>
        SyntaxFacts.GetKeywordKind(symbol.Name) != SyntaxKind.None ? "@" + symbol.Name : symbol.Name;
}
