using System.Collections.Generic;
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
/// local, is discarded, never used, or not called on some path: one that leaves the function, or
/// one that goes round a loop to the next context (the paths are those of the function's
/// control-flow graph; a <c>throw</c> is not one, as vet ignores panics). The context, its
/// <c>Done</c> channel and its timer then live until the parent is canceled. A cancel that is
/// deferred, passed on, stored, returned or called from a nested function is someone else's to call.
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
        if (variable is not ILocalSymbol
            || Functions.Enclosing(assignment) is not SyntaxNode function
            || Functions.BodyOf(function) is not SyntaxNode body
            || !IsDeclaredIn(variable, function, cancellationToken))
        {
            // Not a local of this function (Go issue 31856: a lambda assigns its parent's variable): the parent calls it.
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

        var calls = new HashSet<SyntaxNode>();
        foreach (IdentifierNameSyntax use in uses)
        {
            if (CallOf(use) is not InvocationExpressionSyntax call || Functions.Enclosing(call) != function)
            {
                // Deferred, passed on, stored, returned, or called from a nested function: someone else calls it.
                return null;
            }

            calls.Add(call);
        }

        if (FlowPaths.GraphOf(function, model, cancellationToken) is not { } graph
            || FlowPaths.Find(graph, assignment) is not { } start
            || FlowPaths.Find(graph, start, operation => calls.Contains(operation.Syntax), Endings) is not { } path)
        {
            return null;
        }

        return path.Ending == FlowPaths.Ending.Repeats
            ? "not called before the loop goes round and replaces it"
            : path.From.BranchValue?.Syntax.Parent is ReturnStatementSyntax exit
                ? "not called on the path that returns on line " + (exit.GetLocation().GetLineSpan().StartLinePosition.Line + 1)
                : "not called on every path out of the function";
    }

    /// <summary>The paths that lose the cancel: out of the function, or round a loop to the next context. A throw is a panic (vet's lostcancel ignores them too).</summary>
    private static readonly ISet<FlowPaths.Ending> Endings = new HashSet<FlowPaths.Ending> { FlowPaths.Ending.Returns, FlowPaths.Ending.Repeats };

    /// <summary>The call <c>cancel()</c>, <c>cancel.Invoke()</c> or <c>cancel?.Invoke()</c> of which <paramref name="use"/> is the delegate; null for any other use.</summary>
    private static InvocationExpressionSyntax? CallOf(IdentifierNameSyntax use) => use.Parent switch
    {
        InvocationExpressionSyntax call when call.Expression == use => call,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Parent: InvocationExpressionSyntax call } member when member.Expression == use => call,
        ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Invoke" } } call } access when access.Expression == use => call,
        _ => null,
    };

    private static bool IsDeclaredIn(ISymbol local, SyntaxNode function, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1
        && Functions.Enclosing(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)) == function;
}
