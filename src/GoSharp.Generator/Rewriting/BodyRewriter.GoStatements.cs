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
    /// A go statement inside goroutine code. <c>go(() =&gt; F(args))</c> with F a [Goroutine]
    /// method (or a parking local function) spawns F's twin with the arguments evaluated here, as
    /// Go does; any other lambda becomes an async lambda (<c>Go.go(Func&lt;GoTask&gt;)</c>) whose
    /// body is rewritten too.
    /// </summary>
    private ExpressionSyntax RewriteGoStatement(InvocationExpressionSyntax node, LambdaExpressionSyntax lambda)
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

        BlockSyntax body;
        using (NestedGoroutineCode())
        {
            SyntaxNode? visited = Visit(lambda.Body);
            string start = GeneratedNames.CheckpointStatement + FlagDeclaration();
            body = visited switch
            {
                BlockSyntax block => SyntaxEdits.Prepend(block, start),
                ExpressionSyntax expression => SyntaxEdits.ExpressionAsBlock(expression, start),
                _ => Block(),
            };
        }

        LambdaExpressionSyntax asyncLambda = lambda
            .WithoutLeadingTrivia()
            .WithBody(body)
            .AddModifiers(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space))
            .WithLeadingTrivia(lambda.GetLeadingTrivia());
        var argument = node.ArgumentList.Arguments[0].WithExpression(asyncLambda);
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
