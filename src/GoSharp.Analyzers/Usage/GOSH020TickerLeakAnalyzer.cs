using System.Linq;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH020 (staticcheck SA1015): <c>Go.Tick(d)</c> starts a ticker nobody can stop. That is fine
/// where the ticker lives as long as the program (<c>Main</c>, or a function that never returns),
/// and a leak anywhere else: in a loop (one ticker per iteration) or in a function that returns.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH020TickerLeakAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH020";

    /// <summary>Creates the analyzer.</summary>
    public GOSH020TickerLeakAnalyzer()
        : base(DiagnosticDescriptors.TickerLeak)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(context => Analyze(context, goroutines), SyntaxKind.InvocationExpression);

    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var call = (InvocationExpressionSyntax)context.Node;
        if (call.Expression is not (IdentifierNameSyntax { Identifier.ValueText: "Tick" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Tick" })
            || context.SemanticModel.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol method
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, goroutines.Known.Go)
            || Functions.Enclosing(call) is not SyntaxNode function)
        {
            return;
        }

        string? problem = Functions.EnclosingLoop(call) is not null
            ? "it is called in a loop, so every iteration leaks one"
            : Returns(function, context.SemanticModel) ? "this function returns, leaving it running" : null;
        if (problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, call.GetLocation(), problem));
        }
    }

    /// <summary>False for <c>Main</c> and for a block body that neither returns nor reaches its end.</summary>
    private static bool Returns(SyntaxNode function, SemanticModel model)
    {
        if (function is MethodDeclarationSyntax { Identifier.ValueText: "Main" } main && main.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return false;
        }

        if (Functions.BodyOf(function) is not BlockSyntax block)
        {
            return true;
        }

        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(block);
        return flow is null || !flow.Succeeded || flow.EndPointIsReachable || flow.ReturnStatements.Length > 0;
    }
}
