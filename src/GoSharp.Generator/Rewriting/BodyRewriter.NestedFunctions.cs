using System.Collections.Generic;
using System.Linq;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>
/// Nested functions: lambdas, anonymous methods, local functions and queries are not goroutine
/// code and stay as written, except the functions that park and do not escape
/// (<see cref="ParkingLocalFunctions"/>), which become async local functions of the twin.
/// </summary>
internal sealed partial class BodyRewriter
{
    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => AsyncIfGoroutineCode(node);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => AsyncIfGoroutineCode(node);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => AsyncIfGoroutineCode(node);

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) =>
        _parkingFunctions.Contains(node) ? RewriteParkingFunction(node) : node;

    public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node) => node;

    public override SyntaxNode? VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node) =>
        node.Declaration.Variables.Count == 1
            && node.Declaration.Variables[0] is VariableDeclaratorSyntax declarator
            && declarator.Initializer?.Value is LambdaExpressionSyntax lambda
            && _parkingFunctions.Contains(lambda)
            ? RewriteParkingLambda(node, declarator, lambda)
            : base.VisitLocalDeclarationStatement(node);

    /// <summary>A lambda passed as goroutine code (<see cref="GoroutineLambdas"/>) becomes async; any other stays as written.</summary>
    private SyntaxNode AsyncIfGoroutineCode(AnonymousFunctionExpressionSyntax node) =>
        GoroutineLambdas.CallOf(node, _model, _known, _cancellationToken, callStaysBlocking: _forbiddenDepth > 0) is not null ? AsyncGoroutineLambda(node) : node;

    /// <summary>
    /// A lambda passed as goroutine code → an async lambda on the same lines, its body goroutine
    /// code with its own preemption flag, starting with a checkpoint:
    /// <c>() =&gt; ch.Send(1)</c> → <c>async () =&gt; { await Preemption.Checkpoint(); await …SendAsync(1); }</c>.
    /// </summary>
    private AnonymousFunctionExpressionSyntax AsyncGoroutineLambda(AnonymousFunctionExpressionSyntax lambda)
    {
        bool returnsVoid = _model.GetTypeInfo(lambda, _cancellationToken).ConvertedType is not INamedTypeSymbol { DelegateInvokeMethod: IMethodSymbol invoke }
            || invoke.ReturnsVoid
            || SymbolEqualityComparer.Default.Equals(invoke.ReturnType, _known.GoTask);
        BlockSyntax body;
        using (NestedGoroutineCode())
        {
            SyntaxNode? visited = Visit(lambda.Body);
            string start = GeneratedNames.CheckpointStatement + FlagDeclaration();
            body = visited switch
            {
                BlockSyntax block => SyntaxEdits.Prepend(block, start),
                ExpressionSyntax expression => Block(
                    Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(Space),
                    List(SyntaxEdits.ParseStatements(start).Append(AsStatement(expression.WithoutTrivia(), returnsVoid).WithTrailingTrivia(Space))),
                    Token(SyntaxKind.CloseBraceToken)),
                _ => Block(),
            };
        }

        return lambda
            .WithoutLeadingTrivia()
            .WithBody(body)
            .WithModifiers(lambda.Modifiers.Add(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space)))
            .WithLeadingTrivia(lambda.GetLeadingTrivia());
    }

    /// <summary>An expression body as a statement: <c>throw</c>, the expression, or <c>return</c> it.</summary>
    private static StatementSyntax AsStatement(ExpressionSyntax expression, bool returnsVoid) => expression switch
    {
        ThrowExpressionSyntax thrown => ThrowStatement(thrown.Expression.WithLeadingTrivia(Space)),
        _ when returnsVoid => ExpressionStatement(expression),
        _ => ReturnStatement(expression.WithLeadingTrivia(Space)),
    };

    /// <summary>
    /// <c>f(args)</c> or <c>f.Invoke(args)</c> of a parking function → <c>f(entry, args)</c>: the
    /// delegate local is a local function in the twin, and takes the entry first, as twins do.
    /// </summary>
    private InvocationExpressionSyntax ParkingCall(InvocationExpressionSyntax node, SimpleNameSyntax callee, string entry)
    {
        var call = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        return call
            .WithExpression(callee.WithTriviaFrom(call.Expression))
            .WithArgumentList(SyntaxEdits.Prepend(call.ArgumentList, Argument(ParseExpression(entry))));
    }

    /// <summary>
    /// A local function that parks and does not escape becomes an async local function of the
    /// twin, its calls awaited: <c>int F(int x) =&gt; ch.Receive() + x;</c> →
    /// <c>async GoTask&lt;int&gt; F(GoroutineEntry __goEntry, int x) { await __goEntry; return await … + x; }</c>,
    /// on the same lines. Its body is goroutine code with its own preemption flag.
    /// </summary>
    private LocalFunctionStatementSyntax RewriteParkingFunction(LocalFunctionStatementSyntax node)
    {
        BlockSyntax body = ParkingBody(
            (CSharpSyntaxNode?)node.Body ?? node.ExpressionBody!.Expression,
            IsVoid(node.ReturnType),
            node.ExpressionBody?.ArrowToken.LeadingTrivia ?? default,
            node.Body is null ? node.SemicolonToken.TrailingTrivia : node.Body.CloseBraceToken.TrailingTrivia);
        TypeSyntax returnType = ParseTypeName(GeneratedNames.GoTaskOf(IsVoid(node.ReturnType) ? null : node.ReturnType.WithoutTrivia().ToFullString()));
        SyntaxToken async = Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space);
        if (node.Modifiers.Count == 0)
        {
            // The indentation moves from the return type to the new first token.
            async = async.WithLeadingTrivia(node.ReturnType.GetLeadingTrivia());
        }

        return node
            .WithParameterList(WithEntry(node.ParameterList))
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(body)
            .WithReturnType(returnType.WithTrailingTrivia(node.ReturnType.GetTrailingTrivia()))
            .WithModifiers(node.Modifiers.Add(async));
    }

    /// <summary>
    /// A delegate local initialised with a lambda that parks and is only called directly becomes
    /// an async local function of the same name, on the same lines:
    /// <c>Func&lt;int, int&gt; f = x =&gt; ch.Receive() + x;</c> →
    /// <c>async GoTask&lt;int&gt; f(GoroutineEntry __goEntry, int x) { await __goEntry; return await … + x; }</c>.
    /// </summary>
    private StatementSyntax RewriteParkingLambda(LocalDeclarationStatementSyntax node, VariableDeclaratorSyntax declarator, LambdaExpressionSyntax lambda)
    {
        var delegateType = (INamedTypeSymbol)((ILocalSymbol)_model.GetDeclaredSymbol(declarator, _cancellationToken)!).Type;
        IMethodSymbol invoke = delegateType.DelegateInvokeMethod!;
        IEnumerable<string> names = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter.Identifier.Text },
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.Select(p => p.Identifier.Text),
            _ => Enumerable.Empty<string>(),
        };
        string parameters = string.Join(", ", new[] { GeneratedNames.GoroutineEntry + " " + GeneratedNames.EntryParameter }
            .Concat(invoke.Parameters.Zip(names, (p, name) => TypeNames.Of(p.Type) + " " + name)));
        string returnType = GeneratedNames.GoTaskOf(invoke.ReturnsVoid ? null : TypeNames.Of(invoke.ReturnType));
        string header = "async " + returnType + " " + declarator.Identifier.Text + "(" + parameters + ")";
        BlockSyntax body = ParkingBody(
            lambda.Body,
            invoke.ReturnsVoid,
            lambda.ArrowToken.TrailingTrivia,
            node.SemicolonToken.TrailingTrivia);
        return ParseStatement(header + body.ToFullString())
            .WithLeadingTrivia(node.GetLeadingTrivia());
    }

    /// <summary>
    /// The body of a parking function, visited as goroutine code with its own preemption flag,
    /// starting with its entry (<c>await __goEntry;</c>, a checkpoint, or where a spawned
    /// goroutine starts); an expression body becomes a one-line block
    /// (<c>{ await __goEntry; return expr; }</c>) between the given trivia.
    /// </summary>
    private BlockSyntax ParkingBody(CSharpSyntaxNode body, bool returnsVoid, SyntaxTriviaList before, SyntaxTriviaList after)
    {
        using (NestedGoroutineCode())
        {
            SyntaxNode visited = Visit(body)!;
            string start = GeneratedNames.EntryStatement + FlagDeclaration();
            if (visited is BlockSyntax block)
            {
                block = SyntaxEdits.Prepend(block, start);
                return block.WithLeadingTrivia(before.AddRange(block.GetLeadingTrivia())).WithTrailingTrivia(after);
            }

            StatementSyntax statement = AsStatement(((ExpressionSyntax)visited).WithoutTrivia(), returnsVoid);
            return Block(
                Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(before).WithTrailingTrivia(Space),
                List(SyntaxEdits.ParseStatements(start).Append(statement.WithTrailingTrivia(Space))),
                Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(after));
        }
    }

    /// <summary><c>(int x)</c> → <c>(GoroutineEntry __goEntry, int x)</c>, keeping the list's line breaks.</summary>
    private static ParameterListSyntax WithEntry(ParameterListSyntax parameters)
    {
        string rest = parameters.Parameters.Count > 0 ? ", " + parameters.Parameters.ToFullString() : "";
        return ParseParameterList("(" + GeneratedNames.GoroutineEntry + " " + GeneratedNames.EntryParameter + rest + ")").WithTriviaFrom(parameters);
    }

    private static bool IsVoid(TypeSyntax type) =>
        type is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword);
}
