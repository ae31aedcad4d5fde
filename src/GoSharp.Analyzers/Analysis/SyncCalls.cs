using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Analyzers.Analysis;

/// <summary>Recognises calls on GoSharp's sync types (<c>wg.Add(1)</c>, <c>mu.Lock()</c>) and what they are called on.</summary>
internal static class SyncCalls
{
    public const string WaitGroup = "GoSharp.WaitGroup";
    public const string Mutex = "GoSharp.Mutex";
    public const string RWMutex = "GoSharp.RWMutex";

    /// <summary>The method name of <c>x.Name(...)</c> (or <c>x?.Name(...)</c>), or null for another shape.</summary>
    public static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// If <paramref name="invocation"/> is <c>x.Name(...)</c> with <c>Name</c> one of
    /// <paramref name="names"/> and <c>x</c> of the GoSharp type <paramref name="typeName"/>, the
    /// variable <c>x</c> (a local, parameter, field or property); otherwise null.
    /// </summary>
    public static ISymbol? Receiver(InvocationExpressionSyntax invocation, string typeName, SemanticModel model, CancellationToken cancellationToken, params string[] names)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax member || System.Array.IndexOf(names, member.Name.Identifier.ValueText) < 0)
        {
            return null;
        }

        return ReceiverOf(member, typeName, model, cancellationToken);
    }

    /// <summary>The variable <c>x</c> of <c>x.Member</c> when <c>x</c> has the GoSharp type <paramref name="typeName"/>; otherwise null.</summary>
    public static ISymbol? ReceiverOf(MemberAccessExpressionSyntax member, string typeName, SemanticModel model, CancellationToken cancellationToken)
    {
        ISymbol? receiver = model.GetSymbolInfo(member.Expression, cancellationToken).Symbol;
        ITypeSymbol? type = receiver switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        return type?.ToDisplayString() == typeName ? receiver : null;
    }

    /// <summary>True if <paramref name="type"/> is GoSharp's <c>Mutex</c> or <c>RWMutex</c>.</summary>
    public static bool IsMutex(ITypeSymbol? type) => type?.ToDisplayString() is Mutex or RWMutex;
}
