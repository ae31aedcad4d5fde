using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Rewrites a <c>[Goroutine]</c> method's body into its twin's body (see docs/generator.md for
/// the rules). It never adds or removes a line break, so that the twin's body is line-for-line
/// the user's and one <c>#line</c> directive maps it back: stack traces, the debugger and
/// compiler messages all point at the user's lines.
/// </summary>
/// <remarks>
/// Decisions are taken on the original nodes (the semantic model only knows those) before the
/// children are rewritten. Lambdas, anonymous methods, local functions and queries are left
/// as they are (they are not goroutine code) except the lambda of a go statement and the local
/// functions and delegate-local lambdas that park and do not escape (<see cref="ParkingLocalFunctions"/>). Inside a lock,
/// an unsafe block or an exception filter nothing is rewritten, since C# cannot await there
/// (the analyzers report GOSH006 and GOSH007 for what stays blocking).
/// </remarks>
internal sealed class BodyRewriter : CSharpSyntaxRewriter
{
    public const string CheckpointStatement = "await global::GoSharp.CompilerServices.Preemption.Checkpoint();";
    private const string FlagName = "__goPreempt";
    private const string EntryCall = "global::GoSharp.CompilerServices.GoroutineEntry.Call";
    private const string EntrySpawn = "global::GoSharp.CompilerServices.GoroutineEntry.Spawn";
    private const string SelectBinder = "global::GoSharp.Generated.GoroutineSelect.Bind";
    private const string SitesClass = "global::GoSharp.Generated.GoroutineSites";
    private const string GoTaskType = "global::GoSharp.CompilerServices.GoTask";
    private const string EntryType = "global::GoSharp.CompilerServices.GoroutineEntry";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly CancellationToken _cancellationToken;
    private readonly string _methodName;
    private readonly string _siteFile;
    private int _forbiddenDepth;
    private int _functionDepth;
    private bool _usedFlag;

    /// <param name="model">The semantic model of the user's file.</param>
    /// <param name="known">GoSharp's well-known symbols.</param>
    /// <param name="methodName">The user's method name, for the park sites' field names.</param>
    /// <param name="siteFile">The file name the park sites report.</param>
    /// <param name="cancellationToken">Cancels the rewrite.</param>
    public BodyRewriter(SemanticModel model, KnownSymbols known, string methodName, string siteFile, CancellationToken cancellationToken)
        : base(visitIntoStructuredTrivia: false)
    {
        _model = model;
        _known = known;
        _methodName = methodName;
        _siteFile = siteFile;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Outlines loops with no park site into synchronous helpers; null to keep every loop in place.</summary>
    public LoopOutliner? Outliner { get; set; }

    /// <summary>The local functions that become async local functions (see <see cref="ParkingLocalFunctions"/>).</summary>
    public HashSet<SyntaxNode> ParkingFunctions { get; set; } = new();

    /// <summary>The park sites of the rewritten body, in source order.</summary>
    public List<ParkSiteSpec> Sites { get; } = new();

    /// <summary>The out-parameter counts of the <c>Select</c> binders the rewritten body uses.</summary>
    public SortedSet<int> SelectBindArities { get; } = new();

    /// <summary>Rewrites a block body and puts <paramref name="firstStatement"/> right after its brace.</summary>
    public BlockSyntax RewriteBlock(BlockSyntax body, string firstStatement)
    {
        var rewritten = (BlockSyntax)Visit(body)!;
        return Prepend(rewritten, firstStatement + FlagDeclaration());
    }

    /// <summary>Rewrites an expression body into a one-line block: <c>{ await entry; return expr; }</c>.</summary>
    public string RewriteExpressionBody(ExpressionSyntax body, string firstStatement, bool returnsValue)
    {
        var rewritten = (ExpressionSyntax)Visit(body)!;
        return "{ " + firstStatement + FlagDeclaration() + " " + (returnsValue ? "return " : "") + rewritten.WithoutTrivia().ToFullString() + "; }";
    }

    // ---- Calls ----------------------------------------------------------------------------

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        ParkKind kind = ParkSites.Classify(node, _model, _known, _cancellationToken, out IMethodSymbol? method);
        if (method is not null
            && _known.IsGoStatement(method)
            && node.ArgumentList.Arguments.Count == 1
            && node.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax lambda
            && ParkSites.GoStatementOf(lambda, _model, _known, _cancellationToken) is not null)
        {
            return RewriteGoStatement(node, lambda);
        }

        if (_forbiddenDepth == 0 && ParkingLocalFunctions.ParkingCallee(node, _model, ParkingFunctions, _cancellationToken) is SimpleNameSyntax callee)
        {
            return Await(ParkingCall(node, callee, EntryCall), node);
        }

        if (kind == ParkKind.None || _forbiddenDepth > 0 || method is null || node.Expression is MemberBindingExpressionSyntax)
        {
            return base.VisitInvocationExpression(node);
        }

        return kind switch
        {
            ParkKind.AwaitableForm => Await(AtSite(NewSite(node), RewriteAwaitableForm(node, method)), node),
            ParkKind.Select => RewriteSelect(node, method, NewSite(node)),
            _ => Await(TwinCall(node, method, EntryCall), node),
        };
    }

    /// <summary><c>recv.M(args)</c> → <c>recv.MAsync(args)</c> (the caller adds the await).</summary>
    private InvocationExpressionSyntax RewriteAwaitableForm(InvocationExpressionSyntax node, IMethodSymbol method)
    {
        var rewritten = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        string asyncName = _known.AwaitableFormOf(definition)!;
        return rewritten.WithExpression(Retarget(rewritten.Expression, method, asyncName));
    }

    /// <summary>
    /// <c>Select(a.OnReceive(out var x), b.OnSend(v))</c> →
    /// <c>Bind(await Go.SelectAsync(a.OnReceive(), b.OnSend(v)), out var x)</c>: the out
    /// variables keep their place (same scope, same evaluation order) and get the chosen case's
    /// <c>Received&lt;T&gt;</c>; the value is the chosen index, as <c>Select</c>'s is.
    /// </summary>
    private ExpressionSyntax RewriteSelect(InvocationExpressionSyntax node, IMethodSymbol method, string site)
    {
        var rewritten = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        var cases = new List<ArgumentSyntax>();
        var outs = new SortedDictionary<int, ArgumentSyntax>();
        SeparatedSyntaxList<ArgumentSyntax> arguments = rewritten.ArgumentList.Arguments;
        for (int i = 0; i < arguments.Count; i++)
        {
            ArgumentSyntax argument = arguments[i];
            if (argument.Expression is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } caseArguments } caseCall
                && caseArguments[caseArguments.Count - 1].RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
            {
                outs[i] = caseArguments[caseArguments.Count - 1].WithoutTrivia();
                var remaining = caseCall.ArgumentList.WithArguments(RemoveLast(caseArguments));
                argument = argument.WithExpression(caseCall.WithArgumentList(remaining));
            }

            cases.Add(argument);
        }

        var selectAsync = rewritten
            .WithExpression(Retarget(rewritten.Expression, method, "SelectAsync"))
            .WithArgumentList(rewritten.ArgumentList.WithArguments(SeparatedList(cases, arguments.GetSeparators())));
        var awaited = AwaitExpression(Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(Space), AtSite(site, selectAsync.WithoutTrivia()));

        if (outs.Count == 0)
        {
            ExpressionSyntax result = node.Parent is ExpressionStatementSyntax
                ? awaited
                : MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParenthesizedExpression(awaited), IdentifierName("Index"));
            return result.WithTriviaFrom(node);
        }

        int arity = outs.Keys.Max() + 1;
        SelectBindArities.Add(arity);
        var bindArguments = new List<ArgumentSyntax> { Argument(awaited) };
        for (int i = 0; i < arity; i++)
        {
            bindArguments.Add(outs.TryGetValue(i, out ArgumentSyntax? bound)
                ? bound
                : Argument(null, Token(SyntaxKind.OutKeyword).WithTrailingTrivia(Space), IdentifierName("_")));
        }

        return InvocationExpression(ParseExpression(SelectBinder), ArgumentList(CommaSeparated(bindArguments))).WithTriviaFrom(node);
    }

    /// <summary>A call to a [Goroutine] method → a call to its twin with <paramref name="entry"/> first.</summary>
    private InvocationExpressionSyntax TwinCall(InvocationExpressionSyntax node, IMethodSymbol method, string entry)
    {
        var rewritten = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        string twinName = TwinNaming.TwinName(method.Name);
        ArgumentSyntax entryArgument = Argument(ParseExpression(entry));

        if (method.ReducedFrom is not null && rewritten.Expression is MemberAccessExpressionSyntax extension)
        {
            // x.F(args) on an extension method: the twin is not an extension, so call it as a static.
            ExpressionSyntax target = StaticTarget(method.ReducedFrom, twinName, extension.Name);
            var receiver = Argument(extension.Expression.WithoutTrivia());
            return InvocationExpression(target, Prepend(rewritten.ArgumentList, entryArgument, receiver)).WithTriviaFrom(rewritten);
        }

        return rewritten
            .WithExpression(Retarget(rewritten.Expression, method, twinName))
            .WithArgumentList(Prepend(rewritten.ArgumentList, entryArgument));
    }

    /// <summary>
    /// A go statement inside goroutine code. <c>go(() =&gt; F(args))</c> with F a [Goroutine]
    /// method spawns F's twin with the arguments evaluated here, as Go does; any other lambda
    /// becomes an async lambda (<c>Go.go(Func&lt;GoTask&gt;)</c>) whose body is rewritten too.
    /// </summary>
    private ExpressionSyntax RewriteGoStatement(InvocationExpressionSyntax node, LambdaExpressionSyntax lambda)
    {
        int savedForbidden = _forbiddenDepth;
        _forbiddenDepth = 0;
        try
        {
            if (lambda.Body is InvocationExpressionSyntax call
                && ParkSites.Classify(call, _model, _known, _cancellationToken, out IMethodSymbol? callee) == ParkKind.GoroutineCall
                && call.Expression is not MemberBindingExpressionSyntax)
            {
                _forbiddenDepth = savedForbidden;
                return Spawn(TwinCall(call, callee!, EntrySpawn), node);
            }

            if (lambda.Body is InvocationExpressionSyntax localCall
                && ParkingLocalFunctions.ParkingCallee(localCall, _model, ParkingFunctions, _cancellationToken) is SimpleNameSyntax local)
            {
                // The same for a parking local function: go(() => Local(i)) passes today's i.
                _forbiddenDepth = savedForbidden;
                return Spawn(ParkingCall(localCall, local, EntrySpawn), node);
            }

            bool savedUsed = _usedFlag;
            _usedFlag = false;
            _functionDepth++;
            SyntaxNode? visited = Visit(lambda.Body);
            string start = CheckpointStatement + FlagDeclaration();
            _functionDepth--;
            _usedFlag = savedUsed;
            BlockSyntax body = visited switch
            {
                BlockSyntax block => Prepend(block, start),
                ExpressionSyntax expression => ExpressionAsBlock(expression, start),
                _ => Block(),
            };

            LambdaExpressionSyntax asyncLambda = lambda
                .WithoutLeadingTrivia()
                .WithBody(body)
                .AddModifiers(Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(Space))
                .WithLeadingTrivia(lambda.GetLeadingTrivia());
            var argument = node.ArgumentList.Arguments[0].WithExpression(asyncLambda);
            return InvocationExpression(
                    ParseExpression("global::GoSharp.Go.go"),
                    node.ArgumentList.WithArguments(SingletonSeparatedList(argument)))
                .WithTriviaFrom(node);
        }
        finally
        {
            _forbiddenDepth = savedForbidden;
        }
    }

    /// <summary>
    /// <c>f(args)</c> or <c>f.Invoke(args)</c> of a parking function → <c>f(entry, args)</c>: the
    /// delegate local is a local function in the twin, and takes the entry first, as twins do.
    /// </summary>
    private InvocationExpressionSyntax ParkingCall(InvocationExpressionSyntax node, SimpleNameSyntax callee, string entry)
    {
        var call = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        return call
            .WithExpression(callee.WithTriviaFrom(call.Expression))
            .WithArgumentList(Prepend(call.ArgumentList, Argument(ParseExpression(entry))));
    }

    /// <summary>
    /// A local function that parks and does not escape becomes an async local function of the
    /// twin, its calls awaited: <c>int F(int x) =&gt; ch.Receive() + x;</c> →
    /// <c>async GoTask&lt;int&gt; F(int x) { await Preemption.Checkpoint(); return await … + x; }</c>,
    /// on the same lines. Its body is goroutine code with its own preemption flag.
    /// </summary>
    private LocalFunctionStatementSyntax RewriteParkingFunction(LocalFunctionStatementSyntax node)
    {
        BlockSyntax body = ParkingBody(
            (CSharpSyntaxNode?)node.Body ?? node.ExpressionBody!.Expression,
            IsVoid(node.ReturnType),
            node.ExpressionBody?.ArrowToken.LeadingTrivia ?? default,
            node.Body is null ? node.SemicolonToken.TrailingTrivia : node.Body.CloseBraceToken.TrailingTrivia);
        TypeSyntax returnType = ParseTypeName(IsVoid(node.ReturnType)
            ? GoTaskType
            : GoTaskType + "<" + node.ReturnType.WithoutTrivia().ToFullString() + ">");
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
    /// <c>async GoTask&lt;int&gt; f(int x) { await Preemption.Checkpoint(); return await … + x; }</c>.
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
        string parameters = string.Join(", ", new[] { EntryType + " " + TwinNaming.EntryParameter }
            .Concat(invoke.Parameters.Zip(names, (p, name) => p.Type.ToDisplayString(TypeFormat) + " " + name)));
        string returnType = invoke.ReturnsVoid ? GoTaskType : GoTaskType + "<" + invoke.ReturnType.ToDisplayString(TypeFormat) + ">";
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
        int savedForbidden = _forbiddenDepth;
        bool savedUsed = _usedFlag;
        _forbiddenDepth = 0;
        _usedFlag = false;
        _functionDepth++;
        try
        {
            SyntaxNode visited = Visit(body)!;
            string start = "await " + TwinNaming.EntryParameter + ";" + FlagDeclaration();
            if (visited is BlockSyntax block)
            {
                block = Prepend(block, start);
                return block.WithLeadingTrivia(before.AddRange(block.GetLeadingTrivia())).WithTrailingTrivia(after);
            }

            var expression = ((ExpressionSyntax)visited).WithoutTrivia();
            StatementSyntax statement = expression switch
            {
                ThrowExpressionSyntax thrown => ThrowStatement(thrown.Expression),
                _ when returnsVoid => ExpressionStatement(expression),
                _ => ReturnStatement(expression.WithLeadingTrivia(Space)),
            };
            return Block(
                Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(before).WithTrailingTrivia(Space),
                List(ParseStatements(start).Append(statement.WithTrailingTrivia(Space))),
                Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(after));
        }
        finally
        {
            _functionDepth--;
            _usedFlag = savedUsed;
            _forbiddenDepth = savedForbidden;
        }
    }

    /// <summary><c>(int x)</c> → <c>(GoroutineEntry __goEntry, int x)</c>, keeping the list's line breaks.</summary>
    private static ParameterListSyntax WithEntry(ParameterListSyntax parameters)
    {
        string rest = parameters.Parameters.Count > 0 ? ", " + parameters.Parameters.ToFullString() : "";
        return ParseParameterList("(" + EntryType + " " + TwinNaming.EntryParameter + rest + ")").WithTriviaFrom(parameters);
    }

    private static bool IsVoid(TypeSyntax type) =>
        type is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword);

    /// <summary><c>Goroutines.Spawn(goroutine)</c> in place of the go statement <paramref name="node"/>.</summary>
    private static ExpressionSyntax Spawn(InvocationExpressionSyntax goroutine, InvocationExpressionSyntax node) =>
        InvocationExpression(
                ParseExpression("global::GoSharp.CompilerServices.Goroutines.Spawn"),
                ArgumentList(SingletonSeparatedList(Argument(goroutine.WithoutTrivia()))))
            .WithTriviaFrom(node);

    // ---- Nested functions: not goroutine code ---------------------------------------------

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => node;

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => node;

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => node;

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) =>
        ParkingFunctions.Contains(node) ? RewriteParkingFunction(node) : node;

    public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node) => node;

    public override SyntaxNode? VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node) =>
        node.Declaration.Variables.Count == 1
            && node.Declaration.Variables[0] is VariableDeclaratorSyntax declarator
            && declarator.Initializer?.Value is LambdaExpressionSyntax lambda
            && ParkingFunctions.Contains(lambda)
            ? RewriteParkingLambda(node, declarator, lambda)
            : base.VisitLocalDeclarationStatement(node);

    // ---- Where C# cannot await ------------------------------------------------------------

    public override SyntaxNode? VisitLockStatement(LockStatementSyntax node)
    {
        var expression = (ExpressionSyntax)Visit(node.Expression)!;
        _forbiddenDepth++;
        var statement = (StatementSyntax)Visit(node.Statement)!;
        _forbiddenDepth--;
        return node.WithExpression(expression).WithStatement(statement);
    }

    public override SyntaxNode? VisitUnsafeStatement(UnsafeStatementSyntax node)
    {
        _forbiddenDepth++;
        SyntaxNode? result = base.VisitUnsafeStatement(node);
        _forbiddenDepth--;
        return result;
    }

    public override SyntaxNode? VisitCatchFilterClause(CatchFilterClauseSyntax node)
    {
        _forbiddenDepth++;
        SyntaxNode? result = base.VisitCatchFilterClause(node);
        _forbiddenDepth--;
        return result;
    }

    // ---- Loops: a preemption checkpoint on every iteration --------------------------------

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        var rewritten = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return _forbiddenDepth > 0 ? rewritten : rewritten.WithStatement(WithCheckpoint(rewritten.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        var rewritten = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return _forbiddenDepth > 0 ? rewritten : rewritten.WithStatement(WithCheckpoint(rewritten.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        var rewritten = (ForStatementSyntax)base.VisitForStatement(node)!;
        return _forbiddenDepth > 0 ? rewritten : rewritten.WithStatement(WithCheckpoint(rewritten.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        string? site = RangeSite(node);
        return RewriteForEach((CommonForEachStatementSyntax)base.VisitForEachStatement(node)!, site);
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        if (TryOutline(node) is StatementSyntax outlined)
        {
            return outlined;
        }

        string? site = RangeSite(node);
        return RewriteForEach((CommonForEachStatementSyntax)base.VisitForEachVariableStatement(node)!, site);
    }

    /// <summary>The park site of a range over a channel (recorded before the body's sites), or null for any other loop.</summary>
    private string? RangeSite(CommonForEachStatementSyntax node)
    {
        if (_forbiddenDepth > 0 || !ParkSites.IsAwaitableForEach(node, _model, _known))
        {
            return null;
        }

        var header = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(node.ForEachKeyword.SpanStart, node.CloseParenToken.Span.End);
        return NewSite(node, node.SyntaxTree.GetText(_cancellationToken).ToString(header));
    }

    /// <summary>
    /// Adds the back-edge checkpoint, and turns a range over a channel into
    /// <c>await foreach (var v in ch.GetAsyncEnumerator().At(site))</c>: every receive announces the loop's line.
    /// </summary>
    private CommonForEachStatementSyntax RewriteForEach(CommonForEachStatementSyntax rewritten, string? site)
    {
        if (_forbiddenDepth > 0)
        {
            return rewritten;
        }

        rewritten = rewritten.WithStatement(WithCheckpoint(rewritten.Statement));
        if (site is null)
        {
            return rewritten;
        }

        string channel = rewritten.Expression.WithoutTrivia().ToFullString();
        if (rewritten.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax))
        {
            channel = "(" + channel + ")";
        }

        ExpressionSyntax ranged = ParseExpression(channel + ".GetAsyncEnumerator().At(" + SitesClass + "." + site + ")");
        return rewritten
            .WithExpression(ranged.WithTriviaFrom(rewritten.Expression))
            .WithForEachKeyword(rewritten.ForEachKeyword.WithLeadingTrivia())
            .WithAwaitKeyword(Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(rewritten.ForEachKeyword.LeadingTrivia).WithTrailingTrivia(Space));
    }

    /// <summary>A loop with no park site, run as synchronous code by a helper (see <see cref="LoopOutliner"/>); null if it stays.</summary>
    private StatementSyntax? TryOutline(StatementSyntax loop)
    {
        if (_forbiddenDepth > 0 || _functionDepth > 0 || Outliner is null)
        {
            return null;
        }

        StatementSyntax? outlined = Outliner.TryOutline(loop, Flag);
        _usedFlag |= outlined is not null;
        return outlined;
    }

    /// <summary>A backward <c>goto</c> (and <c>goto case</c>/<c>goto default</c>) closes a loop too.</summary>
    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        if (_forbiddenDepth > 0 || !IsBackward(node))
        {
            return node;
        }

        return WithCheckpoint(node);
    }

    private bool IsBackward(GotoStatementSyntax node)
    {
        if (!node.IsKind(SyntaxKind.GotoStatement))
        {
            return true;
        }

        ISymbol? label = node.Expression is null ? null : _model.GetSymbolInfo(node.Expression, _cancellationToken).Symbol;
        Location? declared = label?.Locations.FirstOrDefault();
        return declared is null || declared.SourceSpan.Start < node.SpanStart;
    }

    // ---- Park sites -----------------------------------------------------------------------

    /// <summary>
    /// Records a park site for <paramref name="operation"/> (the user's original call) and returns
    /// the name of its field. Called before the operation's arguments are rewritten, so sites
    /// are numbered in source order.
    /// </summary>
    private string NewSite(InvocationExpressionSyntax operation) => NewSite(operation, operation.WithoutTrivia().ToString());

    /// <summary>Records a park site at <paramref name="node"/>'s line, described by <paramref name="operation"/>.</summary>
    private string NewSite(SyntaxNode node, string operation)
    {
        string name = "__goSite_" + _methodName + "_" + Sites.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int line = node.SyntaxTree.GetLineSpan(node.Span, _cancellationToken).StartLinePosition.Line + 1;
        Sites.Add(new ParkSiteSpec(name, _siteFile, line, OneLine(operation)));
        return name;
    }

    /// <summary>The operation's text on one line: each run of white space holding a line break becomes a space.</summary>
    private static string OneLine(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"[ \t]*\r?\n\s*", " ");

    /// <summary>
    /// <c>GoroutineSites.At(site, awaitable)</c>: announces the site once the awaitable and its
    /// arguments are evaluated, right before the await may park.
    /// </summary>
    private static InvocationExpressionSyntax AtSite(string site, ExpressionSyntax awaitable) =>
        InvocationExpression(
                ParseExpression(SitesClass + ".At"),
                ArgumentList(CommaSeparated(new[] { Argument(ParseExpression(SitesClass + "." + site)), Argument(awaitable.WithoutTrivia()) })))
            .WithTriviaFrom(awaitable);

    // ---- Helpers --------------------------------------------------------------------------

    /// <summary>
    /// Renames the called method, keeping the receiver and explicit type arguments. A static
    /// method is called through its fully qualified type, so that the awaitable form or twin
    /// resolves however the user reached the blocking one (<c>using static</c>, an alias...).
    /// </summary>
    private static ExpressionSyntax Retarget(ExpressionSyntax callee, IMethodSymbol method, string newName)
    {
        SimpleNameSyntax? name = callee switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is null)
        {
            return callee;
        }

        if (method.IsStatic && method.ReducedFrom is null)
        {
            return StaticTarget(method, newName, name).WithTriviaFrom(callee);
        }

        SimpleNameSyntax renamed = Rename(name, newName);
        return callee is MemberAccessExpressionSyntax access ? access.WithName(renamed) : renamed;
    }

    private static ExpressionSyntax StaticTarget(IMethodSymbol method, string newName, SimpleNameSyntax originalName)
    {
        string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseExpression(type), Rename(originalName, newName).WithoutTrivia());
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName)
    {
        SyntaxToken identifier = Identifier(newName).WithTriviaFrom(name.Identifier);
        return name is GenericNameSyntax generic
            ? generic.WithIdentifier(identifier)
            : IdentifierName(identifier);
    }

    /// <summary><c>await expr</c>, in parentheses where a postfix operator follows.</summary>
    private static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode original)
    {
        var awaited = AwaitExpression(Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(Space), expression.WithoutTrivia());
        bool postfix = original.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax
            or ElementAccessExpressionSyntax or InvocationExpressionSyntax or PostfixUnaryExpressionSyntax;
        ExpressionSyntax result = postfix ? ParenthesizedExpression(awaited) : awaited;
        return result.WithLeadingTrivia(expression.GetLeadingTrivia()).WithTrailingTrivia(expression.GetTrailingTrivia());
    }

    private static BlockSyntax ExpressionAsBlock(ExpressionSyntax expression, string start) =>
        Block(
            Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(Space),
            List(ParseStatements(start).Append(ExpressionStatement(expression.WithoutTrivia()).WithTrailingTrivia(Space))),
            Token(SyntaxKind.CloseBraceToken));

    private static IEnumerable<StatementSyntax> ParseStatements(string text) =>
        ((BlockSyntax)ParseStatement("{" + text + "}")).Statements.Select(s => s.WithoutTrivia().WithTrailingTrivia(Space));

    /// <summary>
    /// The current goroutine's preemption flag, read once per function: a loop's checkpoint is
    /// then one field load and a flag test, awaiting only when sysmon asked for a yield.
    /// </summary>
    private string FlagDeclaration() =>
        _usedFlag ? " var " + Flag + " = global::GoSharp.CompilerServices.Preemption.Current;" : "";

    private string Flag => FlagName + _functionDepth.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The loop checkpoint: <c>if (flag.IsRequested) await Preemption.Checkpoint();</c>.</summary>
    private string LoopCheckpoint()
    {
        _usedFlag = true;
        return "if (" + Flag + ".IsRequested) " + CheckpointStatement;
    }

    /// <summary>Puts <paramref name="statement"/> right after the block's brace, on the same line.</summary>
    private static BlockSyntax Prepend(BlockSyntax block, string statements)
    {
        SyntaxToken open = block.OpenBraceToken;
        var first = ParseStatements(statements).Select(s => s.WithLeadingTrivia(Space).WithTrailingTrivia()).ToList();
        first[first.Count - 1] = first[first.Count - 1].WithTrailingTrivia(open.TrailingTrivia);
        return block
            .WithOpenBraceToken(open.WithTrailingTrivia())
            .WithStatements(block.Statements.InsertRange(0, first));
    }

    /// <summary>A loop body (or goto) with a checkpoint in front, without adding a line.</summary>
    private StatementSyntax WithCheckpoint(StatementSyntax statement)
    {
        string checkpoint = LoopCheckpoint();
        if (statement is BlockSyntax block)
        {
            return Prepend(block, checkpoint);
        }

        return Block(
            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(Space),
            List(new[] { ParseStatement(checkpoint).WithTrailingTrivia(Space), statement.WithoutTrivia() }),
            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space).WithTrailingTrivia(statement.GetTrailingTrivia()));
    }

    private static ArgumentListSyntax Prepend(ArgumentListSyntax list, params ArgumentSyntax[] first)
    {
        var nodes = new List<SyntaxNodeOrToken>();
        foreach (ArgumentSyntax argument in first)
        {
            if (nodes.Count > 0)
            {
                nodes.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            }

            nodes.Add(argument);
        }

        foreach (SyntaxNodeOrToken existing in list.Arguments.GetWithSeparators())
        {
            if (nodes.Count > 0 && existing.IsNode && (nodes[nodes.Count - 1].IsNode))
            {
                nodes.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            }

            nodes.Add(existing);
        }

        return list.WithArguments(SeparatedList<ArgumentSyntax>(nodes));
    }

    private static SeparatedSyntaxList<ArgumentSyntax> RemoveLast(SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        var nodes = arguments.GetWithSeparators().ToList();
        nodes.RemoveAt(nodes.Count - 1);
        if (nodes.Count > 0)
        {
            nodes.RemoveAt(nodes.Count - 1);
        }

        return SeparatedList<ArgumentSyntax>(nodes);
    }

    private static SeparatedSyntaxList<ArgumentSyntax> CommaSeparated(IReadOnlyList<ArgumentSyntax> arguments)
    {
        var nodes = new List<SyntaxNodeOrToken>();
        for (int i = 0; i < arguments.Count; i++)
        {
            if (i > 0)
            {
                nodes.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            }

            nodes.Add(arguments[i]);
        }

        return SeparatedList<ArgumentSyntax>(nodes);
    }
}
