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
/// Finds <c>go(() =&gt; F(args))</c>, <c>wg.Go(() =&gt; F(args))</c>, <c>Go.Run(() =&gt; F(args))</c> and
/// <c>Go.RunAsync(() =&gt; F(args))</c> where F is a <c>[Goroutine]</c> method with a twin, and
/// <c>go</c>/<c>wg.Go(() =&gt; F(args))</c> where F is an ordinary method the interceptors can call (so that its
/// arguments are evaluated at the go statement, as Go's are), in any code (inside a twin they are
/// rewritten instead; the user's own method body is still ordinary code and is intercepted too).
/// </summary>
internal static class InterceptorParser
{
    /// <summary>Syntax-only filter: <c>go|Go|Run|RunAsync|Explore(() =&gt; call(...)[, x])</c>.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken)
    {
        if (node is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 or 2 } invocation
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
        return name is "go" or "Go" or "Run" or "RunAsync" or "Explore";
    }

    /// <summary>The spec of a go/Run site whose calls can be intercepted (see <see cref="Interception"/>), or null.</summary>
    public static InterceptorSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var lambda = (ParenthesizedLambdaExpressionSyntax)invocation.ArgumentList.Arguments[0].Expression;
        var inner = (InvocationExpressionSyntax)lambda.ExpressionBody!;
        SemanticModel model = context.SemanticModel;
        var known = KnownSymbols.From(model.Compilation);
        if (Interception.Of(invocation, model, known, cancellationToken, out InterceptedApi api, out IMethodSymbol? intercepted) is not InterceptedCallee kind)
        {
            return null;
        }

        IMethodSymbol callee = intercepted!;
        cancellationToken.ThrowIfCancellationRequested();
#pragma warning disable RSEXPERIMENTAL002 // GetInterceptableLocation is experimental in Roslyn 4.11
        InterceptableLocation? outerLocation = model.GetInterceptableLocation(invocation, cancellationToken);
        InterceptableLocation? innerLocation = model.GetInterceptableLocation(inner, cancellationToken);
        if (outerLocation is null || innerLocation is null)
        {
            return null;
        }

        var parameters = new List<string>();
        var plainParameters = new List<string>();
        var arguments = new List<string>();
        string name = kind switch
        {
            InterceptedCallee.Twin => GeneratedNames.TwinName(callee.Name),
            InterceptedCallee.AwaitableForm => known.AwaitableFormOf(callee.OriginalDefinition)!,
            _ => callee.Name,
        };
        string target;
        if (callee.IsStatic)
        {
            target = TypeNames.Of(callee.ContainingType) + "." + name;
        }
        else
        {
            parameters.Add("this " + TypeNames.Of(callee.ContainingType) + " @this");
            plainParameters.Add(TypeNames.Of(callee.ContainingType) + " @this");
            target = "@this." + name;
        }

        if (callee.IsGenericMethod)
        {
            target += "<" + string.Join(", ", callee.TypeArguments.Select(t => TypeNames.Of(t))) + ">";
        }

        for (int i = 0; i < callee.Parameters.Length; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            parameters.Add((parameter.IsParams ? "params " : "") + TypeNames.Of(parameter.Type) + " p" + i);
            plainParameters.Add(TypeNames.Of(parameter.Type) + " p" + i);
            arguments.Add("p" + i);
        }

        FileLinePositionSpan span = invocation.GetLocation().GetLineSpan();
        return new InterceptorSpec(
            api,
            SortKey: span.Path + "|" + invocation.SpanStart.ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
            Outer: new InterceptedCall(outerLocation.Version, outerLocation.Data, outerLocation.GetDisplayLocation()),
            Inner: new InterceptedCall(innerLocation.Version, innerLocation.Data, innerLocation.GetDisplayLocation()),
            InnerParameters: string.Join(", ", parameters),
            PlainParameters: string.Join(", ", plainParameters),
            InnerArguments: string.Join(", ", arguments),
            Callee: kind,
            Target: target,
            ReturnType: callee.ReturnsVoid ? null : TypeNames.Of(callee.ReturnType));
#pragma warning restore RSEXPERIMENTAL002
    }
}
