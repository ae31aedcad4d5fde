using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using GoSharp.Analyzers.Analysis;
using GoSharp.Analyzers.Usage;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.CodeFixes;

/// <summary>
/// GOSH011: the entry code waits for the goroutines it starts. A WaitGroup is declared before the
/// first <c>go</c>; <c>wg.Wait();</c> goes before each later <c>return</c> and at the end. A
/// <c>go(() =&gt; F(args))</c> that the generator intercepts becomes <c>wg.Go(() =&gt; F(args))</c>,
/// intercepted the same way (F's twin, its arguments evaluated at the call). Every other
/// <c>go(...)</c> of the entry function's own code gets <c>wg.Add(1);</c> before it, and its
/// goroutine starts with <c>using var _ = Defer(wg.Done);</c> (a block lambda given to
/// <c>wg.Go</c> is not intercepted: F's original body would block its thread). A goroutine written
/// <c>() =&gt; F(args)</c> then becomes a block, which would read <c>args</c> when it runs: the arguments
/// that can change before then (a loop variable, a variable written again, any other expression)
/// are first copied to locals at the go statement, where the original evaluated them. A method
/// group or delegate is called from a new lambda. Fix All is safe: each diagnostic is one entry
/// function, edited only inside.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GOSH011EntryExitsFirstCodeFix))]
[Shared]
public sealed class GOSH011EntryExitsFirstCodeFix : GoSharpCodeFix
{
    /// <summary>Creates the fix.</summary>
    public GOSH011EntryExitsFirstCodeFix()
        : base(GOSH011EntryExitsFirstAnalyzer.Id)
    {
    }

    private protected override IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic)
    {
        yield return new Fix("Wait for the goroutines with a WaitGroup", "", Rewrite);
    }

    private static SyntaxNode? Rewrite(SyntaxNode root, SyntaxNode goName, SemanticModel model, CancellationToken cancellationToken)
    {
        KnownSymbols known = KnownSymbols.From(model.Compilation);
        if (goName.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not InvocationExpressionSyntax first
            || Functions.Enclosing(first) is not SyntaxNode function
            || Functions.BodyOf(function) is not SyntaxNode body)
        {
            return null;
        }

        var starts = Functions.OwnNodes(function).OfType<InvocationExpressionSyntax>()
            .Where(call => call.SpanStart >= first.SpanStart
                && call.ArgumentList.Arguments.Count == 1
                && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
                && known.IsGoStatement(method))
            .ToList();
        if (starts.Count == 0)
        {
            return null;
        }

        var names = new HashSet<string>();
        string wg = Fresh(model, function, body.SpanStart, "wg", names);
        var plans = starts.Select(start => Plan(start, wg, function, model, known, names, cancellationToken)).ToList();
        StatementSyntax declaration = LocalDeclarationStatement(VariableDeclaration(
            IdentifierName("var"),
            SingletonSeparatedList(VariableDeclarator(wg).WithInitializer(EqualsValueClause(
                ObjectCreationExpression(GoSyntax.GoSharpType("WaitGroup")).WithArgumentList(ArgumentList()))))));

        if (body is not BlockSyntax block)
        {
            // An expression body is the go call itself: it becomes a block.
            GoPlan only = plans.Single();
            var statements = new List<StatementSyntax> { declaration };
            statements.AddRange(only.Before);
            statements.Add(ExpressionStatement(only.Call));
            statements.Add(Wait(wg));
            return root.ReplaceNode(function, WithBlock(function, Block(statements)));
        }

        var returns = Functions.OwnNodes(function).OfType<ReturnStatementSyntax>().Where(r => r.SpanStart > first.SpanStart).ToList();
        StatementSyntax firstTop = block.Statements.First(s => s.Span.Contains(first.Span));
        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(block.Statements.First(), block.Statements.Last());
        bool endReachable = flow is null || !flow.Succeeded || flow.EndPointIsReachable;

        SyntaxNode tracked = root.TrackNodes(starts.Cast<SyntaxNode>().Concat(plans.Select(p => p.Statement)).Concat(returns).Concat(new SyntaxNode[] { block, firstTop }));
        tracked = GoSyntax.InsertBeside(tracked, tracked.GetCurrentNode(firstTop)!, new[] { declaration });
        foreach (GoPlan plan in plans)
        {
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(plan.Start)!, plan.Call.WithTriviaFrom(plan.Start));
            if (plan.Before.Count > 0)
            {
                tracked = GoSyntax.InsertBeside(tracked, tracked.GetCurrentNode(plan.Statement)!, plan.Before);
            }
        }

        return GoSyntax.InsertBeforeExits(tracked, block, returns, endReachable, () => Wait(wg));
    }

    /// <summary>What one go statement becomes: the statements before it and the new call.</summary>
    private sealed class GoPlan
    {
        public GoPlan(InvocationExpressionSyntax start, StatementSyntax statement, List<StatementSyntax> before, InvocationExpressionSyntax call)
        {
            Start = start;
            Statement = statement;
            Before = before;
            Call = call;
        }

        public InvocationExpressionSyntax Start { get; }

        public StatementSyntax Statement { get; }

        public List<StatementSyntax> Before { get; }

        public InvocationExpressionSyntax Call { get; }
    }

    private static GoPlan Plan(InvocationExpressionSyntax start, string wg, SyntaxNode function, SemanticModel model, KnownSymbols known, HashSet<string> names, CancellationToken cancellationToken)
    {
        StatementSyntax statement = start.Parent as StatementSyntax ?? GoSyntax.EnclosingStatement(start)!;
        if (Interception.IsEnabled(start.SyntaxTree.Options)
            && Interception.Of(start, model, known, cancellationToken, out InterceptedApi api, out _) is not null
            && api == InterceptedApi.Go)
        {
            // wg.Go(() => F(args)) is intercepted as the go is: F's arguments are still evaluated at the call.
            var counted = InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(wg), IdentifierName("Go")),
                start.ArgumentList);
            return new GoPlan(start, statement, new List<StatementSyntax>(), counted);
        }

        var before = new List<StatementSyntax> { GoSyntax.CallStatement(IdentifierName(wg), "Add", LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(1))) };
        ExpressionSyntax goroutine = start.ArgumentList.Arguments[0].Expression;
        // go(Func<GoTask>) rather than go(Action): the goroutine is awaited.
        bool isAsync = model.GetSymbolInfo(start, cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 1 } overload
            && overload.Parameters[0].Type is INamedTypeSymbol { DelegateInvokeMethod.ReturnsVoid: false };
        ExpressionSyntax wrapped = goroutine switch
        {
            AnonymousFunctionExpressionSyntax { Block: BlockSyntax block } lambda
                => lambda.WithBody(block.WithStatements(block.Statements.Insert(0, Done(wg, model, block)))),
            ParenthesizedLambdaExpressionSyntax { ExpressionBody: ExpressionSyntax expression } lambda
                => lambda.WithExpressionBody(null).WithBlock(
                    MultiLine(Done(wg, model, lambda), ExpressionStatement(EvaluatedEarly(expression, function, start, model, names, before, cancellationToken)))),
            _ => Called(goroutine, wg, isAsync, function, start, model, names, before, cancellationToken),
        };

        InvocationExpressionSyntax call = start.WithArgumentList(start.ArgumentList.WithArguments(
            SingletonSeparatedList(start.ArgumentList.Arguments[0].WithExpression(wrapped.WithAdditionalAnnotations(Formatter.Annotation)))));
        return new GoPlan(start, statement, before, call);
    }

    /// <summary>
    /// <c>F(args)</c> of <c>() =&gt; F(args)</c> with the receiver and arguments that can change
    /// before the goroutine runs copied to locals declared at the go statement.
    /// </summary>
    private static ExpressionSyntax EvaluatedEarly(ExpressionSyntax expression, SyntaxNode function, InvocationExpressionSyntax start, SemanticModel model, HashSet<string> names, List<StatementSyntax> before, CancellationToken cancellationToken)
    {
        if (expression is not InvocationExpressionSyntax call || GoArguments.ToEvaluate(call, model, cancellationToken) is not { } early)
        {
            return expression;
        }

        var copies = new Dictionary<ExpressionSyntax, string>();
        foreach ((ExpressionSyntax value, string? type) in early)
        {
            if (MayChange(value, function, model, cancellationToken))
            {
                string name = Fresh(model, function, start.SpanStart, CopyName(value), names);
                copies.Add(value, name);
                before.Add(LocalDeclarationStatement(VariableDeclaration(
                    type is null ? IdentifierName("var") : ParseTypeName(type),
                    SingletonSeparatedList(VariableDeclarator(name).WithInitializer(EqualsValueClause(value.WithoutTrivia()))))));
            }
        }

        return call.ReplaceNodes(copies.Keys, (original, _) => IdentifierName(copies[original]).WithTriviaFrom(original));
    }

    /// <summary>A lambda that defers Done and calls <paramref name="goroutine"/> (a method group, or a delegate copied to a local first).</summary>
    private static ExpressionSyntax Called(ExpressionSyntax goroutine, string wg, bool isAsync, SyntaxNode function, InvocationExpressionSyntax start, SemanticModel model, HashSet<string> names, List<StatementSyntax> before, CancellationToken cancellationToken)
    {
        ExpressionSyntax target = goroutine.WithoutTrivia();
        if (model.GetSymbolInfo(goroutine, cancellationToken).Symbol is not IMethodSymbol || model.GetTypeInfo(goroutine, cancellationToken).Type is not null)
        {
            // A delegate value: evaluated at the go statement, as the original passed it.
            string name = Fresh(model, function, start.SpanStart, "goroutine", names);
            before.Add(LocalDeclarationStatement(VariableDeclaration(
                IdentifierName("var"),
                SingletonSeparatedList(VariableDeclarator(name).WithInitializer(EqualsValueClause(target))))));
            target = IdentifierName(name);
        }

        ExpressionSyntax invoke = InvocationExpression(target);
        StatementSyntax run = ExpressionStatement(isAsync ? AwaitExpression(invoke) : invoke);
        ParenthesizedLambdaExpressionSyntax lambda = ParenthesizedLambdaExpression().WithBlock(MultiLine(Done(wg, model, start), run));
        return isAsync ? lambda.WithAsyncKeyword(Token(SyntaxKind.AsyncKeyword)) : lambda;
    }

    /// <summary>False for what is the same when the goroutine runs: a local or parameter that nothing writes after its declaration.</summary>
    private static bool MayChange(ExpressionSyntax value, SyntaxNode function, SemanticModel model, CancellationToken cancellationToken) =>
        value is not IdentifierNameSyntax name
        || model.GetSymbolInfo(name, cancellationToken).Symbol is not ISymbol variable
        || variable is not (ILocalSymbol or IParameterSymbol)
        || Writes.Any(variable, Root(function), model, cancellationToken);

    /// <summary>The whole member around <paramref name="function"/>: a lambda's variables may be written by its parent.</summary>
    private static SyntaxNode Root(SyntaxNode function)
    {
        SyntaxNode current = function;
        while (Functions.IsNested(current) && Functions.Enclosing(current) is SyntaxNode parent)
        {
            current = parent;
        }

        return current;
    }

    private static string CopyName(ExpressionSyntax value) => value switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText.TrimStart('_', '@') is { Length: > 0 } plain ? char.ToLowerInvariant(plain[0]) + plain.Substring(1) + "Copy" : "argument",
        MemberAccessExpressionSyntax member => CopyName(member.Name),
        _ => "argument",
    };

    private static string Fresh(SemanticModel model, SyntaxNode function, int position, string preferred, HashSet<string> taken)
    {
        string name = preferred;
        for (int i = 2; ; i++)
        {
            string candidate = GoSyntax.FreshName(model, Root(function), position, name);
            if (taken.Add(candidate))
            {
                return candidate;
            }

            name = preferred + i;
        }
    }

    private static LocalDeclarationStatementSyntax Done(string wg, SemanticModel model, SyntaxNode scope) =>
        GoSyntax.DeferStatement(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(wg), IdentifierName("Done")),
            model,
            scope,
            scope.SpanStart);

    /// <summary>A block with its braces and statements on lines of their own, as a block lambda is written; the formatter indents them.</summary>
    private static BlockSyntax MultiLine(params StatementSyntax[] statements) =>
        Block(
            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(ElasticCarriageReturnLineFeed).WithTrailingTrivia(ElasticCarriageReturnLineFeed),
            List(statements.Select(s => s.WithTrailingTrivia(ElasticCarriageReturnLineFeed))),
            Token(SyntaxKind.CloseBraceToken));

    private static StatementSyntax Wait(string wg) => GoSyntax.CallStatement(IdentifierName(wg), "Wait");

    private static SyntaxNode WithBlock(SyntaxNode function, BlockSyntax block) => function switch
    {
        MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block.WithAdditionalAnnotations(Formatter.Annotation)),
        AnonymousFunctionExpressionSyntax lambda => lambda.WithBody(block.WithAdditionalAnnotations(Formatter.Annotation)),
        _ => function,
    };
}
