using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Analysis;

/// <summary>
/// The nested functions of a <c>[Goroutine]</c> method that the twin turns into async local
/// functions, so that their blocking operations park: local functions, and lambdas that
/// initialise a delegate local (<c>Func&lt;int&gt; next = () =&gt; ch.Receive();</c>), that park (a
/// park site of their own, or a call to another such function) and do not escape. A function
/// escapes when it is used other than by a direct call (<c>f(x)</c>, or <c>f.Invoke(x)</c> for a
/// delegate local) from code that can await — goroutine code outside a <c>lock</c> body,
/// <c>unsafe</c> block or exception filter: the method's body, a go statement's lambda or another
/// such function. Converted to a delegate, passed to another API, assigned again, or with a
/// signature an async function cannot have (<c>ref</c>/<c>out</c>/<c>in</c> parameters, ref
/// structs, pointers, iterators, already <c>async</c>), it stays synchronous and its blocking
/// operations block the thread (GOSH007). Shared by the generator and the analyzers.
/// </summary>
internal static class ParkingLocalFunctions
{
    /// <summary>The functions in <paramref name="body"/> that become async local functions: <see cref="LocalFunctionStatementSyntax"/> and <see cref="LambdaExpressionSyntax"/> nodes.</summary>
    /// <param name="body">The <c>[Goroutine]</c> method's body.</param>
    /// <param name="model">The semantic model of its file.</param>
    /// <param name="known">GoSharp's well-known symbols.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public static HashSet<SyntaxNode> Find(SyntaxNode body, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<ISymbol, SyntaxNode>(SymbolEqualityComparer.Default);
        foreach (SyntaxNode node in body.DescendantNodes())
        {
            if (node is LocalFunctionStatementSyntax function && CanBeAsync(function, model, cancellationToken))
            {
                byName.Add(model.GetDeclaredSymbol(function, cancellationToken)!, function);
            }
            else if (node is VariableDeclaratorSyntax declarator && DelegateLambda(declarator, model, cancellationToken) is LambdaExpressionSyntax lambda)
            {
                byName.Add(model.GetDeclaredSymbol(declarator, cancellationToken)!, lambda);
            }
        }

        var parking = new HashSet<SyntaxNode>(byName.Values);
        if (parking.Count == 0)
        {
            return parking;
        }

        var references = body.DescendantNodes().OfType<SimpleNameSyntax>()
            .Select(name => (Name: name, Function: model.GetSymbolInfo(name, cancellationToken).Symbol))
            .Where(r => r.Function is not null && byName.ContainsKey(r.Function))
            .Select(r => (r.Name, Function: byName[r.Function!]))
            .ToList();

        // Shrink to a fixed point: a function that neither parks nor calls a parking function,
        // or that escapes, or that the rewriter never reaches, leaves the set; which may make
        // another one escape or stop parking.
        bool changed = true;
        while (changed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (SyntaxNode function in parking.ToList())
            {
                bool parks = ParksDirectly(function, model, known, cancellationToken)
                    || references.Any(r => parking.Contains(r.Function) && r.Function != function && EnclosingFunction(r.Name) == function);
                bool escapes = references.Any(r => r.Function == function && !IsAwaitableCall(r.Name, body, model, known, parking, cancellationToken));
                if (!parks || escapes || !IsRewritten(function, body, model, known, parking, cancellationToken))
                {
                    parking.Remove(function);
                    changed = true;
                }
            }
        }

        return parking;
    }

    /// <summary>
    /// If <paramref name="call"/> calls one of <paramref name="parking"/> (<c>f(x)</c>, or
    /// <c>f.Invoke(x)</c> of a delegate local), the function's name as called; otherwise null.
    /// </summary>
    public static SimpleNameSyntax? ParkingCallee(InvocationExpressionSyntax call, SemanticModel model, HashSet<SyntaxNode> parking, CancellationToken cancellationToken)
    {
        SimpleNameSyntax? name = call.Expression switch
        {
            SimpleNameSyntax direct => direct,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Expression: IdentifierNameSyntax target } => target,
            _ => null,
        };
        if (parking.Count == 0 || name is null)
        {
            return null;
        }

        SyntaxNode? declaration = model.GetSymbolInfo(name, cancellationToken).Symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.LocalFunction } function => function.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken),
            ILocalSymbol local => (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as VariableDeclaratorSyntax)?.Initializer?.Value,
            _ => null,
        };
        return declaration is not null && parking.Contains(declaration) ? name : null;
    }

    /// <summary>
    /// The lambda of <c>Func&lt;…&gt; f = (…) =&gt; …;</c>, the only declarator of a plain local
    /// declaration written on one line up to its <c>=&gt;</c>, if an async local function can take
    /// its place (no default or <c>params</c> parameters, no discards, an async-friendly signature).
    /// </summary>
    private static LambdaExpressionSyntax? DelegateLambda(VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken)
    {
        if (declarator.Initializer?.Value is not LambdaExpressionSyntax lambda
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax statement
            || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || statement.Modifiers.Count > 0
            || lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
            || lambda.AttributeLists.Count > 0
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol { Type: INamedTypeSymbol { DelegateInvokeMethod: IMethodSymbol invoke } }
            || invoke.Parameters.Any(p => p.HasExplicitDefaultValue || p.IsParams)
            || model.GetSymbolInfo(lambda, cancellationToken).Symbol is not IMethodSymbol signature
            || signature.Parameters.Any(p => p.Name == "_" || p.IsDiscard || p.HasExplicitDefaultValue || p.IsParams)
            || !CanBeAsync(invoke)
            || statement.ToString().Substring(0, lambda.ArrowToken.Span.End - statement.SpanStart).IndexOf('\n') >= 0)
        {
            return null;
        }

        return lambda;
    }

    private static bool CanBeAsync(LocalFunctionStatementSyntax function, SemanticModel model, CancellationToken cancellationToken) =>
        !function.Modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.ExternKeyword))
        && (function.Body is not null || function.ExpressionBody is not null)
        && !function.DescendantNodes().OfType<YieldStatementSyntax>().Any(y => y.Ancestors().OfType<LocalFunctionStatementSyntax>().First() == function)
        && model.GetDeclaredSymbol(function, cancellationToken) is IMethodSymbol symbol
        && CanBeAsync(symbol);

    private static bool CanBeAsync(IMethodSymbol signature) =>
        !signature.ReturnsByRef && !signature.ReturnsByRefReadonly
        && (signature.ReturnsVoid || IsPlainValueType(signature.ReturnType))
        && signature.Parameters.All(p => p.RefKind == RefKind.None && IsPlainValueType(p.Type));

    private static bool IsPlainValueType(ITypeSymbol type) =>
        !type.IsRefLikeType && type is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol);

    /// <summary>A park site in the function's own code (not in its nested functions), outside a lock, unsafe block or filter.</summary>
    private static bool ParksDirectly(SyntaxNode function, SemanticModel model, KnownSymbols known, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode node in function.DescendantNodes())
        {
            bool parks = node switch
            {
                InvocationExpressionSyntax call => ParkSites.Classify(call, model, known, cancellationToken) != ParkKind.None,
                CommonForEachStatementSyntax forEach => ParkSites.IsAwaitableForEach(forEach, model, known),
                _ => false,
            };
            if (parks && EnclosingFunction(node) == function && InAwaitableContext(node, function))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The nearest local function or lambda around <paramref name="node"/> (null for a query, or none).</summary>
    private static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return ancestor;
                case QueryExpressionSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>True if no lock body, unsafe block or exception filter lies between <paramref name="node"/> and <paramref name="function"/>.</summary>
    private static bool InAwaitableContext(SyntaxNode node, SyntaxNode function)
    {
        SyntaxNode child = node;
        for (SyntaxNode? current = node.Parent; current is not null && current != function; child = current, current = current.Parent)
        {
            if ((current is LockStatementSyntax lockStatement && child == lockStatement.Statement)
                || current is UnsafeStatementSyntax or CatchFilterClauseSyntax)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True if <paramref name="name"/> is called directly (<c>f(x)</c> or <c>f.Invoke(x)</c>) in code the rewriter turns into awaiting code.</summary>
    private static bool IsAwaitableCall(SimpleNameSyntax name, SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parking, CancellationToken cancellationToken)
    {
        SyntaxNode callee = name.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" } access && access.Expression == name
            ? access
            : name;
        // A delegate's parameter names may differ from its lambda's, which the local function
        // takes: a call with named arguments keeps the delegate.
        return callee.Parent is InvocationExpressionSyntax call
            && call.Expression == callee
            && (model.GetSymbolInfo(name, cancellationToken).Symbol is not ILocalSymbol || call.ArgumentList.Arguments.All(a => a.NameColon is null))
            && InGoroutineCode(call, body, model, known, parking, allowForbidden: false, cancellationToken);
    }

    /// <summary>True if the rewriter visits <paramref name="function"/> (so it can rewrite its body).</summary>
    private static bool IsRewritten(SyntaxNode function, SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parking, CancellationToken cancellationToken) =>
        InGoroutineCode(function, body, model, known, parking, allowForbidden: true, cancellationToken);

    /// <summary>
    /// Walks out from <paramref name="node"/> to the method body: goroutine code unless a nested
    /// function other than a goroutine-code lambda or a parking function comes first, or
    /// (unless <paramref name="allowForbidden"/>) a lock body, unsafe block or exception filter.
    /// </summary>
    private static bool InGoroutineCode(SyntaxNode node, SyntaxNode body, SemanticModel model, KnownSymbols known, HashSet<SyntaxNode> parking, bool allowForbidden, CancellationToken cancellationToken)
    {
        SyntaxNode child = node;
        for (SyntaxNode? current = node.Parent; current is not null && current != body; child = current, current = current.Parent)
        {
            switch (current)
            {
                case LocalFunctionStatementSyntax function:
                    return parking.Contains(function);
                case AnonymousFunctionExpressionSyntax lambda when parking.Contains(lambda):
                    return true;
                case AnonymousFunctionExpressionSyntax lambda:
                    // A lambda passed as goroutine code (to go, or to a [GoroutineCode]
                    // parameter) is a goroutine of its own: the rewriter reaches it wherever the
                    // call is, a lock included.
                    return GoroutineLambdas.CallOf(lambda, model, known, cancellationToken, callStaysBlocking: !InAwaitableContext(lambda, body)) is not null
                        && InGoroutineCode(lambda, body, model, known, parking, allowForbidden: true, cancellationToken);
                case QueryExpressionSyntax:
                    return false;
                case LockStatementSyntax lockStatement when child == lockStatement.Statement && !allowForbidden:
                    return false;
                case UnsafeStatementSyntax or CatchFilterClauseSyntax when !allowForbidden:
                    return false;
            }
        }

        return true;
    }
}
