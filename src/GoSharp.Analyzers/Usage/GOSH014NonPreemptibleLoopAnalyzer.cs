using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GoSharp.Analyzers.Analysis;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH014: a loop in a plain method that goroutine code calls (see <see cref="GoroutineCallers"/>).
/// Preemption is cooperative: only a twin's loops poll the preemption flag, so such a loop runs
/// to its end on the goroutine's thread, and the other goroutines of its P wait (sysmon can only
/// hand them to another thread after 20 ms). Loops with a small constant trip count, and loops
/// that call <c>Gosched</c>, a <c>[Goroutine]</c> method or a GoSharp blocking operation, are fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH014NonPreemptibleLoopAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH014";

    /// <summary>Diagnostic property set when the method can take <c>[Goroutine]</c> (partial type, supported signature).</summary>
    public const string CanBeGoroutineProperty = "CanBeGoroutine";

    /// <summary>Loops of at most this many iterations of a constant range are short enough.</summary>
    private const long SmallTripCount = 1000;

    /// <summary>Creates the analyzer.</summary>
    public GOSH014NonPreemptibleLoopAnalyzer()
        : base(DiagnosticDescriptors.NonPreemptibleLoop)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines)
    {
        // One cache of answers per compilation; each answer is searched for when a loop needs it.
        var callers = new GoroutineCallers(start.Compilation, goroutines);
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, goroutines, callers),
            SyntaxKind.ForStatement, SyntaxKind.WhileStatement, SyntaxKind.DoStatement, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement);
    }

    /// <summary>Cheapest test first: the enclosing method, the loop's shape, the callers (cached per method), the loop's calls.</summary>
    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines, GoroutineCallers callers)
    {
        var loop = (StatementSyntax)context.Node;
        SemanticModel model = context.SemanticModel;
        if (Functions.Enclosing(loop) is not MethodDeclarationSyntax declaration
            || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method
            || goroutines.Known.IsGoroutine(method)
            || IsShort(loop, model)
            || !callers.IsReached(method, context.CancellationToken, out string from)
            || Yields(loop, model, goroutines, context.CancellationToken))
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = SignatureRules.IsRewritable(method)
            ? ImmutableDictionary<string, string?>.Empty.Add(CanBeGoroutineProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Descriptor, loop.GetFirstToken().GetLocation(), properties, method.Name, from));
    }

    /// <summary><c>for (int i = a; i &lt; b; i++)</c> with constant <c>a</c>, <c>b</c> close together, or <c>foreach</c> over a short literal.</summary>
    private static bool IsShort(StatementSyntax loop, SemanticModel model)
    {
        switch (loop)
        {
            case ForStatementSyntax { Declaration.Variables: { Count: 1 } variables, Condition: BinaryExpressionSyntax condition }
                when variables[0].Initializer is { } start
                    && (condition.IsKind(SyntaxKind.LessThanExpression) || condition.IsKind(SyntaxKind.LessThanOrEqualExpression)):
                return model.GetConstantValue(start.Value).Value is int first
                    && model.GetConstantValue(condition.Right).Value is int last
                    && (long)last - first <= SmallTripCount;
            case ForEachStatementSyntax { Expression: var items }:
                return items switch
                {
                    ArrayCreationExpressionSyntax { Initializer.Expressions.Count: <= (int)SmallTripCount } => true,
                    ImplicitArrayCreationExpressionSyntax { Initializer.Expressions.Count: <= (int)SmallTripCount } => true,
                    CollectionExpressionSyntax { Elements.Count: <= (int)SmallTripCount } => true,
                    LiteralExpressionSyntax { Token.ValueText.Length: <= (int)SmallTripCount } literal => literal.IsKind(SyntaxKind.StringLiteralExpression),
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>True if the loop calls something that yields or parks: Gosched, a [Goroutine] method, a GoSharp blocking operation.</summary>
    private static bool Yields(StatementSyntax loop, SemanticModel model, GoroutineCode goroutines, CancellationToken cancellationToken) =>
        loop.DescendantNodes(n => !Functions.IsNested(n)).Any(node => node switch
        {
            AwaitExpressionSyntax => true,
            CommonForEachStatementSyntax forEach => ParkSites.IsAwaitableForEach(forEach, model, goroutines.Known),
            InvocationExpressionSyntax call => model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
                && ((method.ReducedFrom ?? method).OriginalDefinition is var definition)
                && (goroutines.Known.AwaitableFormOf(definition) is not null || goroutines.Known.IsGoroutine(definition)),
            _ => false,
        });
}
