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
/// <c>Await(task)</c>. Both park the goroutine where the originals block its thread.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH016ThreadBlockingCallCodeFix))]
[Shared]
public sealed class GOSH016ThreadBlockingCallCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(GOSH016ThreadBlockingCallAnalyzer.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(GOSH016ThreadBlockingCallAnalyzer.FixProperty, out string? fix)
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax call)
            {
                continue;
            }

            // One equivalence key for both forms: Fix All replaces every call that has a parking form.
            string title = fix == GOSH016ThreadBlockingCallAnalyzer.SleepFix ? "Use Sleep, which parks the goroutine" : "Use Await(task), which parks the goroutine";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => ReplaceAsync(context.Document, call, fix!, token), equivalenceKey: GOSH016ThreadBlockingCallAnalyzer.Id),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax call, string fix, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        ExpressionSyntax? replacement = model is null ? null : fix == GOSH016ThreadBlockingCallAnalyzer.SleepFix
            ? SleepCall(call, model, cancellationToken)
            : AwaitCall(call, model);
        if (root is null || replacement is null)
        {
            return document;
        }

        replacement = replacement.WithTriviaFrom(call).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(call, replacement));
    }

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

    /// <summary><c>Await(task)</c> for <c>task.Wait()</c>, <c>task.Result</c> and <c>task.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? AwaitCall(ExpressionSyntax call, SemanticModel model)
    {
        ExpressionSyntax? task = call switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } } => getAwaiter.Expression,
            _ => null,
        };
        return task is null
            ? null
            : InvocationExpression(GoSyntax.GoMember(model, call.SpanStart, "Await"), ArgumentList(SingletonSeparatedList(Argument(task.WithoutTrivia()))));
    }
}
