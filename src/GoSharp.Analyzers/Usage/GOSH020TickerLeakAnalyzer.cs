using System.Collections.Generic;
using System.Linq;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH020 (staticcheck SA1015): <c>Go.Tick(d)</c> starts a ticker nobody can stop, and the runtime
/// keeps an armed ticker alive (Go 1.23 collects an unreferenced one; GoSharp, like Go before it,
/// does not). That is fine where the ticker lives as long as the program (<c>Main</c>, or code
/// that never returns once it has called <c>Tick</c>, such as a loop over the ticker's channel,
/// which is never closed), and a leak where a path from the call leaves the function or comes
/// back to the call (a loop: one ticker per iteration). Paths are those of the function's
/// control-flow graph.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH020TickerLeakAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH020";

    private static readonly ISet<FlowPaths.Ending> Leaks = new HashSet<FlowPaths.Ending> { FlowPaths.Ending.Returns, FlowPaths.Ending.Repeats };

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
            || Functions.Enclosing(call) is not SyntaxNode function
            || function is MethodDeclarationSyntax { Identifier.ValueText: "Main" } main && main.Modifiers.Any(SyntaxKind.StaticKeyword)
            || FlowPaths.GraphOf(function, context.SemanticModel, context.CancellationToken) is not { } graph
            || FlowPaths.Find(graph, call, o => o is IInvocationOperation tick && tick.Syntax == call && SymbolEqualityComparer.Default.Equals(tick.TargetMethod, method)) is not { } start)
        {
            return;
        }

        // foreach (var t in Tick(d)): the channel is never closed, so only a break or return ends the loop.
        ExpressionSyntax? ranged = call.Parent is ForEachStatementSyntax loop && loop.Expression == call ? call : null;
        (FlowPaths.Ending Ending, BasicBlock From)? path = FlowPaths.Find(graph, start, _ => false, Leaks, (block, branch) => ranged is not null && EndsRange(block, branch, ranged));
        if (path is not null)
        {
            string problem = path.Value.Ending == FlowPaths.Ending.Repeats
                ? "it is called in a loop, so every iteration leaks one"
                : "this function returns, leaving it running";
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, call.GetLocation(), problem));
        }
    }

    /// <summary>True for the branch a <c>foreach</c> over <paramref name="ranged"/> takes when its enumerator has no more items.</summary>
    private static bool EndsRange(BasicBlock block, ControlFlowBranch branch, ExpressionSyntax ranged) =>
        block.BranchValue is IInvocationOperation { TargetMethod.Name: "MoveNext" } moveNext
        && moveNext.Syntax == ranged
        && branch == (block.ConditionKind == ControlFlowConditionKind.WhenFalse ? block.ConditionalSuccessor : block.FallThroughSuccessor);
}
