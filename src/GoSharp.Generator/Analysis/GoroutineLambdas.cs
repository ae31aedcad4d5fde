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
    /// goroutine code is expected, the call it is passed to; otherwise null.
    /// </summary>
    public static InvocationExpressionSyntax? CallOf(AnonymousFunctionExpressionSyntax function, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        if (function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
            || function.Parent is not ArgumentSyntax argument
            || argument.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || ParameterOf(argument, list, method) is not IParameterSymbol parameter
            || parameter.Type is not INamedTypeSymbol { DelegateInvokeMethod: not null })
        {
            return null;
        }

        if (known.IsGoStatement(method))
        {
            return invocation;
        }

        return known.IsGoroutineCode(parameter.OriginalDefinition) && HasAsyncOverloads(method, parameter, known) ? invocation : null;
    }

    /// <summary>True if the call is one of <c>Go.go</c>'s overloads with <paramref name="function"/> as its goroutine.</summary>
    public static bool IsGoStatement(AnonymousFunctionExpressionSyntax function, InvocationExpressionSyntax call, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken) =>
        call.ArgumentList.Arguments.Count == 1
        && call.ArgumentList.Arguments[0].Expression == function
        && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
        && known.IsGoStatement(method);

    private static IParameterSymbol? ParameterOf(ArgumentSyntax argument, ArgumentListSyntax list, IMethodSymbol method)
    {
        if (argument.NameColon is { } name)
        {
            return method.Parameters.FirstOrDefault(p => p.Name == name.Name.Identifier.ValueText);
        }

        int index = list.Arguments.IndexOf(argument);
        return index < method.Parameters.Length ? method.Parameters[index] : null;
    }

    /// <summary>
    /// True if every form the rewritten call may take accepts an async lambda in place of
    /// <paramref name="parameter"/>: the method's own name (kept where the twin cannot await, in a
    /// lock) and, for a blocking method, its awaitable form.
    /// </summary>
    private static bool HasAsyncOverloads(IMethodSymbol method, IParameterSymbol parameter, KnownSymbols known)
    {
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        int index = parameter.Ordinal + (method.ReducedFrom is null ? 0 : 1);
        if (definition.Parameters[index].Type is not INamedTypeSymbol { DelegateInvokeMethod: not null } delegateType)
        {
            return false;
        }

        string? awaitable = known.AwaitableFormOf(definition);
        return HasAsyncOverload(definition, definition.Name, index, delegateType, known)
            && (awaitable is null || HasAsyncOverload(definition, awaitable, index, delegateType, known));
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
