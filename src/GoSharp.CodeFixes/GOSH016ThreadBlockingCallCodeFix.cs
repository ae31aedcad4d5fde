using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using GoSharp.Analyzers.Usage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>
/// GOSH016: <c>Thread.Sleep(ms)</c> becomes <c>Sleep(TimeSpan.FromMilliseconds(ms))</c>;
/// <c>task.Wait()</c>, <c>task.Result</c> and <c>task.GetAwaiter().GetResult()</c> become
/// <c>Await(task)</c> (<c>Await(task.AsTask())</c> on a <c>ValueTask</c>); <c>sem.Wait(args)</c>
/// becomes <c>Await(sem.WaitAsync(args))</c>; <c>Task.WaitAll(tasks)</c> becomes
/// <c>Await(Task.WhenAll(tasks))</c>. All park the goroutine where the originals block its
/// thread. <c>Monitor.Enter(gate)</c> makes <c>gate</c> a GoSharp <c>Mutex</c> where
/// <see cref="MutexConversion"/> finds that safe, as a fix of its own (it edits the whole document).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH016ThreadBlockingCallCodeFix))]
[Shared]
public sealed class GOSH016ThreadBlockingCallCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key of the Mutex fix; every other fix has the rule's ID as its key.</summary>
    public const string MutexKey = GOSH016ThreadBlockingCallAnalyzer.Id + "Mutex";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(GOSH016ThreadBlockingCallAnalyzer.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(GOSH016ThreadBlockingCallAnalyzer.FixProperty, out string? fix)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax call)
            {
                continue;
            }

            // Computed now, so that nothing is offered where the fix finds it unsafe.
            SyntaxNode? fixedRoot = fix == GOSH016ThreadBlockingCallAnalyzer.MutexFix
                ? call is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } enter ? MutexConversion.Convert(root, enter.ArgumentList.Arguments[0].Expression, model, context.CancellationToken) : null
                : Replacement(call, fix!, model, context.CancellationToken) is ExpressionSyntax replacement
                    ? root.ReplaceNode(call, replacement.WithTriviaFrom(call).WithAdditionalAnnotations(Formatter.Annotation))
                    : null;
            if (fixedRoot is null)
            {
                continue;
            }

            // One equivalence key for the call replacements: Fix All replaces every call that has a parking form.
            Document document = context.Document.WithSyntaxRoot(fixedRoot);
            context.RegisterCodeFix(
                CodeAction.Create(Title(fix!), _ => Task.FromResult(document), equivalenceKey: fix == GOSH016ThreadBlockingCallAnalyzer.MutexFix ? MutexKey : GOSH016ThreadBlockingCallAnalyzer.Id),
                diagnostic);
        }
    }

    private static string Title(string fix) => fix switch
    {
        GOSH016ThreadBlockingCallAnalyzer.SleepFix => "Use Sleep, which parks the goroutine",
        GOSH016ThreadBlockingCallAnalyzer.WaitAsyncFix => "Use Await(sem.WaitAsync(...)), which parks the goroutine",
        GOSH016ThreadBlockingCallAnalyzer.AsTaskFix => "Use Await(task.AsTask()), which parks the goroutine",
        GOSH016ThreadBlockingCallAnalyzer.WhenAllFix => "Use Await(Task.WhenAll(...)), which parks the goroutine",
        GOSH016ThreadBlockingCallAnalyzer.MutexFix => "Use a GoSharp Mutex instead of Monitor",
        _ => "Use Await(task), which parks the goroutine",
    };

    /// <summary>What replaces the flagged call, or null where its shape is not the one the fix knows.</summary>
    private static ExpressionSyntax? Replacement(ExpressionSyntax call, string fix, SemanticModel model, CancellationToken cancellationToken) => fix switch
    {
        GOSH016ThreadBlockingCallAnalyzer.SleepFix => SleepCall(call, model, cancellationToken),
        GOSH016ThreadBlockingCallAnalyzer.AwaitFix => Await(TaskOf(call), call, model),
        GOSH016ThreadBlockingCallAnalyzer.AsTaskFix => TaskOf(call) is ExpressionSyntax task
            ? Await(InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task.WithoutTrivia(), IdentifierName("AsTask"))), call, model)
            : null,
        GOSH016ThreadBlockingCallAnalyzer.WaitAsyncFix => Await(Renamed(call, "WaitAsync"), call, model),
        GOSH016ThreadBlockingCallAnalyzer.WhenAllFix => Await(Renamed(call, "WhenAll"), call, model),
        _ => null,
    };

    /// <summary><c>Sleep(d)</c> for <c>Thread.Sleep(TimeSpan d)</c>; <c>Sleep(TimeSpan.FromMilliseconds(ms))</c> for <c>Thread.Sleep(int ms)</c>.</summary>
    private static ExpressionSyntax? SleepCall(ExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        if (call is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 1 } sleep)
        {
            return null;
        }

        ExpressionSyntax duration = invocation.ArgumentList.Arguments[0].Expression;
        if (sleep.Parameters[0].Type.SpecialType == SpecialType.System_Int32)
        {
            ExpressionSyntax fromMilliseconds = ParseExpression("global::System.TimeSpan.FromMilliseconds").WithAdditionalAnnotations(Simplifier.Annotation);
            duration = InvocationExpression(fromMilliseconds, ArgumentList(SingletonSeparatedList(Argument(duration.WithoutTrivia()))));
        }

        return InvocationExpression(
            GoSyntax.GoMember(model, call.SpanStart, "Sleep"),
            ArgumentList(SingletonSeparatedList(Argument(duration.WithoutTrivia()))));
    }

    /// <summary>The task of <c>task.Wait()</c>, <c>task.Result</c> and <c>task.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? TaskOf(ExpressionSyntax call) => call switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } } => getAwaiter.Expression,
        _ => null,
    };

    /// <summary>The same call of <paramref name="name"/>: <c>sem.Wait(args)</c> → <c>sem.WaitAsync(args)</c>, <c>Task.WaitAll(ts)</c> → <c>Task.WhenAll(ts)</c>.</summary>
    private static ExpressionSyntax? Renamed(ExpressionSyntax call, string name) => call switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation
            => invocation.WithExpression(member.WithName(IdentifierName(name).WithTriviaFrom(member.Name))),
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax simple } invocation
            => invocation.WithExpression(IdentifierName(name).WithTriviaFrom(simple)),
        _ => null,
    };

    /// <summary><c>Await(task)</c>, written as the file reaches GoSharp's <c>Go</c>.</summary>
    private static ExpressionSyntax? Await(ExpressionSyntax? task, ExpressionSyntax call, SemanticModel model) =>
        task is null
            ? null
            : InvocationExpression(GoSyntax.GoMember(model, call.SpanStart, "Await"), ArgumentList(SingletonSeparatedList(Argument(task.WithoutTrivia()))));
}
