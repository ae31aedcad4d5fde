using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// The checks on a <c>[Goroutine]</c> method's body (GOSH006, GOSH007): park sites the twin leaves
/// as blocking calls because it cannot await there. It walks the body the way the rewriter does:
/// lambdas and local functions are not goroutine code, except the lambda of a go statement, which
/// is a goroutine of its own, and local functions that park and do not escape, which become async
/// (see <see cref="ParkingLocalFunctions"/>).
/// </summary>
internal sealed class BodyRules : CSharpSyntaxWalker
{
    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly List<RuleViolation> _into;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<SyntaxNode> _parkingFunctions;
    private string? _forbiddenContext;
    private bool _inNestedFunction;

    private BodyRules(SyntaxNode body, SemanticModel model, KnownSymbols known, List<RuleViolation> into, CancellationToken cancellationToken)
    {
        _model = model;
        _known = known;
        _into = into;
        _cancellationToken = cancellationToken;
        _parkingFunctions = ParkingLocalFunctions.Find(body, model, known, bySignature: false, cancellationToken);
    }

    /// <summary>Adds the body-level violations of a method body to <paramref name="into"/>.</summary>
    public static void Check(SyntaxNode body, SemanticModel model, KnownSymbols known, List<RuleViolation> into, CancellationToken cancellationToken) =>
        new BodyRules(body, model, known, into, cancellationToken).Visit(body);

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        ParkKind kind = ParkSites.Classify(node, _model, _known, _cancellationToken);
        if (kind != ParkKind.None)
        {
            Report(node, ParkSites.Describe(node));
        }

        base.VisitInvocationExpression(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        CheckForEach(node);
        base.VisitForEachStatement(node);
    }

    public override void VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        CheckForEach(node);
        base.VisitForEachVariableStatement(node);
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

        if (!_inNestedFunction && ParkSites.GoStatementOf(node, _model, _known, _cancellationToken) is not null)
        {
            // The go statement's lambda becomes an async lambda: a goroutine of its own, where
            // parking is fine even if the go statement itself sits inside a lock.
            string? saved = _forbiddenContext;
            _forbiddenContext = null;
            base.Visit(node.Body);
            _forbiddenContext = saved;
            return;
        }

        InNestedFunction(node);
    }

    /// <summary>A function that becomes an async local function: goroutine code, wherever it is declared.</summary>
    private void InParkingFunction(SyntaxNode node)
    {
        string? savedContext = _forbiddenContext;
        bool savedNested = _inNestedFunction;
        _forbiddenContext = null;
        _inNestedFunction = false;
        DefaultVisitChildren(node);
        _forbiddenContext = savedContext;
        _inNestedFunction = savedNested;
    }

    private void InNestedFunction(SyntaxNode node)
    {
        bool saved = _inNestedFunction;
        _inNestedFunction = true;
        DefaultVisitChildren(node);
        _inNestedFunction = saved;
    }

    private void DefaultVisitChildren(SyntaxNode node)
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
            Report(node.ForEachKeyword, "foreach over a channel");
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
    }
}
