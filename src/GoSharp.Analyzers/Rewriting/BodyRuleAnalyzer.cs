using System.Collections.Generic;
using GoSharp.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>
/// Base of the rules on a <c>[Goroutine]</c> method's body: operations the twin leaves blocking.
/// They walk the body with the generator's own <see cref="BodyRules"/>.
/// </summary>
public abstract class BodyRuleAnalyzer : RuleAnalyzer
{
    private protected BodyRuleAnalyzer(DiagnosticDescriptor descriptor, RuleId rule)
        : base(descriptor, rule)
    {
    }

    private protected sealed override void Register(CompilationStartAnalysisContext start, KnownSymbols known) =>
        start.RegisterSyntaxNodeAction(nodeContext => AnalyzeMethod(nodeContext, known), SyntaxKind.MethodDeclaration);

    private void AnalyzeMethod(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
        if (body is null
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method
            || !known.IsGoroutine(method)
            || !SignatureRules.IsRewritable(method)
            || RefLocalRules.HasViolation(body, context.SemanticModel, known, context.CancellationToken))
        {
            // No twin (GOSH001–005, GOSH008, GOSH009): nothing is left blocking inside a twin.
            return;
        }

        var violations = new List<RuleViolation>();
        BodyRules.Check(body, context.SemanticModel, known, violations, context.CancellationToken);
        Report(violations, context.ReportDiagnostic);
    }
}
