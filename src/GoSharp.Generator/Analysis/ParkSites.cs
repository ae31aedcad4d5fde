using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// Finds park sites: the operations that park a goroutine once rewritten. Shared by the
/// generator's rewriter and the analyzers, so that both agree on what is rewritten.
/// </summary>
internal static class ParkSites
{
    /// <summary>Classifies a call.</summary>
    public static ParkKind Classify(InvocationExpressionSyntax invocation, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken) =>
        Classify(invocation, model, known, cancellationToken, out _);

    /// <summary>
    /// Classifies a call and returns the method it calls. A call to a <c>[Goroutine]</c> method
    /// depends only on the callee's signature (<see cref="HasTwin"/>), never on its body, so the
    /// answer is cheap, the same from every call site, and cannot recurse through goroutines
    /// that call each other.
    /// </summary>
    public static ParkKind Classify(InvocationExpressionSyntax invocation, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken, out IMethodSymbol? method)
    {
        method = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        if (method is null)
        {
            return ParkKind.None;
        }

        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        string? awaitable = known.AwaitableFormOf(definition);
        if (awaitable is not null)
        {
            return known.IsSelect(definition) && definition.Parameters.Length > 0 ? ParkKind.Select : ParkKind.AwaitableForm;
        }

        return known.IsGoroutine(definition) && HasTwin(definition, known) ? ParkKind.GoroutineCall : ParkKind.None;
    }

    /// <summary>
    /// True if a <c>foreach</c> ranges over something whose <c>GetEnumerator</c> has an awaitable
    /// form named <c>GetAsyncEnumerator</c> (a channel): it becomes <c>await foreach</c>.
    /// </summary>
    public static bool IsAwaitableForEach(CommonForEachStatementSyntax forEach, SemanticModel model, KnownSymbols known)
    {
        if (forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            return false;
        }

        IMethodSymbol? getEnumerator = model.GetForEachStatementInfo(forEach).GetEnumeratorMethod;
        return getEnumerator is not null
            && known.AwaitableFormOf(getEnumerator.OriginalDefinition) == "GetAsyncEnumerator";
    }

    /// <summary>
    /// True if a <c>foreach</c> walks a ref struct enumerator (<c>Span&lt;T&gt;</c>,
    /// <c>ReadOnlySpan&lt;T&gt;</c>...), which an async method cannot keep across an await: its body
    /// is a place where the twin cannot await, like a lock body.
    /// </summary>
    public static bool HasRefStructEnumerator(CommonForEachStatementSyntax forEach, SemanticModel model) =>
        !forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
        && model.GetForEachStatementInfo(forEach).GetEnumeratorMethod?.ReturnType.IsRefLikeType == true;

    /// <summary>
    /// True if <paramref name="method"/> (a <c>[Goroutine]</c> method) has a twin to call: in this
    /// compilation when its signature passes <see cref="SignatureRules"/> (a body the rewriter cannot
    /// handle still gets a twin, which runs the original body: see <see cref="BodyRules"/>), in a
    /// referenced assembly when the twin is there.
    /// </summary>
    public static bool HasTwin(IMethodSymbol method, KnownSymbols known)
    {
        if (method.DeclaringSyntaxReferences.Length > 0)
        {
            return SignatureRules.IsRewritable(method);
        }

        string twinName = GeneratedNames.TwinName(method.Name);
        return method.ContainingType.GetMembers(twinName).OfType<IMethodSymbol>().Any(twin =>
            twin.Parameters.Length == method.Parameters.Length + 1
            && twin.Arity == method.Arity
            && SymbolEqualityComparer.Default.Equals(twin.Parameters[0].Type, known.GoroutineEntry)
            && twin.Parameters.Skip(1).Zip(method.Parameters, (a, b) => a.Name == b.Name).All(same => same));
    }

    /// <summary>A short name for the operation, for messages: e.g. <c>Send</c>, <c>Select</c>, <c>foreach over a channel</c>.</summary>
    public static string Describe(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => invocation.Expression.ToString(),
    };
}
