using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>
/// Waits of the thread-blocking kind that return at once, so GOSH016 leaves them alone: a zero
/// timeout (<c>sem.Wait(0)</c>, <c>handle.WaitOne(TimeSpan.Zero)</c>, <c>Thread.Sleep(0)</c>),
/// <c>Monitor.TryEnter</c> without a timeout, and the result of a task that is known to be
/// complete (awaited before, with <c>Await(task)</c> or <c>await</c>, or read under
/// <c>if (task.IsCompleted)</c>).
/// </summary>
internal static class NonBlockingWaits
{
    /// <summary>True if the call's timeout is zero, or it is a <c>TryEnter</c> without one.</summary>
    public static bool HasZeroTimeout(IMethodSymbol method, InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        bool hasTimeout = false;
        foreach (ArgumentSyntax argument in call.ArgumentList.Arguments)
        {
            if (Generator.Analysis.GoroutineLambdas.ParameterOf(argument, method) is not IParameterSymbol { Name: "millisecondsTimeout" or "timeout" })
            {
                continue;
            }

            hasTimeout = true;
            if (IsZero(argument.Expression, model, cancellationToken))
            {
                return true;
            }
        }

        return method.Name == "TryEnter" && !hasTimeout;
    }

    /// <summary>
    /// True if <paramref name="task"/> (a local or parameter) is complete where it is read: an
    /// earlier <c>Await(...)</c> or <c>await</c> in <paramref name="function"/>'s own code mentions
    /// it (<c>Await(task)</c>, <c>Await(Task.WhenAll(a, b))</c>), or the read is guarded by its
    /// <c>IsCompleted</c> or <c>IsCompletedSuccessfully</c>.
    /// </summary>
    public static bool IsComplete(ExpressionSyntax task, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        if (task is not IdentifierNameSyntax name
            || model.GetSymbolInfo(name, cancellationToken).Symbol is not ISymbol variable
            || variable is not (ILocalSymbol or IParameterSymbol))
        {
            return false;
        }

        bool Mentions(SyntaxNode node) => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n =>
            n.Identifier.ValueText == name.Identifier.ValueText && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, variable));

        bool awaitedBefore = Functions.OwnNodes(function).Any(node => node.Span.End <= task.SpanStart && node switch
        {
            AwaitExpressionSyntax awaited => Mentions(awaited.Expression),
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Await" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Await" } } call
                => call.ArgumentList.Arguments.Any(a => Mentions(a.Expression))
                    && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ContainingType: { Name: "Go" } go } && go.ContainingNamespace?.ToDisplayString() == "GoSharp",
            _ => false,
        });
        return awaitedBefore || IsGuarded(task, variable, function, model, cancellationToken);
    }

    /// <summary>True inside <c>if (t.IsCompleted) { ... }</c> or <c>t.IsCompleted ? ... : ...</c> (also as one operand of <c>&amp;&amp;</c>).</summary>
    private static bool IsGuarded(ExpressionSyntax task, ISymbol variable, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode child = task;
        foreach (SyntaxNode ancestor in task.Ancestors().TakeWhile(a => a != function))
        {
            ExpressionSyntax? condition = ancestor switch
            {
                IfStatementSyntax branch when branch.Statement == child => branch.Condition,
                ConditionalExpressionSyntax choice when choice.WhenTrue == child => choice.Condition,
                BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression) && both.Right == child => both.Left,
                _ => null,
            };
            if (condition is not null && ChecksCompletion(condition, variable, model, cancellationToken))
            {
                return true;
            }

            child = ancestor;
        }

        return false;
    }

    private static bool ChecksCompletion(ExpressionSyntax condition, ISymbol variable, SemanticModel model, CancellationToken cancellationToken) => condition switch
    {
        ParenthesizedExpressionSyntax inner => ChecksCompletion(inner.Expression, variable, model, cancellationToken),
        BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression) => ChecksCompletion(both.Left, variable, model, cancellationToken) || ChecksCompletion(both.Right, variable, model, cancellationToken),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsCompleted" or "IsCompletedSuccessfully", Expression: var receiver }
            => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, cancellationToken).Symbol, variable),
        _ => false,
    };

    private static bool IsZero(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetConstantValue(value, cancellationToken).Value is 0
        || model.GetSymbolInfo(value, cancellationToken).Symbol is IFieldSymbol { Name: "Zero", ContainingType: { Name: "TimeSpan" } span } && span.ContainingNamespace?.ToDisplayString() == "System";
}
