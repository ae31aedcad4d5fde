using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Parsing;

/// <summary>
/// Finds <c>go(() =&gt; F(args))</c>, <c>Go.Run(() =&gt; F(args))</c> and
/// <c>Go.RunAsync(() =&gt; F(args))</c> where F is a <c>[Goroutine]</c> method with a twin, in any
/// code (inside a twin they are rewritten instead; the user's own method body is still ordinary
/// code and is intercepted too).
/// </summary>
internal static class InterceptorParser
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

    /// <summary>Syntax-only filter: <c>go|Run|RunAsync(() =&gt; call(...))</c>.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken)
    {
        if (node is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
            || invocation.ArgumentList.Arguments[0].Expression is not ParenthesizedLambdaExpressionSyntax lambda
            || lambda.ParameterList.Parameters.Count != 0
            || lambda.ExpressionBody is not InvocationExpressionSyntax)
        {
            return false;
        }

        string? name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        return name is "go" or "Run" or "RunAsync";
    }

    public static InterceptorSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var lambda = (ParenthesizedLambdaExpressionSyntax)invocation.ArgumentList.Arguments[0].Expression;
        var inner = (InvocationExpressionSyntax)lambda.ExpressionBody!;
        SemanticModel model = context.SemanticModel;
        Compilation compilation = model.Compilation;
        var known = KnownSymbols.From(compilation);
        if (!known.HasRuntime
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol outer
            || !SymbolEqualityComparer.Default.Equals(outer.ContainingType, known.Go)
            || ApiOf(outer) is not InterceptedApi api
            || inner.Expression is MemberBindingExpressionSyntax
            || model.GetSymbolInfo(inner, cancellationToken).Symbol is not IMethodSymbol callee
            || callee.ReducedFrom is not null
            || !known.IsGoroutine(callee.OriginalDefinition)
            || !ParkSites.HasTwin(callee.OriginalDefinition, known)
            || !TypeNames.IsNameable(callee.ContainingType, compilation, fromOutsideType: true)
            || callee.Parameters.Any(p => !TypeNames.IsNameable(p.Type, compilation, fromOutsideType: true))
            || callee.TypeArguments.Any(t => !TypeNames.IsNameable(t, compilation, fromOutsideType: true))
            || (!callee.ReturnsVoid && !TypeNames.IsNameable(callee.ReturnType, compilation, fromOutsideType: true)))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RSEXPERIMENTAL002 // GetInterceptableLocation is experimental in Roslyn 4.11
        InterceptableLocation? outerLocation = model.GetInterceptableLocation(invocation, cancellationToken);
        InterceptableLocation? innerLocation = model.GetInterceptableLocation(inner, cancellationToken);
        if (outerLocation is null || innerLocation is null)
        {
            return null;
        }

        var parameters = new List<string>();
        var arguments = new List<string>();
        string target;
        string twinName = GeneratedNames.TwinName(callee.Name);
        if (callee.IsStatic)
        {
            target = TypeNames.Of(callee.ContainingType) + "." + twinName;
        }
        else
        {
            parameters.Add("this " + TypeNames.Of(callee.ContainingType) + " @this");
            target = "@this." + twinName;
        }

        if (callee.IsGenericMethod)
        {
            target += "<" + string.Join(", ", callee.TypeArguments.Select(t => TypeNames.Of(t))) + ">";
        }

        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            parameters.Add((parameter.IsParams ? "params " : "") + TypeNames.Of(parameter.Type) + " p" + i);
            arguments.Add("p" + i);
        }

        FileLinePositionSpan span = invocation.GetLocation().GetLineSpan();
        return new InterceptorSpec(
            api,
            SortKey: span.Path + "|" + invocation.SpanStart.ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
            Outer: new InterceptedCall(outerLocation.Version, outerLocation.Data, outerLocation.GetDisplayLocation()),
            Inner: new InterceptedCall(innerLocation.Version, innerLocation.Data, innerLocation.GetDisplayLocation()),
            InnerParameters: string.Join(", ", parameters),
            InnerArguments: string.Join(", ", arguments),
            TwinTarget: target,
            ReturnType: callee.ReturnsVoid ? null : TypeNames.Of(callee.ReturnType));
#pragma warning restore RSEXPERIMENTAL002
    }

    private static InterceptedApi? ApiOf(IMethodSymbol outer)
    {
        if (outer.Parameters.Length != 1 || outer.Parameters[0].Type is not INamedTypeSymbol delegateType)
        {
            return null;
        }

        bool action = delegateType.SpecialType == SpecialType.None
            && delegateType.ToDisplayString() == "System.Action";
        bool func = delegateType.IsGenericType
            && delegateType.ConstructedFrom.ToDisplayString() == "System.Func<TResult>"
            && !delegateType.TypeArguments[0].ToDisplayString().StartsWith("GoSharp.CompilerServices.GoTask", System.StringComparison.Ordinal);
        return outer.Name switch
        {
            "go" when action => InterceptedApi.Go,
            "Run" when action || func => InterceptedApi.Run,
            "RunAsync" when action || func => InterceptedApi.RunAsync,
            _ => null,
        };
    }
}
