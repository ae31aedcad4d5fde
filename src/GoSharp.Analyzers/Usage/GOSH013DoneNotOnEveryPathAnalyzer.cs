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
/// GOSH013: <c>wg.Done()</c> as a plain statement in goroutine code that has a path skipping
/// every such <c>Done</c> of the WaitGroup: a <c>return</c> before it, a branch around it, a
/// <c>throw</c> that leaves the goroutine (paths of the function's control-flow graph). The count
/// is then never given back and <c>wg.Wait()</c> waits forever. Go writes <c>defer wg.Done()</c>;
/// GoSharp writes <c>using var _ = Defer(wg.Done);</c>. A <c>Done</c> in a <c>finally</c> is on
/// every path. An exception thrown by a call is not a path: it fails the run, as a panic ends a Go
/// program (unless <c>Go.UnhandledException</c> handles it, when <c>Defer</c> is the safe form).
/// So <c>Done</c> last, after calls that might throw, is fine: Go's vet and staticcheck accept
/// that shape too, and flagging it would flag the last line of most goroutines.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH013DoneNotOnEveryPathAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH013";

    private static readonly ISet<FlowPaths.Ending> Leaves = new HashSet<FlowPaths.Ending> { FlowPaths.Ending.Returns, FlowPaths.Ending.Throws };

    /// <summary>Creates the analyzer.</summary>
    public GOSH013DoneNotOnEveryPathAnalyzer()
        : base(DiagnosticDescriptors.DoneNotOnEveryPath)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines) =>
        start.RegisterSyntaxNodeAction(context => Analyze(context, goroutines), SyntaxKind.InvocationExpression);

    private void Analyze(SyntaxNodeAnalysisContext context, GoroutineCode goroutines)
    {
        var done = (InvocationExpressionSyntax)context.Node;
        SemanticModel model = context.SemanticModel;
        CancellationToken cancellationToken = context.CancellationToken;
        if (done.Parent is not ExpressionStatementSyntax statement
            || SyncCalls.MethodName(done) != "Done"
            || SyncCalls.Receiver(done, SyncCalls.WaitGroup, model, cancellationToken, "Done") is not ISymbol waitGroup
            || goroutines.EnclosingGoroutine(done, model, cancellationToken) is not SyntaxNode function
            || Functions.BodyOf(function) is not BlockSyntax
            || statement.Ancestors().TakeWhile(a => a != function).Any(a => a is FinallyClauseSyntax))
        {
            return;
        }

        // Every Done of this WaitGroup in the goroutine's own code counts: one per branch is fine.
        var dones = new HashSet<SyntaxNode>(Functions.OwnNodes(function).OfType<InvocationExpressionSyntax>()
            .Where(call => SyncCalls.MethodName(call) == "Done"
                && SymbolEqualityComparer.Default.Equals(SyncCalls.Receiver(call, SyncCalls.WaitGroup, model, cancellationToken, "Done"), waitGroup)));
        // One diagnostic per WaitGroup and goroutine, on its first Done: the fix replaces them all.
        if (dones.OrderBy(d => d.SpanStart).First() == done
            && FlowPaths.GraphOf(function, model, cancellationToken) is { } graph
            && FlowPaths.Find(graph, start: null, operation => dones.Contains(operation.Syntax), Leaves) is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, done.GetLocation(), waitGroup.Name));
        }
    }
}
