using System.Linq;
using System.Threading;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH018 (Go vet's <c>lostcancel</c>): the cancel function of <c>Context.WithCancel</c>,
/// <c>WithTimeout</c>, <c>WithDeadline</c> (and their <c>Cause</c> forms), deconstructed into a
/// local, is discarded, never used, or only called after a <c>return</c> that skips it. The
/// context, its goroutine-visible <c>Done</c> channel and its timer then live until the parent is
/// canceled. A cancel that is deferred, passed on, stored or returned is someone else's to call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH018LostCancelAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH018";

    private const string ContextType = "GoSharp.Context";

    /// <summary>Creates the analyzer.</summary>
    public GOSH018LostCancelAnalyzer()
        : base(DiagnosticDescriptors.LostCancel)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(Analyze, SyntaxKind.SimpleAssignmentExpression);

    private void Analyze(SyntaxNodeAnalysisContext context)
    {
        var assignment = (AssignmentExpressionSyntax)context.Node;
        if (assignment.Right is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } } call
            || !name.StartsWith("With", System.StringComparison.Ordinal)
            || CancelDesignation(assignment.Left) is not SyntaxNode cancel
            || context.SemanticModel.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol method
            || method.ContainingType.ToDisplayString() != ContextType
            || method.ReturnType is not INamedTypeSymbol { IsTupleType: true, TupleElements.Length: 2 } tuple
            || tuple.TupleElements[1].Name != "Cancel")
        {
            return;
        }

        string what = "Context." + method.Name;
        string? problem = cancel is DiscardDesignationSyntax or IdentifierNameSyntax { Identifier.ValueText: "_" }
            ? "discarded"
            : Problem(cancel, assignment, context.SemanticModel, context.CancellationToken);
        if (problem is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, cancel.GetLocation(), what, problem));
        }
    }

    /// <summary>The second element of <c>var (ctx, cancel) = ...</c> or <c>(ctx, cancel) = ...</c>.</summary>
    internal static SyntaxNode? CancelDesignation(ExpressionSyntax left) => left switch
    {
        DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax { Variables.Count: 2 } designation } => designation.Variables[1],
        TupleExpressionSyntax { Arguments.Count: 2 } tuple => tuple.Arguments[1].Expression switch
        {
            DeclarationExpressionSyntax declaration => declaration.Designation,
            var expression => expression,
        },
        _ => null,
    };

    private static string? Problem(SyntaxNode cancel, AssignmentExpressionSyntax assignment, SemanticModel model, CancellationToken cancellationToken)
    {
        ISymbol? variable = cancel is SingleVariableDesignationSyntax designation
            ? model.GetDeclaredSymbol(designation, cancellationToken)
            : model.GetSymbolInfo(cancel, cancellationToken).Symbol;
        if (variable is not ILocalSymbol || Functions.Enclosing(assignment) is not SyntaxNode function || Functions.BodyOf(function) is not SyntaxNode body)
        {
            return null;
        }

        var uses = body.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(n => n.Identifier.ValueText == variable.Name && n.SpanStart > assignment.Span.End
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, variable))
            .ToList();
        if (uses.Count == 0)
        {
            return "never called";
        }

        if (uses.Any(use => use.Parent is not InvocationExpressionSyntax))
        {
            // Deferred, passed on, stored or returned: called elsewhere.
            return null;
        }

        int firstCall = uses.Min(use => use.SpanStart);
        ReturnStatementSyntax? early = Functions.OwnNodes(function).OfType<ReturnStatementSyntax>()
            .FirstOrDefault(r => r.SpanStart > assignment.Span.End && r.SpanStart < firstCall);
        return early is null
            ? null
            : "not called on the path that returns on line " + (early.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
    }
}
