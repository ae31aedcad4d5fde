using System.Collections.Generic;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>Go statements inside goroutine code: each lambda given to <c>go</c> is a goroutine of its own.</summary>
internal sealed partial class BodyRewriter
{
    /// <summary>
    /// <c>go(() =&gt; F(x, y));</c> where F runs as an ordinary call in the new goroutine →
    /// <c>{ var __goArg0 = x; var __goArg1 = y; go(async () =&gt; { …; F(__goArg0, __goArg1); }); }</c>,
    /// on the same lines: the receiver and arguments are evaluated at the go statement, as Go's
    /// <c>go f(x, y)</c> does. (A call of a twin or parking function passes them to the spawned
    /// state machine instead, see <see cref="RewriteGoStatement"/>.) <c>wg.Go(() =&gt; F(x))</c> the
    /// same way whatever F is, as the interceptors do in ordinary code.
    /// </summary>
    public override SyntaxNode? VisitExpressionStatement(ExpressionStatementSyntax node)
    {
        if (node.Expression is not InvocationExpressionSyntax go
            || ArgumentsToEvaluateAtGo(go) is not { Count: > 0 } early)
        {
            return base.VisitExpressionStatement(node);
        }

        return WithEarlyEvaluation(node, early, "__goArg", statement => base.VisitExpressionStatement((ExpressionStatementSyntax)statement));
    }

    /// <summary>
    /// What <see cref="GoArguments"/> says a go statement's call evaluates early, if the go statement
    /// runs it as an ordinary call; and for <c>wg.Go(() =&gt; F(x))</c> whatever F is (its lambda
    /// becomes an async lambda that would read <c>x</c> when it runs).
    /// </summary>
    private List<(ExpressionSyntax Expression, string? Type)>? ArgumentsToEvaluateAtGo(InvocationExpressionSyntax go)
    {
        if (go.ArgumentList.Arguments.Count != 1
            || go.ArgumentList.Arguments[0].Expression is not AnonymousFunctionExpressionSyntax { ExpressionBody: InvocationExpressionSyntax call } lambda
            || call.Expression is MemberBindingExpressionSyntax
            || GoroutineLambdas.CallOf(lambda, _model, _known, _cancellationToken) is null)
        {
            return null;
        }

        bool waitGroupGo = _model.GetSymbolInfo(go, _cancellationToken).Symbol is IMethodSymbol method && _known.IsWaitGroupGo(method);
        if (!waitGroupGo
            && (!GoroutineLambdas.IsGoStatement(lambda, go, _model, _known, _cancellationToken)
                || ParkSites.Classify(call, _model, _known, _cancellationToken) == ParkKind.GoroutineCall
                || ParkingLocalFunctions.ParkingCallee(call, _model, _parkingFunctions, _cancellationToken) is not null))
        {
            return null;
        }

        return GoArguments.ToEvaluate(call, _model, _cancellationToken);
    }
    /// <summary>
    /// A go statement inside goroutine code. <c>go(() =&gt; F(args))</c> with F a [Goroutine]
    /// method (or a parking local function) spawns F's twin with the arguments evaluated here, as
    /// Go does; any other function becomes an async lambda (<c>Go.go(Func&lt;GoTask&gt;)</c>) whose
    /// body is rewritten too.
    /// </summary>
    private ExpressionSyntax RewriteGoStatement(InvocationExpressionSyntax node, AnonymousFunctionExpressionSyntax lambda)
    {
        if (lambda.Body is InvocationExpressionSyntax call
            && ParkSites.Classify(call, _model, _known, _cancellationToken, out IMethodSymbol? callee) == ParkKind.GoroutineCall
            && call.Expression is not MemberBindingExpressionSyntax)
        {
            return Spawn(TwinCall(call, callee!, GeneratedNames.EntrySpawn), node);
        }

        if (lambda.Body is InvocationExpressionSyntax localCall
            && ParkingLocalFunctions.ParkingCallee(localCall, _model, _parkingFunctions, _cancellationToken) is SimpleNameSyntax local)
        {
            // The same for a parking local function: go(() => Local(i)) passes today's i.
            return Spawn(ParkingCall(localCall, local, GeneratedNames.EntrySpawn), node);
        }

        var argument = node.ArgumentList.Arguments[0].WithExpression(AsyncGoroutineLambda(lambda));
        return InvocationExpression(
                ParseExpression(GeneratedNames.GoStatement),
                node.ArgumentList.WithArguments(SingletonSeparatedList(argument)))
            .WithTriviaFrom(node);
    }

    /// <summary><c>Goroutines.Spawn(goroutine)</c> in place of the go statement <paramref name="node"/>.</summary>
    private static ExpressionSyntax Spawn(InvocationExpressionSyntax goroutine, InvocationExpressionSyntax node) =>
        InvocationExpression(
                ParseExpression(GeneratedNames.Spawn),
                ArgumentList(SingletonSeparatedList(Argument(goroutine.WithoutTrivia()))))
            .WithTriviaFrom(node);
}
