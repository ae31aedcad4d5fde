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
/// GOSH011: <c>go(...)</c> in <c>Main</c>, or in the lambda given to <c>Go.Run</c>, with nothing
/// after it that could wait for the goroutine: the program ends when the entry code returns, and
/// takes its goroutines with it (scheduler threads are background threads, as in Go). Anything
/// after the <c>go</c> that may block counts as waiting: a GoSharp blocking operation, a
/// <c>foreach</c> over a channel, a call to a method of this compilation, an <c>await</c>, a
/// thread-blocking call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH011EntryExitsFirstAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH011";

    /// <summary>Creates the analyzer.</summary>
    public GOSH011EntryExitsFirstAnalyzer()
        : base(DiagnosticDescriptors.EntryExitsFirst)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines)
    {
        start.RegisterSyntaxNodeAction(context => AnalyzeMain(context, goroutines), SyntaxKind.MethodDeclaration);
        start.RegisterSyntaxNodeAction(
            context => AnalyzeRunLambda(context, goroutines),
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
    }

    private void AnalyzeMain(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var method = (MethodDeclarationSyntax)context.Node;
        if (method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            Analyze(context, method, "'Main'", goroutines);
        }
    }

    private void AnalyzeRunLambda(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var lambda = (AnonymousFunctionExpressionSyntax)context.Node;
        if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax run } }
            && run.Expression is IdentifierNameSyntax { Identifier.ValueText: "Run" or "RunAsync" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "RunAsync" }
            && context.SemanticModel.GetSymbolInfo(run, context.CancellationToken).Symbol is IMethodSymbol { Name: "Run" or "RunAsync" } method
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, goroutines.Known.Go))
        {
            Analyze(context, lambda, "The lambda given to 'Go." + method.Name + "'", goroutines);
        }
    }

    /// <param name="entry">The entry code as the message's subject: <c>'Main'</c>, or <c>The lambda given to 'Go.Run'</c>.</param>
    private void Analyze(SyntaxNodeAnalysisContext context, SyntaxNode function, string entry, GoroutineCode goroutines)
    {
        SemanticModel model = context.SemanticModel;
        CancellationToken cancellationToken = context.CancellationToken;
        InvocationExpressionSyntax? firstGo = Functions.OwnNodes(function).OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(call => IsGo(call, model, goroutines, cancellationToken));
        if (firstGo is null)
        {
            return;
        }

        bool waits = Functions.OwnNodes(function).Any(node => node.SpanStart > firstGo.Span.End && MayWait(node, model, goroutines, cancellationToken));
        if (!waits)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, firstGo.Expression.GetLocation(), entry));
        }
    }

    private static bool IsGo(InvocationExpressionSyntax call, SemanticModel model, GoroutineCode goroutines, CancellationToken cancellationToken) =>
        call.Expression is IdentifierNameSyntax { Identifier.ValueText: "go" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "go" }
        && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
        && goroutines.Known.IsGoStatement(method);

    private static bool MayWait(SyntaxNode node, SemanticModel model, GoroutineCode goroutines, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case AwaitExpressionSyntax:
                return true;
            case CommonForEachStatementSyntax forEach:
                return ParkSites.IsAwaitableForEach(forEach, model, goroutines.Known);
            case InvocationExpressionSyntax call:
                if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
                {
                    return true;
                }

                IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
                return definition.DeclaringSyntaxReferences.Length > 0
                    || goroutines.Known.AwaitableFormOf(definition) is not null
                    || (definition.Name is "Run" && SymbolEqualityComparer.Default.Equals(definition.ContainingType, goroutines.Known.Go))
                    || definition.Name is "Sleep" or "Wait" or "WaitAll" or "WaitAny" or "Join" or "ReadLine" or "ReadKey" or "Read" or "GetResult" or "WaitOne";
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" }:
                return true;
            default:
                return false;
        }
    }
}
