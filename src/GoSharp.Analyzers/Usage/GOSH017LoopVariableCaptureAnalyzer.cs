using System.Collections.Generic;
using System.Linq;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH017: a block lambda that starts a goroutine and reads a variable declared by an enclosing
/// <c>for</c> loop. C#'s <c>for</c> has one variable for all iterations (Go has had one per
/// iteration since 1.22), so the goroutine sees whatever value the loop has reached when it runs.
/// <c>go(() =&gt; F(i))</c> is fine: a go statement's call arguments are evaluated at the
/// <c>go</c>, as in Go; and <c>foreach</c> variables are per iteration in C#.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH017LoopVariableCaptureAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH017";

    /// <summary>Creates the analyzer.</summary>
    public GOSH017LoopVariableCaptureAnalyzer()
        : base(DiagnosticDescriptors.LoopVariableCapture)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(
            context => Analyze(context, goroutines),
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);

    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var lambda = (AnonymousFunctionExpressionSyntax)context.Node;
        if (lambda.Block is null || !InsideForBody(lambda)
            || goroutines.NewGoroutineStartOf(lambda, context.SemanticModel, context.CancellationToken) is null)
        {
            return;
        }

        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IdentifierNameSyntax name in lambda.Block.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol is ILocalSymbol local
                && LoopDeclaring(local, context.CancellationToken) is ForStatementSyntax loop
                && loop.Statement.Span.Contains(lambda.Span)
                && reported.Add(local))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, name.GetLocation(), local.Name));
            }
        }
    }

    private static bool InsideForBody(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            if (ancestor is ForStatementSyntax)
            {
                return true;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The <c>for</c> statement whose declaration declares <paramref name="local"/>, if any.</summary>
    internal static ForStatementSyntax? LoopDeclaring(ILocalSymbol local, System.Threading.CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1
        && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax loop } }
            ? loop
            : null;
}
