using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// The checks on a <c>[Goroutine]</c> method's body, in one walk: park sites the twin leaves as
/// blocking calls because it cannot await there (GOSH006: a lock body, an unsafe block, an
/// exception filter; GOSH007: a lambda or local function that is not goroutine code), ref or
/// ref struct locals that the twin cannot keep across its awaits (GOSH009), and park sites after a
/// ref struct temporary of their statement (evaluated first by the twin where
/// <see cref="ParkSiteSpills"/> allows it, GOSH021 where it does not).
/// </summary>
/// <remarks>
/// <para>
/// The walk follows the rewriter: lambdas and local functions are not goroutine code, except the
/// lambdas passed as goroutine code (see <see cref="GoroutineLambdas"/>), and local functions that park and do
/// not escape, which become async (see <see cref="ParkingLocalFunctions"/>).
/// </para>
/// <para>
/// GOSH009 has no liveness analysis: C# forbids a <c>ref</c> local or a local of a ref struct type
/// (<c>Span&lt;T&gt;</c>, <c>stackalloc</c>...) across an <c>await</c>, so any such local in
/// goroutine code with any await point is reported, and the method's twin then runs the original
/// body instead of a rewritten one (blocking its thread where it blocks). Await points are park
/// sites, calls of parking functions, the entries of parking functions, and preemption
/// checkpoints (loops and <c>goto</c>). Before C# 13 an async method cannot have such a local at
/// all, so every one is reported.
/// </para>
/// </remarks>
internal sealed class BodyRules : CSharpSyntaxWalker
{
    /// <summary><c>LanguageVersion.CSharp13</c>, which Roslyn 4.11 does not name.</summary>
    private const int CSharp13 = 1300;

    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly HashSet<SyntaxNode> _parkingFunctions;
    private readonly List<RuleViolation> _into;
    private readonly CancellationToken _cancellationToken;
    private readonly List<(SyntaxToken Identifier, string Name)> _refLocals = new();
    private readonly List<SyntaxToken> _refStructEnumerators = new();
    private readonly Dictionary<StatementSyntax, List<ExpressionSyntax>>? _spills;
    private string? _forbiddenContext;
    private bool _inNestedFunction;
    private bool _hasAwaitPoint;

    private BodyRules(SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parkingFunctions, List<RuleViolation> into, Dictionary<StatementSyntax, List<ExpressionSyntax>>? spills, CancellationToken cancellationToken)
    {
        _spills = spills;
        _model = model;
        _known = known;
        _parkingFunctions = parkingFunctions;
        _into = into;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Adds the violations of a method body to <paramref name="into"/>.</summary>
    /// <param name="body">The method's block or expression body.</param>
    /// <param name="model">The semantic model of its file.</param>
    /// <param name="known">GoSharp's well-known symbols.</param>
    /// <param name="parkingFunctions">The body's parking functions (<see cref="ParkingLocalFunctions.Find"/>).</param>
    /// <param name="into">Where the violations go.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <param name="spills">Where the statements whose park sites the twin evaluates first go (<see cref="ParkSiteSpills"/>), for the rewriter; null if not needed.</param>
    public static void Check(SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parkingFunctions, List<RuleViolation> into, CancellationToken cancellationToken, Dictionary<StatementSyntax, List<ExpressionSyntax>>? spills = null)
    {
        var walker = new BodyRules(model, known, parkingFunctions, into, spills, cancellationToken);
        walker.Visit(body);
        bool refStructsAllowed = AllowsRefLocalsInAsync(body.SyntaxTree);
        if (walker._hasAwaitPoint || !refStructsAllowed)
        {
            foreach ((SyntaxToken identifier, string name) in walker._refLocals)
            {
                into.Add(new RuleViolation(RuleId.RefLocalAcrossParkSite, identifier.GetLocation(), name));
            }
        }

        // The body of a foreach over a ref struct enumerator has no await (see VisitForEach), so
        // only a language version that allows no ref struct in an async method at all objects.
        if (!refStructsAllowed)
        {
            foreach (SyntaxToken keyword in walker._refStructEnumerators)
            {
                into.Add(new RuleViolation(RuleId.RefLocalAcrossParkSite, keyword.GetLocation(), "the enumerator of this foreach"));
            }
        }
    }

    /// <summary>C# 13 allows ref and ref struct locals in async methods as long as none lives across an await.</summary>
    private static bool AllowsRefLocalsInAsync(SyntaxTree tree) =>
        tree.Options is CSharpParseOptions options && (int)options.LanguageVersion >= CSharp13;

    public override void Visit(SyntaxNode? node)
    {
        // Every loop and goto of goroutine code gets a preemption checkpoint: an await point.
        _hasAwaitPoint |= !_inNestedFunction && node is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax
            or CommonForEachStatementSyntax or GotoStatementSyntax;
        base.Visit(node);
    }

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (ParkSites.Classify(node, _model, _known, _cancellationToken) != ParkKind.None)
        {
            _hasAwaitPoint |= !_inNestedFunction;
            Report(node, ParkSites.Describe(node));
            CheckSpill(node);
        }
        else if (!_inNestedFunction && ParkingLocalFunctions.ParkingCallee(node, _model, _parkingFunctions, _cancellationToken) is not null)
        {
            _hasAwaitPoint = true;
            CheckSpill(node);
        }

        base.VisitInvocationExpression(node);
    }

    public override void VisitVariableDeclarator(VariableDeclaratorSyntax node)
    {
        AddIfRefLocal(_model.GetDeclaredSymbol(node, _cancellationToken), node.Identifier);
        base.VisitVariableDeclarator(node);
    }

    public override void VisitSingleVariableDesignation(SingleVariableDesignationSyntax node)
    {
        AddIfRefLocal(_model.GetDeclaredSymbol(node, _cancellationToken), node.Identifier);
        base.VisitSingleVariableDesignation(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        AddIfRefLocal(_model.GetDeclaredSymbol(node, _cancellationToken), node.Identifier);
        CheckForEach(node);
        VisitForEach(node);
    }

    public override void VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        CheckForEach(node);
        VisitForEach(node);
    }

    /// <summary>The body of a <c>foreach</c> over a ref struct enumerator is a place where the twin cannot await.</summary>
    private void VisitForEach(CommonForEachStatementSyntax node)
    {
        if (!ParkSites.HasRefStructEnumerator(node, _model))
        {
            VisitChildren(node);
            return;
        }

        if (!_inNestedFunction)
        {
            _refStructEnumerators.Add(node.ForEachKeyword);
        }

        foreach (SyntaxNode child in node.ChildNodes())
        {
            if (child == node.Statement)
            {
                InContext("a foreach over a ref struct enumerator", child);
            }
            else
            {
                Visit(child);
            }
        }
    }

    public override void VisitLockStatement(LockStatementSyntax node)
    {
        Visit(node.Expression);
        InContext("a lock statement", node.Statement);
    }

    public override void VisitUnsafeStatement(UnsafeStatementSyntax node) => InContext("an unsafe block", node.Block);

    public override void VisitCatchFilterClause(CatchFilterClauseSyntax node) => InContext("an exception filter", node.FilterExpression);

    public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => VisitFunction(node);

    public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => VisitFunction(node);

    public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) => VisitFunction(node);

    public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        if (_parkingFunctions.Contains(node))
        {
            InParkingFunction(node);
            return;
        }

        InNestedFunction(node);
    }

    public override void VisitQueryExpression(QueryExpressionSyntax node) => InNestedFunction(node);

    private void VisitFunction(AnonymousFunctionExpressionSyntax node)
    {
        if (_parkingFunctions.Contains(node))
        {
            InParkingFunction(node);
            return;
        }

        if (!_inNestedFunction && GoroutineLambdas.CallOf(node, _model, _known, _cancellationToken, callStaysBlocking: _forbiddenContext is not null) is not null)
        {
            // A lambda passed as goroutine code (to go, or to a [GoroutineCode] parameter)
            // becomes an async lambda: goroutine code of its own, where parking is fine even if
            // the call itself sits inside a lock.
            string? saved = _forbiddenContext;
            _forbiddenContext = null;
            Visit(node.Body);
            _forbiddenContext = saved;
            return;
        }

        InNestedFunction(node);
    }

    /// <summary>A function that becomes an async local function: goroutine code wherever it is declared, starting with an await (its entry).</summary>
    private void InParkingFunction(SyntaxNode node)
    {
        string? savedContext = _forbiddenContext;
        bool savedNested = _inNestedFunction;
        _forbiddenContext = null;
        _inNestedFunction = false;
        _hasAwaitPoint = true;
        VisitChildren(node);
        _forbiddenContext = savedContext;
        _inNestedFunction = savedNested;
    }

    private void InNestedFunction(SyntaxNode node)
    {
        bool saved = _inNestedFunction;
        _inNestedFunction = true;
        VisitChildren(node);
        _inNestedFunction = saved;
    }

    private void VisitChildren(SyntaxNode node)
    {
        foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
        {
            if (child.AsNode() is SyntaxNode childNode)
            {
                Visit(childNode);
            }
        }
    }

    private void InContext(string context, SyntaxNode node)
    {
        string? saved = _forbiddenContext;
        _forbiddenContext ??= context;
        Visit(node);
        _forbiddenContext = saved;
    }

    private void CheckForEach(CommonForEachStatementSyntax node)
    {
        if (ParkSites.IsAwaitableForEach(node, _model, _known))
        {
            _hasAwaitPoint |= !_inNestedFunction;
            Report(node.ForEachKeyword, "foreach over a channel");
        }
    }

    /// <summary>A park site the twin awaits, after a ref struct temporary of its statement: evaluated first (recorded), or GOSH021.</summary>
    private void CheckSpill(InvocationExpressionSyntax parkSite)
    {
        if (_inNestedFunction || _forbiddenContext is not null || parkSite.Expression is MemberBindingExpressionSyntax)
        {
            return;
        }

        List<ExpressionSyntax>? plan = ParkSiteSpills.Plan(parkSite, _model, _known, _parkingFunctions, _cancellationToken, out StatementSyntax? statement, out string? reason);
        if (plan is null)
        {
            _into.Add(new RuleViolation(RuleId.RefStructTemporaryAcrossParkSite, parkSite.GetLocation(), "'" + ParkSites.Describe(parkSite) + "' follows a ref struct value of its statement and cannot be evaluated before it: " + reason));
        }
        else if (plan.Count > 0 && _spills is not null
            && (!_spills.TryGetValue(statement!, out List<ExpressionSyntax>? known) || known.Count < plan.Count))
        {
            _spills[statement!] = plan;
        }
    }

    /// <summary>A ref or ref struct local of goroutine code (nested functions keep theirs: they stay synchronous).</summary>
    private void AddIfRefLocal(ISymbol? symbol, SyntaxToken identifier)
    {
        if (!_inNestedFunction && symbol is ILocalSymbol local && (local.IsRef || local.Type.IsRefLikeType))
        {
            _refLocals.Add((identifier, local.Name));
        }
    }

    private void Report(SyntaxNodeOrToken where, string operation)
    {
        if (_inNestedFunction)
        {
            _into.Add(new RuleViolation(RuleId.BlockingInsideLambda, where.GetLocation()!, operation));
        }
        else if (_forbiddenContext is not null)
        {
            _into.Add(new RuleViolation(RuleId.ParkSiteInForbiddenContext, where.GetLocation()!, operation + "' inside " + _forbiddenContext));
        }
        else if (where.AsNode() is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } call
            && call.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is { } access)
        {
            // `c?.Receive()`: the rewriter awaits only a call whose receiver it can name.
            string receiver = access.Expression.WithoutTrivia().ToString();
            _into.Add(new RuleViolation(RuleId.ParkSiteInForbiddenContext, where.GetLocation()!,
                operation + "' behind '?.' (test for null first: if (" + receiver + " is not null) " + receiver + "." + operation + "(...))"));
        }
    }
}
