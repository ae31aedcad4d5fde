using System.Collections.Generic;
using GoSharp.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>
/// GOSH009: a ref local or a local of a ref struct type in a [Goroutine] method that parks. The
/// generator skips the method (it runs the same <see cref="RefLocalRules"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH009RefLocalAcrossParkSiteAnalyzer : RuleAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH009";

    /// <summary>Creates the analyzer.</summary>
    public GOSH009RefLocalAcrossParkSiteAnalyzer()
        : base(DiagnosticDescriptors.RefLocalAcrossParkSite, RuleId.RefLocalAcrossParkSite)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, KnownSymbols known) =>
        start.RegisterSyntaxNodeAction(nodeContext => AnalyzeMethod(nodeContext, known), SyntaxKind.MethodDeclaration);

    private void AnalyzeMethod(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method
            || !known.IsGoroutine(method)
            || !SignatureRules.IsRewritable(method))
        {
            return;
        }

        var violations = new List<RuleViolation>();
        RefLocalRules.Check(body, context.SemanticModel, known, violations, context.CancellationToken);
        Report(violations, context.ReportDiagnostic);
    }
}
