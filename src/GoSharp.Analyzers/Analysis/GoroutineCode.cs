using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>
/// Answers "is this code goroutine code?" for the usage rules (GOSH010 and up), once per
/// compilation. Goroutine code is the body of a <c>[Goroutine]</c> method, a lambda given to
/// <c>Go.go</c> (either overload) or to a parameter marked
/// <c>[GoSharp.CompilerServices.GoroutineCode]</c>, and the local functions and delegate locals of
/// a <c>[Goroutine]</c> method that park and do not escape (<see cref="ParkingLocalFunctions"/>).
/// Any other lambda, local function or member is ordinary code, even inside goroutine code.
/// One instance per compilation, shared by every usage rule.
/// </summary>
internal sealed class GoroutineCode
{
    /// <summary>
    /// The analysis of each live compilation (weakly held: it dies with the compilation), so that
    /// the rules running on one compilation share the parking-function searches.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, StrongBox<GoroutineCode?>> ByCompilation = new();

    /// <summary>Parking functions per <c>[Goroutine]</c> method body; the search binds the whole body, so it runs once.</summary>
    private readonly ConcurrentDictionary<SyntaxNode, HashSet<SyntaxNode>> _parkingFunctions = new();

    private GoroutineCode(KnownSymbols known, INamedTypeSymbol? once)
    {
        Known = known;
        Once = once;
    }

    /// <summary>GoSharp's well-known symbols in this compilation.</summary>
    public KnownSymbols Known { get; }

    private INamedTypeSymbol? Once { get; }

    /// <summary>The analysis for <paramref name="compilation"/>, or null when it does not reference the GoSharp runtime.</summary>
    public static GoroutineCode? From(Compilation compilation)
    {
        return ByCompilation.GetValue(compilation, static c =>
        {
            var known = KnownSymbols.From(c);
            return new StrongBox<GoroutineCode?>(known.HasRuntime ? new GoroutineCode(known, c.GetTypeByMetadataName("GoSharp.Once")) : null);
        }).Value;
    }

    /// <summary>
    /// The goroutine-code function whose own code <paramref name="node"/> is (a method declaration,
    /// lambda or local function), or null when the nearest enclosing function is ordinary code.
    /// </summary>
    public SyntaxNode? EnclosingGoroutine(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode? function = Functions.Enclosing(node);
        return function is not null && IsGoroutineFunction(function, model, cancellationToken) ? function : null;
    }

    /// <summary>True if <paramref name="function"/> (a member, lambda or local function) is goroutine code.</summary>
    public bool IsGoroutineFunction(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken) => function switch
    {
        MethodDeclarationSyntax method => model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol && Known.IsGoroutine(symbol),
        AnonymousFunctionExpressionSyntax lambda => StartOf(lambda, model, cancellationToken) is not null || IsParkingFunction(lambda, model, cancellationToken),
        LocalFunctionStatementSyntax local => IsParkingFunction(local, model, cancellationToken),
        _ => false,
    };

    /// <summary>
    /// If <paramref name="lambda"/> is handed to <c>go</c> or to a <c>[GoroutineCode]</c> parameter,
    /// the call it is handed to; otherwise null.
    /// </summary>
    public InvocationExpressionSyntax? StartOf(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken) =>
        GoroutineLambdas.StartedBy(lambda, model, Known, cancellationToken, out _, out _);

    /// <summary>
    /// Like <see cref="StartOf"/>, but only for calls that start a new goroutine: <c>go</c>,
    /// <c>WaitGroup.Go</c>, <c>ErrGroup.Go</c>, <c>AfterFunc</c>..., not <c>Once.Do</c>, whose
    /// function runs in the caller's goroutine.
    /// </summary>
    public InvocationExpressionSyntax? NewGoroutineStartOf(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax? start = StartOf(lambda, model, cancellationToken);
        return start is not null
            && model.GetSymbolInfo(start, cancellationToken).Symbol is IMethodSymbol method
            && (Once is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, Once))
            ? start
            : null;
    }

    private bool IsParkingFunction(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        // Only a [Goroutine] method's own nested functions become async local functions.
        MethodDeclarationSyntax? method = null;
        foreach (SyntaxNode ancestor in function.Ancestors())
        {
            if (ancestor is MemberDeclarationSyntax member)
            {
                method = member as MethodDeclarationSyntax;
                break;
            }
        }

        SyntaxNode? body = (SyntaxNode?)method?.Body ?? method?.ExpressionBody;
        if (body is null || model.GetDeclaredSymbol(method!, cancellationToken) is not IMethodSymbol symbol || !Known.IsGoroutine(symbol))
        {
            return false;
        }

        HashSet<SyntaxNode> parking = _parkingFunctions.GetOrAdd(
            body,
            b => ParkingLocalFunctions.Find(b, model, Known, cancellationToken));
        return parking.Contains(function);
    }
}
