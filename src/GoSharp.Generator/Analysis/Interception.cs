using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// Which <c>go(() =&gt; F(args))</c>, <c>wg.Go(() =&gt; F(args))</c>, <c>Go.Run(() =&gt; F(args))</c>, <c>Go.RunAsync(() =&gt; F(args))</c>,
/// <c>SyncTest.Run(() =&gt; F(args), seed)</c> and <c>SyncTest.Explore(() =&gt; F(args), runs)</c>
/// sites of ordinary code the generator intercepts, so that <c>F</c>'s receiver and arguments are
/// evaluated at the call, as Go evaluates a go statement's: those whose <c>F</c> is a
/// <c>[Goroutine]</c> method with a twin, and go statements (and <c>wg.Go</c>) of an ordinary method the
/// interceptors' class can call. Shared with the analyzers, which warn where a go statement's
/// arguments are read late (GOSH017).
/// </summary>
internal static class Interception
{
    /// <summary>
    /// True if the compilation lets <see cref="GeneratedNames.GeneratedNamespace"/> intercept (MSBuild's
    /// <c>InterceptorsNamespaces</c>/<c>InterceptorsPreviewNamespaces</c> reach the compiler as
    /// features). Without the opt-in no interceptor is emitted, so the consumer still compiles
    /// (its go calls then run the lambda as a thread-blocking goroutine).
    /// </summary>
    public static bool IsEnabled(ParseOptions options)
    {
        foreach (KeyValuePair<string, string> feature in options.Features)
        {
            if ((feature.Key == "InterceptorsNamespaces" || feature.Key == "InterceptorsPreviewNamespaces")
                && feature.Value.Split(';', ',').Any(ns => ns.Trim() == GeneratedNames.GeneratedNamespace))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the inner interceptor of <paramref name="invocation"/> (<c>go|wg.Go|Run|RunAsync(() =&gt; F(args))</c>)
    /// calls, with the API and <c>F</c>; null if the site is not intercepted.
    /// </summary>
    public static InterceptedCallee? Of(InvocationExpressionSyntax invocation, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken, out InterceptedApi api, out IMethodSymbol? callee)
    {
        api = default;
        callee = null;
        Compilation compilation = model.Compilation;
        if (!known.HasRuntime
            || invocation.ArgumentList.Arguments.Count is not (1 or 2)
            || invocation.ArgumentList.Arguments[0].Expression is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 0, ExpressionBody: InvocationExpressionSyntax inner }
            || invocation.ArgumentList.Arguments[0].NameColon is not null
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol outer
            || ApiOf(outer, known) is not InterceptedApi outerApi
            || inner.Expression is MemberBindingExpressionSyntax
            || model.GetSymbolInfo(inner, cancellationToken).Symbol is not IMethodSymbol called
            || called.ReducedFrom is not null
            || CalleeKind(called, outerApi, known, compilation) is not InterceptedCallee kind
            || !TypeNames.IsNameable(called.ContainingType, compilation, fromOutsideType: true)
            || called.Parameters.Any(p => !TypeNames.IsNameable(p.Type, compilation, fromOutsideType: true))
            || called.TypeArguments.Any(t => !TypeNames.IsNameable(t, compilation, fromOutsideType: true))
            || (!called.ReturnsVoid && !TypeNames.IsNameable(called.ReturnType, compilation, fromOutsideType: true)))
        {
            return null;
        }

        api = outerApi;
        callee = called;
        return kind;
    }

    /// <summary>
    /// What the inner interceptor calls: F's twin; or, for a go statement or <c>wg.Go</c>, F itself (or its
    /// awaitable form) when the interceptors' class can call it — accessible throughout the
    /// assembly, an ordinary method of a class (not a local function), no <c>ref</c>/<c>out</c>/<c>in</c> parameters; otherwise null.
    /// </summary>
    private static InterceptedCallee? CalleeKind(IMethodSymbol callee, InterceptedApi api, KnownSymbols known, Compilation compilation)
    {
        IMethodSymbol definition = callee.OriginalDefinition;
        if (known.IsGoroutine(definition))
        {
            return ParkSites.HasTwin(definition, known) ? InterceptedCallee.Twin : null;
        }

        if (api is not (InterceptedApi.Go or InterceptedApi.WaitGroupGo)
            || callee.MethodKind != MethodKind.Ordinary
            || callee.ContainingType.IsValueType
            || callee.Parameters.Any(p => p.RefKind != RefKind.None)
            || !compilation.IsSymbolAccessibleWithin(definition, compilation.Assembly))
        {
            return null;
        }

        return known.AwaitableFormOf(definition) is not null && !known.IsSelect(definition) ? InterceptedCallee.AwaitableForm : InterceptedCallee.Method;
    }

    private static InterceptedApi? ApiOf(IMethodSymbol outer, KnownSymbols known)
    {
        if (known.IsWaitGroupGo(outer))
        {
            // Go(Action) only: Go(Func<GoTask>) already runs goroutine code.
            return outer.Parameters.Length == 1 && outer.Parameters[0].Type.ToDisplayString() == "System.Action"
                ? InterceptedApi.WaitGroupGo
                : null;
        }

        bool go = SymbolEqualityComparer.Default.Equals(outer.ContainingType, known.Go);
        bool syncTest = known.SyncTest is not null && SymbolEqualityComparer.Default.Equals(outer.ContainingType, known.SyncTest);
        if ((!go && !syncTest)
            || outer.Parameters.Length != (go ? 1 : 2)
            || outer.Parameters[0].Type is not INamedTypeSymbol delegateType)
        {
            return null;
        }

        bool action = delegateType.SpecialType == SpecialType.None
            && delegateType.ToDisplayString() == "System.Action";
        bool func = delegateType.IsGenericType
            && delegateType.ConstructedFrom.ToDisplayString() == "System.Func<TResult>"
            && !delegateType.TypeArguments[0].ToDisplayString().StartsWith("GoSharp.CompilerServices.GoTask", System.StringComparison.Ordinal);
        if (syncTest)
        {
            return outer.Name switch
            {
                "Run" when action || func => InterceptedApi.SyncTestRun,
                "Explore" when action => InterceptedApi.SyncTestExplore,
                _ => null,
            };
        }

        return outer.Name switch
        {
            "go" when action => InterceptedApi.Go,
            "Run" when action || func => InterceptedApi.Run,
            "RunAsync" when action || func => InterceptedApi.RunAsync,
            _ => null,
        };
    }
}
