using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>
/// Base of the rules on a <c>[Goroutine]</c> method's declaration. They run the generator's own
/// <see cref="SignatureRules"/>, so the analyzers flag exactly the methods the generator skips.
/// </summary>
public abstract class SignatureRuleAnalyzer : RuleAnalyzer
{
    private protected SignatureRuleAnalyzer(DiagnosticDescriptor descriptor, RuleId rule)
        : base(descriptor, rule)
    {
    }

    private protected sealed override void Register(CompilationStartAnalysisContext start, KnownSymbols known)
    {
        start.RegisterSymbolAction(symbolContext => AnalyzeMethod(symbolContext, known), SymbolKind.Method);
        if (Rule == RuleId.UnsupportedMember)
        {
            // Local functions are not symbols that symbol actions see.
            start.RegisterSyntaxNodeAction(nodeContext => AnalyzeLocalFunction(nodeContext, known), SyntaxKind.LocalFunctionStatement);
        }
    }

    private void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken) is IMethodSymbol method && known.IsGoroutine(method))
        {
            Report(((LocalFunctionStatementSyntax)context.Node).Identifier.GetLocation(), SignatureRules.LocalFunctionKind(context.Node), context.ReportDiagnostic);
        }
    }

    private void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!known.IsGoroutine(method))
        {
            return;
        }

        Report(SignatureRules.ViolationsOf(method), context.ReportDiagnostic);
    }
}
