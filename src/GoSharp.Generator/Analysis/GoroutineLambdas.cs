using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// Lambdas that are goroutine code because of where they are passed: to <c>go(...)</c> (either
/// overload: a lambda whose end is unreachable, <c>go(() =&gt; { for (;;) { ... } })</c>, binds to
/// <c>go(Func&lt;GoTask&gt;)</c>), or to any parameter marked <c>[GoroutineCode]</c>
/// (<c>WaitGroup.Go</c>, <c>ErrGroup.Go</c>, <c>AfterFunc</c>, <c>Once.Do</c>, and user
/// libraries that opt in). Inside goroutine code the rewriter turns such a lambda into an
/// <c>async</c> lambda whose blocking operations park; overload resolution then picks the
/// method's async-delegate overload, which must exist (checked here, so the rewrite never breaks
/// the build).
/// </summary>
internal static class GoroutineLambdas
{
    /// <summary>
    /// If <paramref name="function"/> is a non-async lambda or anonymous method passed where
    /// goroutine code is expected, and the call has the overload that takes it once it is async,
    /// the call it is passed to: the rewriter makes it async. Otherwise null.
    /// </summary>
    /// <param name="function">The lambda or anonymous method.</param>
    /// <param name="model">The semantic model of its file.</param>
    /// <param name="known">GoSharp's well-known symbols.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="callStaysBlocking">
    /// True where the twin cannot await (a lock body...): a blocking call keeps its name there, so
    /// its own overload must take the async function; elsewhere it becomes its awaitable form, whose
    /// overload must.
    /// </param>
    public static InvocationExpressionSyntax? CallOf(AnonymousFunctionExpressionSyntax function, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken, bool callStaysBlocking = false)
    {
        if (function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
            || StartedBy(function, model, known, cancellationToken, out IMethodSymbol? method, out IParameterSymbol? parameter) is not InvocationExpressionSyntax invocation)
        {
            return null;
        }

        return known.IsGoStatement(method!) || HasAsyncOverload(method!, parameter!, known, callStaysBlocking) ? invocation : null;
    }

    /// <summary>
    /// If <paramref name="function"/> (async or not) is passed to <c>go</c> or to a
    /// <c>[GoroutineCode]</c> parameter, so that it runs as goroutine code, the call it is passed
    /// to, with the method and the parameter; otherwise null.
    /// </summary>
    public static InvocationExpressionSyntax? StartedBy(AnonymousFunctionExpressionSyntax function, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken, out IMethodSymbol? method, out IParameterSymbol? parameter)
    {
        method = null;
        parameter = null;
        if (function.Parent is not ArgumentSyntax argument
            || argument.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation }
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol called
            || ParameterOf(argument, called) is not IParameterSymbol bound
            || bound.Type is not INamedTypeSymbol { DelegateInvokeMethod: not null })
        {
            return null;
        }

        method = called;
        parameter = bound;
        return known.IsGoStatement(called) || known.IsGoroutineCode(bound.OriginalDefinition) ? invocation : null;
    }

    /// <summary>The parameter <paramref name="argument"/> binds to (by name or by position, <c>params</c> included).</summary>
    public static IParameterSymbol? ParameterOf(ArgumentSyntax argument, IMethodSymbol method)
    {
        if (argument.NameColon is { } name)
        {
            return method.Parameters.FirstOrDefault(p => p.Name == name.Name.Identifier.ValueText);
        }

        if (argument.Parent is not ArgumentListSyntax list)
        {
            return null;
        }

        int index = list.Arguments.IndexOf(argument);
        if (index < method.Parameters.Length)
        {
            return method.Parameters[index];
        }

        return method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams
            ? method.Parameters[method.Parameters.Length - 1]
            : null;
    }

    /// <summary>True if the call is one of <c>Go.go</c>'s overloads with <paramref name="function"/> as its goroutine.</summary>
    public static bool IsGoStatement(AnonymousFunctionExpressionSyntax function, InvocationExpressionSyntax call, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken) =>
        call.ArgumentList.Arguments.Count == 1
        && call.ArgumentList.Arguments[0].Expression == function
        && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
        && known.IsGoStatement(method);

    /// <summary>
    /// True if the call, as the twin writes it, accepts an async lambda in place of
    /// <paramref name="parameter"/>: the awaitable form of a blocking method, or the method itself
    /// where it is not blocking or stays blocking.
    /// </summary>
    private static bool HasAsyncOverload(IMethodSymbol method, IParameterSymbol parameter, KnownSymbols known, bool callStaysBlocking)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        int index = parameter.Ordinal + (method.ReducedFrom is null ? 0 : 1);
        if (definition.Parameters[index].Type is not INamedTypeSymbol { DelegateInvokeMethod: not null } delegateType)
        {
            return false;
        }

        string? awaitable = callStaysBlocking ? null : known.AwaitableFormOf(definition);
        return HasAsyncOverload(definition, awaitable ?? definition.Name, index, delegateType, known);
    }

    private static bool HasAsyncOverload(IMethodSymbol definition, string name, int index, INamedTypeSymbol delegateType, KnownSymbols known) =>
        definition.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(candidate =>
            candidate.Parameters.Length == definition.Parameters.Length
            && candidate.Arity == definition.Arity
            && Enumerable.Range(0, candidate.Parameters.Length).All(i => i == index
                ? IsAsyncFormOf(candidate.Parameters[i].Type, delegateType, known)
                : SameType(candidate.Parameters[i].Type, definition.Parameters[i].Type)));

    /// <summary>The same type, reading a method's type parameters by position (overloads each have their own).</summary>
    private static bool SameType(ITypeSymbol a, ITypeSymbol b) =>
        a is ITypeParameterSymbol p && b is ITypeParameterSymbol q
            ? p.Ordinal == q.Ordinal && p.TypeParameterKind == q.TypeParameterKind
            : SymbolEqualityComparer.Default.Equals(a.OriginalDefinition, b.OriginalDefinition)
                && (a is not INamedTypeSymbol na || b is not INamedTypeSymbol nb || na.TypeArguments.Zip(nb.TypeArguments, SameType).All(same => same));

    /// <summary>
    /// True if <paramref name="candidate"/> is the async form of <paramref name="delegateType"/>:
    /// the same type if that already returns a <c>GoTask</c>; otherwise <c>Func</c> of the same
    /// parameters returning <c>GoTask</c> (for void) or <c>GoTask&lt;TResult&gt;</c>.
    /// </summary>
    private static bool IsAsyncFormOf(ITypeSymbol candidate, INamedTypeSymbol delegateType, KnownSymbols known)
    {
        IMethodSymbol invoke = delegateType.DelegateInvokeMethod!;
        if (known.IsGoTask(invoke.ReturnType))
        {
            return SameType(candidate, delegateType);
        }

        if (candidate is not INamedTypeSymbol { DelegateInvokeMethod: IMethodSymbol candidateInvoke }
            || !SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, known.Func(invoke.Parameters.Length + 1))
            || candidateInvoke.Parameters.Length != invoke.Parameters.Length)
        {
            return false;
        }

        for (int i = 0; i < invoke.Parameters.Length; i++)
        {
            if (!SameType(candidateInvoke.Parameters[i].Type, invoke.Parameters[i].Type))
            {
                return false;
            }
        }

        ITypeSymbol result = candidateInvoke.ReturnType;
        return invoke.ReturnsVoid
            ? SymbolEqualityComparer.Default.Equals(result, known.GoTask)
            : SymbolEqualityComparer.Default.Equals(result.OriginalDefinition, known.GenericGoTask)
                && SameType(((INamedTypeSymbol)result).TypeArguments[0], invoke.ReturnType);
    }
}
