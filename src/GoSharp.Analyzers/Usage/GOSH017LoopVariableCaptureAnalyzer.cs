using System.Collections.Generic;
using System.Linq;
using GoSharp.Analyzers.Analysis;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH017: a lambda that starts a goroutine and reads a variable declared by an enclosing
/// <c>for</c> loop when the goroutine runs. C#'s <c>for</c> has one variable for all iterations (Go
/// has had one per iteration since 1.22), so the goroutine sees whatever value the loop has reached
/// by then. <c>go(() =&gt; F(i))</c> and <c>wg.Go(() =&gt; F(i))</c> are fine where the generator evaluates
/// <c>F</c>'s arguments at the call, as Go does a go statement's: in goroutine code, and in ordinary code
/// when the call is intercepted (<see cref="Interception"/>); they are flagged where they are not (a private <c>F</c> called from
/// ordinary code, a local function, interceptors off). <c>foreach</c> variables are per iteration in C#.
/// Not flagged either: a variable the loop never changes after its declaration, and a goroutine
/// the iteration may wait for (it blocks on a GoSharp operation after starting it).
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
        HashSet<string> names = EnclosingForVariables(lambda);
        if (names.Count == 0
            || goroutines.NewGoroutineStartOf(lambda, context.SemanticModel, context.CancellationToken) is not InvocationExpressionSyntax start
            || (lambda.Block is null && ArgumentsEvaluatedAtGo(lambda, start, goroutines, context.SemanticModel, context.CancellationToken)))
        {
            return;
        }

        var judged = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IdentifierNameSyntax name in lambda.Body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (names.Contains(name.Identifier.ValueText)
                && context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol is ILocalSymbol local
                && LoopDeclaring(local, context.CancellationToken) is ForStatementSyntax loop
                && loop.Statement.Span.Contains(lambda.Span)
                && judged.Add(local)
                && Writes.Any(local, loop, context.SemanticModel, context.CancellationToken) // `n` of `for (int i = 0, n = items.Count; ...)` is safe
                && !WaitsLater(start, loop, goroutines, context.SemanticModel, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, name.GetLocation(), local.Name));
            }
        }
    }

    /// <summary>
    /// True if the iteration blocks on a GoSharp operation after starting the goroutine (a
    /// receive, <c>Wait</c>, <c>Select</c>...): it may be waiting for the goroutine, which then
    /// reads the variable before the loop moves on. Go's vet, for the same reason, only judges a go
    /// statement that ends its loop body.
    /// </summary>
    private static bool WaitsLater(InvocationExpressionSyntax start, ForStatementSyntax loop, GoroutineCode goroutines, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        loop.Statement.DescendantNodes(n => !Functions.IsNested(n)).Any(node => node.SpanStart > start.Span.End && node switch
        {
            InvocationExpressionSyntax call => ParkSites.Classify(call, model, goroutines.Known, cancellationToken) is ParkKind.AwaitableForm or ParkKind.Select,
            CommonForEachStatementSyntax range => ParkSites.IsAwaitableForEach(range, model, goroutines.Known),
            _ => false,
        });

    /// <summary>Syntax only: the names declared by the <c>for</c> loops whose bodies hold <paramref name="node"/>, in its member.</summary>
    private static HashSet<string> EnclosingForVariables(SyntaxNode node)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        SyntaxNode child = node;
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax)
            {
                break;
            }

            if (ancestor is ForStatementSyntax { Declaration: { } declaration } loop && loop.Statement == child)
            {
                foreach (VariableDeclaratorSyntax variable in declaration.Variables)
                {
                    names.Add(variable.Identifier.ValueText);
                }
            }

            child = ancestor;
        }

        return names;
    }

    /// <summary>
    /// True if <paramref name="lambda"/> is a go statement's (or <c>wg.Go</c>'s) <c>() =&gt; F(args)</c> whose receiver and
    /// arguments the generator evaluates at the call: in goroutine code the twin always
    /// does (it spawns a twin, or evaluates them into temporaries, see <see cref="GoArguments"/>);
    /// in ordinary code the interceptors do when they can call F.
    /// </summary>
    private static bool ArgumentsEvaluatedAtGo(AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax start, GoroutineCode goroutines, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        if (lambda.ExpressionBody is not InvocationExpressionSyntax call
            || model.GetSymbolInfo(start, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        bool waitGroupGo = goroutines.Known.IsWaitGroupGo(method);
        if (!waitGroupGo && !goroutines.Known.IsGoStatement(method))
        {
            return false;
        }

        if (goroutines.EnclosingGoroutine(start, model, cancellationToken) is not null)
        {
            // A twin call of go spawns the twin with them; otherwise the twin evaluates them into
            // temporaries before the statement (wg.Go's lambda becomes async even for a twin call).
            return (!waitGroupGo && ParkSites.Classify(call, model, goroutines.Known, cancellationToken) == ParkKind.GoroutineCall)
                || (start.Parent is ExpressionStatementSyntax && GoArguments.ToEvaluate(call, model, cancellationToken) is not null);
        }

        return Interception.IsEnabled(start.SyntaxTree.Options)
            && Interception.Of(start, model, goroutines.Known, cancellationToken, out _, out _) is not null;
    }

    /// <summary>The <c>for</c> statement whose declaration declares <paramref name="local"/>, if any.</summary>
    internal static ForStatementSyntax? LoopDeclaring(ILocalSymbol local, System.Threading.CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1
        && local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax loop } }
            ? loop
            : null;
}
