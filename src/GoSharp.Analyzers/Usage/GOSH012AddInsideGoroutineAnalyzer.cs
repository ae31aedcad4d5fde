using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH012 (Go vet's <c>waitgroup</c>, staticcheck SA2000): <c>wg.Add</c> as the first statement
/// of the goroutine it counts. The goroutine may not have run when the spawner reaches
/// <c>wg.Wait()</c>, which then returns early. Only the first statement is flagged, as vet does:
/// an <c>Add</c> later in the body usually counts further goroutines that this one starts. Not
/// flagged in a goroutine the same group's <c>wg.Go</c> starts: that has counted it already.
/// A <c>wg.Go(...)</c> first in the goroutine counts there too (it calls <c>Add</c>) and is flagged
/// the same way, without a fix: moving it out would start its goroutine earlier.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH012AddInsideGoroutineAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH012";

    /// <summary>Creates the analyzer.</summary>
    public GOSH012AddInsideGoroutineAnalyzer()
        : base(DiagnosticDescriptors.AddInsideGoroutine)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, goroutines),
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);

    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var lambda = (AnonymousFunctionExpressionSyntax)context.Node;
        if (lambda.Block is not { Statements.Count: > 0 } block
            || block.Statements[0] is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax add }
            || SyncCalls.Receiver(add, SyncCalls.WaitGroup, context.SemanticModel, context.CancellationToken, "Add", "Go") is not ISymbol waitGroup
            || IsDeclaredInside(waitGroup, lambda)
            || goroutines.NewGoroutineStartOf(lambda, context.SemanticModel, context.CancellationToken) is not InvocationExpressionSyntax start
            || StartedByGroupGo(start, waitGroup, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        string call = waitGroup.Name + "." + ((MemberAccessExpressionSyntax)add.Expression).Name.Identifier.ValueText;
        context.ReportDiagnostic(Diagnostic.Create(Descriptor, add.GetLocation(), call, waitGroup.Name));
    }

    /// <summary>
    /// <c>wg.Go(() =&gt; { wg.Add(1); ... })</c>: <c>wg.Go</c> has counted the goroutine before it
    /// starts, so the counter cannot reach zero before this Add.
    /// </summary>
    private static bool StartedByGroupGo(InvocationExpressionSyntax start, ISymbol waitGroup, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        SymbolEqualityComparer.Default.Equals(SyncCalls.Receiver(start, SyncCalls.WaitGroup, model, cancellationToken, "Go"), waitGroup);

    /// <summary>A WaitGroup the goroutine makes itself is not the spawner's to wait for.</summary>
    private static bool IsDeclaredInside(ISymbol symbol, SyntaxNode lambda) =>
        symbol is ILocalSymbol or IParameterSymbol
        && symbol.DeclaringSyntaxReferences.Length > 0
        && lambda.Span.Contains(symbol.DeclaringSyntaxReferences[0].Span);
}
