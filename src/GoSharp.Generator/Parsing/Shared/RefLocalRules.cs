using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// GOSH009: a <c>ref</c> local or a local of a ref struct type (<c>Span&lt;T&gt;</c>,
/// <c>stackalloc</c>...) in a <c>[Goroutine]</c> method whose twin awaits. C# forbids such a local
/// across an <c>await</c>, so a twin of the method might not compile: the generator skips the method,
/// as for the signature rules. No liveness analysis: any such local in a body with any await point
/// is reported. Await points are park sites (blocking operations, <c>foreach</c> over a channel)
/// and preemption checkpoints (loops and <c>goto</c>). Lambdas, anonymous methods, local
/// functions and queries are not goroutine code and are not looked at, except the lambda of a go
/// statement (an async lambda in the twin) and local functions that park (async local functions
/// in the twin, see <see cref="ParkingLocalFunctions"/>). Before C# 13 an async method cannot have such a local
/// at all, so every one is reported.
/// </summary>
internal sealed class RefLocalRules : CSharpSyntaxWalker
{
    private readonly SemanticModel _model;
    private readonly KnownSymbols _known;
    private readonly CancellationToken _cancellationToken;
    private readonly List<(SyntaxToken Identifier, string Name)> _locals = new();
    private readonly HashSet<SyntaxNode> _parkingFunctions;
    private bool _hasAwaitPoint;

    private RefLocalRules(SyntaxNode body, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        _model = model;
        _known = known;
        _cancellationToken = cancellationToken;

        // By signature: deciding whether another method has a twin must not recurse into bodies.
        _parkingFunctions = ParkingLocalFunctions.Find(body, model, known, bySignature: true, cancellationToken);
    }

    /// <summary>Adds a GOSH009 violation for each ref or ref struct local of a body that has await points.</summary>
    public static void Check(SyntaxNode body, SemanticModel model, KnownSymbols known, List<RuleViolation> into, CancellationToken cancellationToken)
    {
        var walker = new RefLocalRules(body, model, known, cancellationToken);
        walker.Visit(body);
        if (!walker._hasAwaitPoint && AllowsRefLocalsInAsync(body.SyntaxTree))
        {
            return;
        }

        foreach ((SyntaxToken identifier, string name) in walker._locals)
        {
            into.Add(new RuleViolation(RuleId.RefLocalAcrossParkSite, identifier.GetLocation(), name));
        }
    }

    /// <summary>True if the body breaks GOSH009: the method gets no twin.</summary>
    public static bool HasViolation(SyntaxNode body, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        var violations = new List<RuleViolation>();
        Check(body, model, known, violations, cancellationToken);
        return violations.Count > 0;
    }

    /// <summary>True if the source method <paramref name="method"/> breaks GOSH009 (false for a method from metadata).</summary>
    public static bool HasViolation(IMethodSymbol method, KnownSymbols known, CancellationToken cancellationToken)
    {
        MethodDeclarationSyntax? declaration = SignatureRules.DeclarationOf(method);
        SyntaxNode? body = (SyntaxNode?)declaration?.Body ?? declaration?.ExpressionBody;
        if (body is null || !known.Compilation.ContainsSyntaxTree(body.SyntaxTree))
        {
            return false;
        }

#pragma warning disable RS1030 // The callee's body may be in another file than the one being analyzed.
        SemanticModel model = known.Compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
        return HasViolation(body, model, known, cancellationToken);
    }

    /// <summary>
    /// C# 13 allows ref and ref struct locals in async methods as long as none lives across an
    /// await; before it, the async twin cannot have any, await point or not.
    /// </summary>
    private static bool AllowsRefLocalsInAsync(SyntaxTree tree) =>
        tree.Options is CSharpParseOptions options && (int)options.LanguageVersion >= CSharp13;

    /// <summary><c>LanguageVersion.CSharp13</c>, which Roslyn 4.11 does not name.</summary>
    private const int CSharp13 = 1300;

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

    public override void Visit(SyntaxNode? node)
    {
        // Every loop and goto gets a preemption checkpoint: an await point.
        _hasAwaitPoint |= node is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax
            or CommonForEachStatementSyntax or GotoStatementSyntax;
        base.Visit(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        AddIfRefLocal(_model.GetDeclaredSymbol(node, _cancellationToken), node.Identifier);
        base.VisitForEachStatement(node);
    }

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (!_hasAwaitPoint
            && (ParkSites.ClassifyBySignature(node, _model, _known, _cancellationToken) != ParkKind.None
                || ParkingLocalFunctions.ParkingCallee(node, _model, _parkingFunctions, _cancellationToken) is not null))
        {
            _hasAwaitPoint = true;
        }

        base.VisitInvocationExpression(node);
    }

    public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => VisitFunction(node);

    public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => VisitFunction(node);

    public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        // Not goroutine code.
    }

    public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        // Not goroutine code, unless it parks and becomes an async local function (which starts
        // with a checkpoint: an await point).
        if (_parkingFunctions.Contains(node))
        {
            VisitAsyncBody((SyntaxNode?)node.Body ?? node.ExpressionBody);
        }
    }

    public override void VisitQueryExpression(QueryExpressionSyntax node)
    {
        // Not goroutine code.
    }

    private void VisitFunction(AnonymousFunctionExpressionSyntax node)
    {
        // The lambda of a go statement becomes an async lambda, and a parking delegate local an
        // async local function: their own locals and awaits count.
        if (_parkingFunctions.Contains(node))
        {
            VisitAsyncBody(node.Body);
        }
        else if (ParkSites.GoStatementOf(node, _model, _known, _cancellationToken) is not null)
        {
            Visit(node.Body);
        }
    }

    /// <summary>The body of a parking function: async in the twin, starting with an await (its entry).</summary>
    private void VisitAsyncBody(SyntaxNode? body)
    {
        _hasAwaitPoint = true;
        Visit(body);
    }

    private void AddIfRefLocal(ISymbol? symbol, SyntaxToken identifier)
    {
        if (symbol is ILocalSymbol local && (local.IsRef || local.Type.IsRefLikeType))
        {
            _locals.Add((identifier, local.Name));
        }
    }
}
