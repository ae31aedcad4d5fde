using System.Linq;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH013: <c>wg.Done()</c> as a plain statement in goroutine code that can leave without it: a
/// <c>return</c> or <c>throw</c> before it, or a <c>Done</c> that only some paths reach (inside an
/// <c>if</c>, a loop, a <c>try</c> or <c>catch</c> block). The count is then never given back and
/// <c>wg.Wait()</c> waits forever. Go writes <c>defer wg.Done()</c>; GoSharp writes
/// <c>using var _ = Defer(wg.Done);</c>. A <c>Done</c> in a <c>finally</c> is on every path. A call
/// before it that might throw is not enough: Go's vet and staticcheck do not flag that either,
/// and it would flag the last line of most goroutines.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH013DoneNotOnEveryPathAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH013";

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
        if (done.Parent is not ExpressionStatementSyntax statement
            || SyncCalls.MethodName(done) != "Done"
            || SyncCalls.Receiver(done, SyncCalls.WaitGroup, context.SemanticModel, context.CancellationToken, "Done") is not ISymbol waitGroup
            || goroutines.EnclosingGoroutine(done, context.SemanticModel, context.CancellationToken) is not SyntaxNode function
            || Functions.BodyOf(function) is not BlockSyntax
            || statement.Ancestors().TakeWhile(a => a != function).Any(a => a is FinallyClauseSyntax)
            || !CanLeaveBefore(function, statement))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptor, done.GetLocation(), waitGroup.Name));
    }

    /// <summary>True if the function can return or throw without reaching <paramref name="done"/>, or reaches it on some paths only.</summary>
    private static bool CanLeaveBefore(SyntaxNode function, ExpressionStatementSyntax done) =>
        done.Parent != Functions.BodyOf(function)
        || Functions.OwnNodes(function).Any(node => node is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax && node.SpanStart < done.SpanStart);
}
